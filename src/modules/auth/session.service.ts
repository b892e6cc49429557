import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request } from 'express';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../core/config/config.service';
import { deriveKeys } from '../../core/crypto/derived-keys';
import { safeEqual } from '../../core/crypto/token-hash';
import { AuditService } from '../audit/audit.service';
import { actorOf, type Principal } from './principal';
import { TokenService } from './token.service';
import { sessionPrincipal } from './user.service';
import { cookieOf, UserSessionService } from './user-session.service';

/** The browser session of the dashboard (src/modules/dashboard/README.md). */
export const SESSION_COOKIE = 'lb_session';
/** A working day: a monitor signs in once in the morning. */
export const SESSION_MAX_AGE_S = 8 * 3600;

const VERSION = 'v1';
const HKDF_PURPOSE = 'dashboard-session-v1';
const CSRF_PURPOSE = 'dashboard-csrf-v1';

interface SessionClaims {
  tokenId: string;
  /** Seconds since the epoch. */
  exp: number;
}

/**
 * Signs and reads the session cookie: `v1.<base64url JSON {tokenId, exp}>.<base64url HMAC-SHA256>`,
 * keyed by HKDF from ENCRYPTION_KEY. The cookie holds no secret: it names the API token the user
 * signed in with, and every request re-reads that token, so revoking or expiring the token ends
 * every session made with it at once.
 */
@Injectable()
export class SessionService {
  private readonly keys: Buffer[];
  private readonly csrfKey: Buffer;

  constructor(
    private readonly config: ConfigService,
    private readonly tokens: TokenService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UserSessionService,
  ) {
    this.keys = deriveKeys(config, HKDF_PURPOSE);
    this.csrfKey = deriveKeys(config, CSRF_PURPOSE)[0];
  }

  /** A signed cookie value for the token's session, valid for SESSION_MAX_AGE_S from now. */
  sign(tokenId: string, now = new Date()): string {
    const claims: SessionClaims = { tokenId, exp: Math.floor(now.getTime() / 1000) + SESSION_MAX_AGE_S };
    const body = `${VERSION}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${body}.${this.mac(this.keys[0], body)}`;
  }

  /** The claims of an authentic, unexpired cookie value; null otherwise. */
  verify(value: string, now = new Date()): SessionClaims | null {
    if (value.length > 512) return null;
    const parts = value.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION) return null;
    const body = `${parts[0]}.${parts[1]}`;
    if (!this.keys.some((k) => safeEqual(this.mac(k, body), parts[2]))) return null;
    let claims: Partial<SessionClaims>;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<SessionClaims>;
    } catch {
      return null;
    }
    if (typeof claims.tokenId !== 'string' || typeof claims.exp !== 'number') return null;
    if (claims.exp * 1000 <= now.getTime()) return null;
    return { tokenId: claims.tokenId, exp: claims.exp };
  }

  /**
   * The principal of the request's session: a console user's live session (lb_console), else the
   * token dashboard's cookie. Undefined without either cookie, null when the token cookie is forged,
   * expired, or its token has been revoked or has expired since — and for a person who has still to
   * replace a one-time password, who reads nothing until they have (the console's password page).
   */
  async principalOf(req: Request): Promise<Principal | null | undefined> {
    // A person signed in to the console (user_sessions) first; then the token dashboard's cookie.
    const person = await this.users.of(req);
    if (person) return person.mustChangePassword ? null : sessionPrincipal(person);
    const value = sessionCookieOf(req);
    if (value === undefined) return undefined;
    const claims = this.verify(value);
    return claims ? this.tokens.authenticateById(claims.tokenId) : null;
  }

  /**
   * The CSRF token the forms of the request's session post back (the dashboard's sign-out): a
   * console session's own token, or for the token dashboard's cookie an HMAC of the cookie. Null
   * without a live session.
   */
  async csrfTokenOf(req: Request): Promise<string | null> {
    const person = await this.users.of(req);
    if (person) return person.csrfToken;
    const value = sessionCookieOf(req);
    if (!value || !this.verify(value)) return null;
    return createHmac('sha256', this.csrfKey).update(value).digest('base64url');
  }

  /** True when `posted` is the CSRF token of the request's session (constant time). */
  async checkCsrf(req: Request, posted: unknown): Promise<boolean> {
    const expected = await this.csrfTokenOf(req);
    return !!expected && typeof posted === 'string' && safeEqual(posted, expected);
  }

  /** Attributes of the cookie: never readable by scripts, never sent by another site. */
  cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: this.config.isProduction,
      maxAge: SESSION_MAX_AGE_S * 1000,
    };
  }

  /** Audits a sign-in (who, with which token; never the token). */
  async recordLogin(p: Principal): Promise<void> {
    await this.audit.record(this.dataSource, {
      actor: actorOf(p),
      action: 'session.login',
      subject: `token:${p.id}`,
      payload: { tokenId: p.id, role: p.role, missionCode: p.missionCode },
    });
  }

  private mac(key: Buffer, body: string): string {
    return createHmac('sha256', key).update(body).digest('base64url');
  }
}

/** The raw value of the session cookie (express has no cookie parser installed here). */
export function sessionCookieOf(req: Request): string | undefined {
  return cookieOf(req, SESSION_COOKIE);
}

/**
 * False when the browser says the request comes from another site. Sec-Fetch-Site, which every
 * current browser sends, decides when present; else the Origin header must name this host ("null"
 * is refused). Requests with neither (curl, scripts) pass: a browser always sends one of them on a
 * form post, and the SameSite=Strict cookie keeps other sites' requests from carrying a session.
 * (helmet's Referrer-Policy: no-referrer makes Chromium send Origin: null even from this origin,
 * so Origin alone could not tell.)
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = req.header('origin');
  if (origin === undefined) return true;
  try {
    // req.host: the Host header, or X-Forwarded-Host from a trusted proxy (http-app.ts 'trust proxy').
    return origin !== 'null' && new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

/** True when a browser vouches that the request comes from this origin (for writes with the cookie). */
export function isVouchedSameOrigin(req: Request): boolean {
  return (
    (req.header('sec-fetch-site') !== undefined || req.header('origin') !== undefined) && isSameOrigin(req)
  );
}

import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request } from 'express';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../core/config/config.service';
import { hashToken, safeEqual } from '../../core/crypto/token-hash';
import type { Role } from './role';

/** The console's session cookie: a random secret; Postgres holds its SHA-256 (user_sessions). */
export const CONSOLE_COOKIE = 'lb_console';
/** A working day, at most: then sign in again. */
export const CONSOLE_SESSION_MAX_S = 12 * 3600;
/** Two hours without a request end a session (a shared consulate PC left signed in). */
export const CONSOLE_IDLE_S = 2 * 3600;
/** last_seen_at is written at most this often per session. */
const TOUCH_MS = 60_000;

export type SessionEndReason = 'logout' | 'password_changed' | 'password_reset' | 'disabled' | 'admin';

/** A live session and its user, as read on each request. */
export interface ConsoleSession {
  sessionId: string;
  csrfToken: string;
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  missionCode: string | null;
  locale: 'id' | 'en';
  mustChangePassword: boolean;
}

/**
 * Console sessions, stored in Postgres so that sign-out, a password change or disabling an account
 * ends them at once on every replica. The cookie is httpOnly and SameSite=Strict (Secure in
 * production); each session has its own CSRF token that every form posts back.
 */
@Injectable()
export class UserSessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService,
  ) {}

  /** Starts a session; returns the cookie value (shown to no one else) and the session's CSRF token. */
  async start(userId: string, userAgent?: string): Promise<{ secret: string; csrfToken: string }> {
    const secret = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO user_sessions (secret_hash, user_id, csrf_token, expires_at, user_agent)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5)`,
      [hashToken(secret), userId, csrfToken, CONSOLE_SESSION_MAX_S, userAgent?.slice(0, 300) ?? null],
    );
    return { secret, csrfToken };
  }

  /** The live session of the request's cookie: null when absent, ended, expired, idle or disabled. */
  async of(req: Request): Promise<ConsoleSession | null> {
    const secret = consoleCookieOf(req);
    if (!secret || secret.length > 100) return null;
    const rows: (ConsoleSession & { last_seen_ms: string })[] = await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", u.id AS "userId", u.email,
              u.display_name AS "displayName", u.role, u.mission_code AS "missionCode", u.locale,
              u.must_change_password AS "mustChangePassword",
              (extract(epoch FROM now() - s.last_seen_at) * 1000)::bigint AS last_seen_ms
       FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.secret_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now()
         AND s.last_seen_at > now() - make_interval(secs => $2) AND u.disabled_at IS NULL`,
      [hashToken(secret), CONSOLE_IDLE_S],
    );
    if (!rows.length) return null;
    const { last_seen_ms, ...session } = rows[0];
    if (Number(last_seen_ms) > TOUCH_MS)
      await this.dataSource.query(`UPDATE user_sessions SET last_seen_at = now() WHERE id = $1`, [
        session.sessionId,
      ]);
    return session;
  }

  /** True when the posted token is this session's (constant time). */
  checkCsrf(session: ConsoleSession, posted: unknown): boolean {
    return typeof posted === 'string' && posted.length > 0 && safeEqual(posted, session.csrfToken);
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE user_sessions SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL`,
      [sessionId, reason],
    );
  }

  /** Ends every session of a user, except `keep` (the one that changed its own password). */
  async endAll(userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
    // UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE user_sessions SET ended_at = now(), end_reason = $2
       WHERE user_id = $1 AND ended_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
      [userId, reason, keep ?? null],
    );
    return count;
  }

  /** Ended and expired sessions older than a week go (the audit log keeps the sign-ins). */
  async prune(): Promise<number> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM user_sessions WHERE coalesce(ended_at, expires_at) < now() - interval '7 days' RETURNING id`,
    );
    return count;
  }

  /** Never readable by scripts, never sent by another site, only over HTTPS in production. */
  cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: this.config.isProduction,
      maxAge: CONSOLE_SESSION_MAX_S * 1000,
    };
  }
}

/** The raw value of a named cookie (express has no cookie parser installed here). */
export function cookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

export function consoleCookieOf(req: Request): string | undefined {
  return cookieOf(req, CONSOLE_COOKIE);
}

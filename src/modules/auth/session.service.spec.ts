import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { ConfigService } from '../../core/config/config.service';
import { loadEnv } from '../../core/config/load-env';
import type { AuditService } from '../audit/audit.service';
import {
  isSameOrigin,
  isVouchedSameOrigin,
  SESSION_MAX_AGE_S,
  SessionService,
  sessionCookieOf,
} from './session.service';
import type { TokenService } from './token.service';
import type { UserSessionService } from './user-session.service';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const TOKEN_ID = '6f1c2b9e-3a4d-4e5f-8a7b-9c0d1e2f3a4b';
const service = (env: Record<string, string> = {}) =>
  new SessionService(
    new ConfigService(loadEnv(env)),
    {} as TokenService,
    {} as DataSource,
    {} as AuditService,
    {} as UserSessionService,
  );
const req = (headers: Record<string, string>, host = 'bridge.example:3000') =>
  ({ headers, host, header: (n: string) => headers[n.toLowerCase()] }) as unknown as Request;

describe('SessionService', () => {
  const now = new Date('2026-03-02T01:00:00Z');

  it('signs {tokenId, exp} and reads it back until it expires 8 hours later', () => {
    const s = service({ ENCRYPTION_KEY: `k1:${key(1)}` });
    const value = s.sign(TOKEN_ID, now);
    expect(value).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(s.verify(value, now)).toEqual({
      tokenId: TOKEN_ID,
      exp: now.getTime() / 1000 + SESSION_MAX_AGE_S,
    });
    expect(s.verify(value, new Date(now.getTime() + SESSION_MAX_AGE_S * 1000 - 1000))).not.toBeNull();
    expect(s.verify(value, new Date(now.getTime() + SESSION_MAX_AGE_S * 1000))).toBeNull();
  });

  it('refuses a changed payload, a changed signature, another key and other shapes', () => {
    const s = service({ ENCRYPTION_KEY: `k1:${key(1)}` });
    const [v, body, mac] = s.sign(TOKEN_ID, now).split('.');
    const other = Buffer.from(JSON.stringify({ tokenId: 'someone-else', exp: 4e9 })).toString('base64url');
    expect(s.verify(`${v}.${other}.${mac}`, now)).toBeNull();
    expect(s.verify(`${v}.${body}.${mac.slice(0, -1)}A`, now)).toBeNull();
    expect(s.verify(`v2.${body}.${mac}`, now)).toBeNull();
    expect(s.verify(`${v}.${body}`, now)).toBeNull();
    expect(s.verify('', now)).toBeNull();
    expect(service({ ENCRYPTION_KEY: `k2:${key(2)}` }).verify(`${v}.${body}.${mac}`, now)).toBeNull();
  });

  it('keeps sessions across a key rotation: the new key signs, the old one still verifies', () => {
    const old = service({ ENCRYPTION_KEY: `k1:${key(1)}` }).sign(TOKEN_ID, now);
    const rotated = service({ ENCRYPTION_KEY: `k2:${key(2)},k1:${key(1)}` });
    expect(rotated.verify(old, now)?.tokenId).toBe(TOKEN_ID);
    expect(service({ ENCRYPTION_KEY: `k1:${key(1)}` }).verify(rotated.sign(TOKEN_ID, now), now)).toBeNull();
  });

  it('without ENCRYPTION_KEY signs with a key of its own process only', () => {
    const a = service();
    expect(a.verify(a.sign(TOKEN_ID, now), now)).not.toBeNull();
    expect(service().verify(a.sign(TOKEN_ID, now), now)).toBeNull();
  });

  it('sets the cookie HttpOnly, SameSite=Strict, on /, for 8 hours, Secure in production', () => {
    expect(service().cookieOptions()).toEqual({
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: false,
      maxAge: 8 * 3600 * 1000,
    });
    const production = service({
      NODE_ENV: 'production',
      LAPOR_BASE_URL: 'https://gateway.example/lapor',
      LAPOR_API_KEY: 'key',
      LAPOR_TOKEN: '{0a1b2c3d-0000-4000-8000-1234567890ab}',
      LAPOR_WEBHOOK_SECRETS: `whsec_${key(3)}`,
      ENCRYPTION_KEY: `k1:${key(1)}`,
    });
    expect(production.cookieOptions().secure).toBe(true);
  });
});

describe('sessionCookieOf', () => {
  it('finds lb_session among other cookies', () => {
    expect(sessionCookieOf(req({ cookie: 'a=1; lb_session=v1.x.y; b=2' }))).toBe('v1.x.y');
    expect(sessionCookieOf(req({ cookie: 'xlb_session=1' }))).toBeUndefined();
    expect(sessionCookieOf(req({}))).toBeUndefined();
  });
});

describe('isSameOrigin', () => {
  it('trusts Sec-Fetch-Site when the browser sends it', () => {
    expect(isSameOrigin(req({ 'sec-fetch-site': 'same-origin', origin: 'null' }))).toBe(true);
    expect(isSameOrigin(req({ 'sec-fetch-site': 'same-site' }))).toBe(false);
    expect(isSameOrigin(req({ 'sec-fetch-site': 'cross-site', origin: 'http://bridge.example:3000' }))).toBe(
      false,
    );
  });

  it('else compares Origin with the host, refusing "null"', () => {
    expect(isSameOrigin(req({ origin: 'http://bridge.example:3000' }))).toBe(true);
    expect(isSameOrigin(req({ origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOrigin(req({ origin: 'null' }))).toBe(false);
    expect(isSameOrigin(req({ origin: 'not a url' }))).toBe(false);
  });

  it('lets requests with neither header through, but does not vouch for them', () => {
    expect(isSameOrigin(req({}))).toBe(true);
    expect(isVouchedSameOrigin(req({}))).toBe(false);
    expect(isVouchedSameOrigin(req({ 'sec-fetch-site': 'same-origin' }))).toBe(true);
  });
});

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of bridge API tokens, so a leaked one is recognisable by secret scanners. */
export const TOKEN_PREFIX = 'lbt_';

/** A new random API token: 256 bits, base64url. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a token. Tokens are long random strings (not passwords), so a fast hash is the right
 * tool: it cannot be brute-forced, and lookup by hash stays an index scan.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/**
 * LAPOR-API.md "Transport": every call carries `<auth header>: Bearer <key>` and `token: {GUID}`.
 * Each missing or wrong header is refused with its own message, so a misconfigured client is obvious.
 */
export interface LaporAuthOptions {
  apiKey: string;
  token: string;
  authHeader: string;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function deny(res: Response, message: string): void {
  res.status(401).json({ success: false, message });
}

export function laporAuth(opts: LaporAuthOptions): RequestHandler {
  return (req, res, next) => {
    const auth = req.get(opts.authHeader);
    const token = req.get('token');
    if (!auth) return deny(res, `Header ${opts.authHeader} wajib diisi (Bearer <API key>)`);
    const bearer = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (!bearer || !sameText(bearer[1], opts.apiKey)) return deny(res, 'API key tidak valid');
    if (!token) return deny(res, 'Header token wajib diisi');
    if (!sameText(token.trim(), opts.token)) return deny(res, 'Token tidak valid');
    next();
  };
}

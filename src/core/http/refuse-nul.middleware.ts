import type { NextFunction, Request, Response } from 'express';
import { problem, sendProblem } from './problem';
import type { RawBodyRequest } from './http-app';

const NUL_IN_URL = /%00/i;
/** `\u0000` in JSON text that is an escape (an odd number of backslashes before the u), not `\\u0000`. */
const NUL_IN_JSON = /(?<!\\)(?:\\\\)*\\u0000/;
const MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * Postgres cannot store U+0000 in text or jsonb, so it never reaches a query: a request that carries
 * it in its URL or its JSON body is refused with 400 VALIDATION_FAILED naming the field. (LAPOR!'s
 * webhooks are not passed here: intake drops U+0000 from LAPOR!'s text, which is not ours to refuse.)
 */
export function refuseNulMiddleware(req: Request, res: Response, next: NextFunction): void {
  const field = nulField(req);
  if (!field) return next();
  sendProblem(
    res,
    problem(400, 'VALIDATION_FAILED', 'The request is not valid.', {
      errors: [{ field, message: MESSAGE }],
      instance: req.originalUrl.split('?')[0].replace(/%00/gi, ''),
      correlationId: (req as Request & { id?: string }).id,
    }),
  );
}

function nulField(req: Request): string | null {
  if (NUL_IN_URL.test(req.originalUrl))
    return req.originalUrl.split('?')[0].match(NUL_IN_URL) ? 'path' : 'query';
  const raw = (req as RawBodyRequest).rawBody;
  if (!raw || !NUL_IN_JSON.test(raw.toString('utf8'))) return null;
  return nulPath(req.body) ?? 'body';
}

/** The dotted path of the first string (or key) holding U+0000; iterative, so deep nesting is safe. */
export function nulPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || 'body';
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return p.split('\u0000').join('');
        stack.push([child, p]);
      }
    }
  }
  return null;
}

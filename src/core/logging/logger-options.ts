import type { Request } from 'express';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { currentCorrelationId } from '../http/correlation';

/**
 * Anything that could carry personal data or a credential is removed from log lines: the bridge
 * handles citizens' complaints (SPEC.md "Reliability and security promises": no personal data in logs).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.auth',
  'req.headers.token',
  'req.headers.cookie',
  'req.headers["webhook-signature"]',
  'res.headers["set-cookie"]',
  '*.reporter',
  '*.email',
  '*.phone',
  '*.password',
  '*.token',
  '*.content',
];

/** Quoted values in driver messages ('invalid input syntax for type uuid: "…"') may be personal data. */
const QUOTED = /"[^"]*"|'[^']*'/g;

/**
 * Errors are logged by name, code, message and stack only: a TypeORM QueryFailedError also carries
 * the SQL parameters and Postgres' `detail` (key values), which may hold complaint text.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err).replace(QUOTED, '"…"') };
  const e = err as Error & { code?: unknown };
  return {
    type: e.name,
    code: typeof e.code === 'string' ? e.code : undefined,
    message: e.message.replace(QUOTED, '"…"'),
    stack: e.stack?.split('\n').slice(1).join('\n'),
  };
}

export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      timestamp: stdTimeFunctions.isoTime,
      // The correlation middleware has already chosen the id; reuse it as the request id.
      genReqId: (req) => (req as unknown as Request & { id?: string }).id ?? 'none',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Every line, inside a request or a job, carries the correlation id of what caused it.
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      serializers: {
        err: serializeError,
        // Log the path without query strings (a `q=` search could hold a reporter's name).
        req: (req: { id?: string; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url?.split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
    },
  };
}

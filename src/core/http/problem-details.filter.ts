import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from './domain.errors';
import { currentCorrelationId } from './correlation';
import { problem, sendProblem, type Problem } from './problem';

/** Codes for the framework's own HTTP exceptions, so clients always get a stable `code`. */
const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors that mean "the database is not there right now": the caller should retry later. */
function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  const err = e as { code?: string; message?: string; driverError?: { code?: string }; cause?: unknown };
  if (!err || typeof err !== 'object') return false;
  const code = err.driverError?.code ?? err.code;
  if (code && /^(08|57P0)/.test(code)) return true; // connection exceptions, admin shutdown
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT') return true;
  // A connection cut mid-transaction often surfaces as the ROLLBACK's error: "not queryable".
  if (
    /Connection terminated|not queryable|Client was closed|timeout exceeded when trying to connect|connect ECONNREFUSED|the database system is (starting up|shutting down|in recovery mode)/i.test(
      err.message ?? '',
    )
  )
    return true;
  return depth < 3 && err.cause !== undefined && isDatabaseUnavailable(err.cause, depth + 1);
}

/**
 * The one global exception filter (STYLE.md habit 8): every error leaves as problem+json with a
 * stable code and the correlation id; a 500 never shows internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const p = this.toProblem(exception);
    p.instance = req.originalUrl?.split('?')[0];
    p.correlationId = currentCorrelationId() ?? (req as Request & { id?: string }).id;
    if (p.status >= 500) {
      this.logger.error({ err: exception, code: p.code, status: p.status }, 'request failed');
    }
    if (p.status === 503) res.setHeader('Retry-After', '5');
    sendProblem(res, p);
  }

  private toProblem(e: unknown): Problem {
    if (e instanceof DomainError) return problem(e.status, e.code, e.message, e.extras);
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const body = e.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : typeof (body as { message?: unknown }).message === 'string'
            ? (body as { message: string }).message
            : e.message;
      return problem(
        status,
        HTTP_CODES[status] ?? `HTTP_${status}`,
        status >= 500 ? 'Server error.' : detail,
      );
    }
    if (isDatabaseUnavailable(e)) {
      return problem(503, 'DATABASE_UNAVAILABLE', 'The database is not reachable right now; retry later.');
    }
    return problem(
      500,
      'INTERNAL',
      'An unexpected error occurred. Quote the correlation id when reporting it.',
    );
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * The correlation id that ties a request (or a poll, or a job) to every log line, event row,
 * outbox row, job and error document it causes (STYLE.md habit 8).
 */
const storage = new AsyncLocalStorage<string>();
export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,64}$/;

export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

/** Runs fn with the given correlation id (or a new one) as the current one. */
export function withCorrelation<T>(correlationId: string | undefined, fn: () => T): T {
  return storage.run(correlationId ?? randomUUID(), fn);
}

/** The current id, or a fresh one when called outside any request or job. */
export function correlationId(): string {
  return storage.getStore() ?? randomUUID();
}

/** Express middleware: accept a sane incoming id, else make one; echo it in the response. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header(CORRELATION_HEADER);
  const id = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  (req as Request & { id?: string }).id = id;
  res.setHeader(CORRELATION_HEADER, id);
  storage.run(id, next);
}

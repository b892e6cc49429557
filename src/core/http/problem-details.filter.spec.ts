import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { DomainError, ValidationFailedError } from './domain.errors';
import { ProblemDetailsFilter } from './problem-details.filter';
import { withCorrelation } from './correlation';

/** Runs the filter against a minimal Express-like request/response and returns what was sent. */
function run(exception: unknown): {
  status: number;
  type: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
} {
  const sent = {
    status: 0,
    type: '',
    body: {} as Record<string, unknown>,
    headers: {} as Record<string, string>,
  };
  const res = {
    headersSent: false,
    status(s: number) {
      sent.status = s;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    send(b: string) {
      sent.body = JSON.parse(b) as Record<string, unknown>;
      return this;
    },
    setHeader(n: string, v: string) {
      sent.headers[n] = v;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ originalUrl: '/api/v1/x?q=secret' }),
      getResponse: () => res,
    }),
  } as unknown as ArgumentsHost;
  const filter = new ProblemDetailsFilter();
  // The filter logs 5xx; keep the unit test output clean.
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  withCorrelation('corr-123456', () => filter.catch(exception, host));
  return sent;
}

describe('ProblemDetailsFilter', () => {
  it('turns a domain error into its status and stable code, with instance and correlation id', () => {
    const r = run(
      new DomainError('COMPLAINT_INVALID_TRANSITION', 409, 'Cannot resolve a forwarded complaint.'),
    );
    expect(r.status).toBe(409);
    expect(r.type).toBe('application/problem+json');
    expect(r.body).toEqual({
      type: 'urn:lapor-bridge:problem:complaint-invalid-transition',
      title: 'Conflict',
      status: 409,
      detail: 'Cannot resolve a forwarded complaint.',
      code: 'COMPLAINT_INVALID_TRANSITION',
      instance: '/api/v1/x',
      correlationId: 'corr-123456',
    });
  });

  it('lists each invalid field of a validation error', () => {
    const r = run(new ValidationFailedError([{ field: 'reason', message: 'reason should not be empty' }]));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'reason', message: 'reason should not be empty' }],
    });
  });

  it('gives framework exceptions a stable code', () => {
    expect(run(new NotFoundException()).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(run(new BadRequestException('bad')).body).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      detail: 'bad',
    });
    expect(run(new HttpException('teapot', 418)).body).toMatchObject({ status: 418, code: 'HTTP_418' });
  });

  it('answers 503 with Retry-After when the database is unreachable, so senders retry', () => {
    const r = run(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(r.status).toBe(503);
    expect(r.headers['Retry-After']).toBe('5');
    expect(r.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });

  it('answers 503 to a connection cut in the middle of a transaction, however it surfaces', () => {
    for (const e of [
      new Error('Client has encountered a connection error and is not queryable'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      new Error('Transaction failed', { cause: new Error('Connection terminated unexpectedly') }),
      new Error('the database system is shutting down'),
    ]) {
      const r = run(e);
      expect({ message: e.message, status: r.status, code: r.body.code }).toEqual({
        message: e.message,
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
      });
    }
  });

  it('never shows internals in a 500', () => {
    const r = run(new Error('relation "secret_table" does not exist at /srv/app/x.ts:12'));
    expect(r.status).toBe(500);
    expect(r.body.code).toBe('INTERNAL');
    expect(JSON.stringify(r.body)).not.toMatch(/secret_table|\/srv\/app/);
    expect(r.body.correlationId).toBe('corr-123456');
  });
});

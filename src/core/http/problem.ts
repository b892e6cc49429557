import type { Response } from 'express';
import type { FieldError } from './domain.errors';

/** An RFC 9457 problem document, plus the bridge's stable `code` and the correlation id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extras: Partial<Problem> & Record<string, unknown> = {},
): Problem {
  // Extensions never replace the members RFC 9457 and clients rely on.
  return {
    ...extras,
    type: `urn:lapor-bridge:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  };
}

export function sendProblem(res: Response, p: Problem): void {
  if (res.headersSent) return;
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
}

import { isAxiosError } from 'axios';
import { LaporError } from './lapor.errors';

/**
 * Turns what HTTP gave us into a LaporError (README.md "Errors"): the one place that decides what is
 * permanent, what is worth retrying, and whether a failed write may have landed.
 */
export interface CallContext {
  /** "POST /complaints/followup/add": method and path template, no ids. */
  operation: string;
  /** A write: LAPOR! has no idempotency keys, so an ambiguous failure means "may have landed". */
  write: boolean;
  /** Clock for Retry-After given as an HTTP date. */
  now: () => number;
}

/** Connection failures that happen before a byte of the request is sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const MAX_MESSAGE = 300;
const MAX_FIELDS = 20;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3) → ms from now; undefined if unusable. */
export function parseRetryAfter(value: unknown, now: () => number = Date.now): number | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}

/** LAPOR!'s `{ success: false, message, errors? }`, kept short; anything else yields nothing. */
function laporMessageOf(body: unknown): Pick<LaporError, 'laporMessage' | 'fieldErrors'> {
  if (typeof body !== 'object' || body === null) return {};
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const laporMessage =
    typeof message === 'string' && message.trim() ? truncate(message, MAX_MESSAGE) : undefined;
  let fieldErrors: Record<string, string[]> | undefined;
  if (typeof errors === 'object' && errors !== null && !Array.isArray(errors)) {
    fieldErrors = {};
    for (const [field, list] of Object.entries(errors).slice(0, MAX_FIELDS)) {
      const messages = (Array.isArray(list) ? list : [list]).filter((m) => typeof m === 'string');
      fieldErrors[truncate(field, 64)] = messages.slice(0, 5).map((m: string) => truncate(m, MAX_MESSAGE));
    }
  }
  return { laporMessage, fieldErrors };
}

/** An HTTP answer other than 2xx. */
export function errorForStatus(
  status: number,
  body: unknown,
  headers: Record<string, unknown>,
  ctx: CallContext,
): LaporError {
  const base = { status, operation: ctx.operation, ...laporMessageOf(body) };
  const said = base.laporMessage ? `: ${base.laporMessage}` : '';
  if (status === 401 || status === 403) {
    return new LaporError('LAPOR_AUTH', `LAPOR! refused our credentials (${status})${said}`, base);
  }
  if (status === 404) return new LaporError('LAPOR_NOT_FOUND', `LAPOR! answered 404${said}`, base);
  if (status === 408) return new LaporError('LAPOR_TIMEOUT', `LAPOR! answered 408${said}`, base);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], ctx.now);
    return new LaporError('LAPOR_RATE_LIMITED', `LAPOR! rate-limited us (429)${said}`, {
      ...base,
      retryAfterMs,
    });
  }
  if (status >= 500 && status <= 599) {
    return new LaporError('LAPOR_UNAVAILABLE', `LAPOR! answered ${status}${said}`, {
      ...base,
      outcomeUnknown: ctx.write,
    });
  }
  if (status >= 400 && status <= 499) {
    return new LaporError('LAPOR_REJECTED', `LAPOR! rejected the request (${status})${said}`, base);
  }
  // 1xx/3xx: redirects are not followed (they would carry the token header to another host).
  return new LaporError('LAPOR_BAD_RESPONSE', `LAPOR! answered an unexpected ${status}`, {
    ...base,
    outcomeUnknown: ctx.write,
  });
}

/** No HTTP answer: timeout, refused, dropped. `timedOut` is true when our own deadline fired. */
export function errorForTransport(err: unknown, timedOut: boolean, ctx: CallContext): LaporError {
  const code = isAxiosError(err) ? err.code : (err as { code?: unknown } | null)?.code;
  const causeCode = typeof code === 'string' ? code : undefined;
  if (timedOut || (causeCode && TIMED_OUT.has(causeCode))) {
    return new LaporError('LAPOR_TIMEOUT', 'LAPOR! did not answer in time', {
      operation: ctx.operation,
      causeCode,
      outcomeUnknown: ctx.write,
    });
  }
  const notSent = causeCode !== undefined && NOT_SENT.has(causeCode);
  return new LaporError(
    'LAPOR_UNAVAILABLE',
    `LAPOR! could not be reached (${causeCode ?? 'network error'})`,
    {
      operation: ctx.operation,
      causeCode,
      notSent,
      outcomeUnknown: ctx.write && !notSent,
    },
  );
}

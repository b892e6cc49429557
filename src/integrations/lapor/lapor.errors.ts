/**
 * Errors of the LAPOR! client (README.md "Errors"). Stable codes, safe to log and to store in a job's
 * failure: they never carry request bodies, reporter data or credentials. In particular the axios
 * error is never attached as `cause`, because its config holds the API key, the token and the body.
 */
export const LAPOR_ERROR_CODES = [
  'LAPOR_TIMEOUT',
  'LAPOR_UNAVAILABLE',
  'LAPOR_RATE_LIMITED',
  'LAPOR_REJECTED',
  'LAPOR_NOT_FOUND',
  'LAPOR_AUTH',
  'LAPOR_BAD_RESPONSE',
  'LAPOR_CIRCUIT_OPEN',
  'LAPOR_MAPPING_FAILED',
] as const;
export type LaporErrorCode = (typeof LAPOR_ERROR_CODES)[number];

/** Codes worth trying again later (by the client's own retry, or by the caller's job). */
const RETRYABLE: ReadonlySet<LaporErrorCode> = new Set([
  'LAPOR_TIMEOUT',
  'LAPOR_UNAVAILABLE',
  'LAPOR_RATE_LIMITED',
  'LAPOR_CIRCUIT_OPEN',
]);

export interface LaporErrorDetails {
  status?: number;
  /** 429: how long LAPOR! asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  /** "GET /complaints/{complaint_id}/complaint": the call, without ids or query values. */
  operation?: string;
  /**
   * A write whose outcome is unknown: it may have landed (timeout, dropped connection, 5xx, an
   * unreadable answer). LAPOR! has no idempotency keys, so the caller must look before writing again
   * (LAPOR-API.md "Endpoints"). False for reads and for writes that surely did not land.
   */
  outcomeUnknown?: boolean;
  /** The request never left (connection refused, DNS): safe to send again, even a write. */
  notSent?: boolean;
  /** LAPOR!'s own message and Laravel-style field errors on a 4xx, truncated. */
  laporMessage?: string;
  fieldErrors?: Record<string, string[]>;
  /** Low-level cause such as ECONNRESET or ETIMEDOUT (a code, never an object). */
  causeCode?: string;
}

export class LaporError extends Error {
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly operation?: string;
  readonly outcomeUnknown: boolean;
  readonly notSent: boolean;
  readonly laporMessage?: string;
  readonly fieldErrors?: Record<string, string[]>;
  readonly causeCode?: string;

  constructor(
    readonly code: LaporErrorCode,
    message: string,
    details: LaporErrorDetails = {},
  ) {
    super(details.operation ? `${details.operation}: ${message}` : message);
    this.name = 'LaporError';
    this.retryable = RETRYABLE.has(code);
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.operation = details.operation;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.notSent = details.notSent ?? false;
    this.laporMessage = details.laporMessage;
    this.fieldErrors = details.fieldErrors;
    this.causeCode = details.causeCode;
  }

  /** For structured logs and job failure records: everything here is safe to keep. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      operation: this.operation,
      outcomeUnknown: this.outcomeUnknown,
      laporMessage: this.laporMessage,
      fieldErrors: this.fieldErrors,
      causeCode: this.causeCode,
    };
  }
}

/**
 * One wire object that cannot be mapped (the wire is untrusted input). `reason` names the field and
 * what was expected, never the value. In a page it becomes an entry of `rejected`; alone (a detail,
 * a webhook payload) it is thrown.
 */
export class LaporMappingError extends LaporError {
  constructor(
    readonly reason: string,
    readonly laporId: string | null = null,
    operation?: string,
  ) {
    super('LAPOR_MAPPING_FAILED', laporId ? `item ${laporId}: ${reason}` : reason, { operation });
    this.name = 'LaporMappingError';
  }
}

export function isLaporError(err: unknown, code?: LaporErrorCode): err is LaporError {
  return err instanceof LaporError && (code === undefined || err.code === code);
}

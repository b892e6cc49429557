import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  ExponentialBackoff,
  handleWhen,
  retry,
  wrap,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IPolicy,
  type IRetryBackoffContext,
  type IRetryContext,
} from 'cockatiel';
import { LaporError } from './lapor.errors';

/**
 * Retry and circuit breaker of the LAPOR! client, with cockatiel (README.md "Resilience").
 * - Retry: exponential backoff with decorrelated jitter, for retryable errors only; a 429's
 *   Retry-After is waited exactly, unless it exceeds the cap: then the call gives up at once with
 *   LAPOR_RATE_LIMITED (carrying retryAfterMs) so the caller's job can reschedule.
 * - Writes (POST) are retried only when they surely did not land (429, connection refused): LAPOR!
 *   has no idempotency keys, so after a timeout or a 5xx the caller must look before writing again.
 * - One breaker per client instance, outside the retry: a call that exhausted its retries on
 *   timeouts, 5xx or connection failures counts once; `breakerThreshold` such calls in a row open it.
 *   While open every call fails at once with LAPOR_CIRCUIT_OPEN (nothing is sent); after
 *   `halfOpenAfterMs` one trial call decides. Permanent errors (4xx) and 429 never count.
 */
export interface ResilienceOptions {
  /** Total attempts of one call, the first included. */
  attempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Longest Retry-After waited inside a call. */
  retryAfterCapMs: number;
  breakerThreshold: number;
  halfOpenAfterMs: number;
}

export type RetryPolicyContext = IRetryContext;

export interface LaporPolicies {
  read: IPolicy<RetryPolicyContext>;
  write: IPolicy<RetryPolicyContext>;
  breaker: CircuitBreakerPolicy;
}

/** Whether the client itself tries this failure again within the same call. */
export function retriedWithinCall(err: unknown, write: boolean, retryAfterCapMs: number): boolean {
  if (!(err instanceof LaporError) || !err.retryable || err.code === 'LAPOR_CIRCUIT_OPEN') return false;
  if (err.code === 'LAPOR_RATE_LIMITED') return (err.retryAfterMs ?? 0) <= retryAfterCapMs;
  return write ? err.notSent : true;
}

/** Outage signals: what the breaker counts. */
export function countsAsOutage(err: unknown): boolean {
  return err instanceof LaporError && (err.code === 'LAPOR_TIMEOUT' || err.code === 'LAPOR_UNAVAILABLE');
}

/** Exponential with jitter, except after a 429 with Retry-After: exactly that wait. */
export function laporBackoff(
  opts: ResilienceOptions,
): DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>> {
  const exponential = new ExponentialBackoff({
    initialDelay: opts.initialBackoffMs,
    maxDelay: opts.maxBackoffMs,
  });
  return new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>>((context, state) => {
    const next = state ? state.next(context) : exponential.next();
    const error = 'error' in context.result ? context.result.error : undefined;
    const retryAfterMs = error instanceof LaporError ? error.retryAfterMs : undefined;
    return { delay: retryAfterMs ?? next.duration, state: next };
  });
}

export function createLaporPolicies(opts: ResilienceOptions): LaporPolicies {
  const breaker = circuitBreaker(handleWhen(countsAsOutage), {
    halfOpenAfter: opts.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(opts.breakerThreshold),
  });
  const retryPolicy = (write: boolean) =>
    retry(
      handleWhen((err) => retriedWithinCall(err, write, opts.retryAfterCapMs)),
      { maxAttempts: Math.max(0, opts.attempts - 1), backoff: laporBackoff(opts) },
    );
  return { read: wrap(breaker, retryPolicy(false)), write: wrap(breaker, retryPolicy(true)), breaker };
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * cockatiel keeps the state "open" until the next call after halfOpenAfter; for a status page the
 * breaker is then effectively half-open (the next call is the trial), so it is reported that way.
 */
export function breakerStateOf(
  policy: CircuitBreakerPolicy,
  openedAt: number | null,
  halfOpenAfterMs: number,
): BreakerState {
  switch (policy.state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Open:
      return openedAt !== null && Date.now() - openedAt >= halfOpenAfterMs ? 'half-open' : 'open';
    default:
      return 'open';
  }
}

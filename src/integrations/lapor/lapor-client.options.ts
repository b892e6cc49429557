import type { ResilienceOptions } from './lapor-resilience';

/** Tuning of the LAPOR! client; every field has a production default (README.md "Resilience"). */
export interface LaporClientOptions extends ResilienceOptions {
  /** Deadline of one attempt, connect to last byte. */
  timeoutMs: number;
  /** Bound on pages followed by allFollowUps(), institutions() and templates(). */
  maxPages: number;
  /** Clock for Retry-After HTTP dates. (cockatiel's breaker and backoff use real time.) */
  now: () => number;
}

export const DEFAULT_LAPOR_CLIENT_OPTIONS: Readonly<LaporClientOptions> = Object.freeze({
  timeoutMs: 10_000,
  attempts: 4,
  initialBackoffMs: 250,
  maxBackoffMs: 10_000,
  retryAfterCapMs: 60_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
  maxPages: 50,
  now: () => Date.now(),
});

/** Nest token for overriding the defaults (tests, or a module that reads them from config). */
export const LAPOR_CLIENT_OPTIONS = Symbol('LAPOR_CLIENT_OPTIONS');

import { BrokenCircuitError } from 'cockatiel';
import { LaporError, type LaporErrorCode, type LaporErrorDetails } from './lapor.errors';
import {
  breakerStateOf,
  countsAsOutage,
  createLaporPolicies,
  laporBackoff,
  retriedWithinCall,
  type ResilienceOptions,
} from './lapor-resilience';

const OPTS: ResilienceOptions = {
  attempts: 4,
  initialBackoffMs: 1,
  maxBackoffMs: 5,
  retryAfterCapMs: 2_000,
  breakerThreshold: 2,
  halfOpenAfterMs: 150,
};
const lapor = (code: LaporErrorCode, details: LaporErrorDetails = {}) => new LaporError(code, code, details);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A function failing with the given errors in turn, then answering 'ok'; counts its calls. */
function script(...errors: LaporError[]) {
  const fn = jest.fn(() => {
    const next = errors.shift();
    return next ? Promise.reject(next) : Promise.resolve('ok');
  });
  return fn;
}

describe('LAPOR! resilience', () => {
  describe('what is retried within a call', () => {
    it('reads: timeouts, 5xx, connection failures and 429 within the cap', () => {
      expect(retriedWithinCall(lapor('LAPOR_TIMEOUT'), false, 1000)).toBe(true);
      expect(retriedWithinCall(lapor('LAPOR_UNAVAILABLE'), false, 1000)).toBe(true);
      expect(retriedWithinCall(lapor('LAPOR_RATE_LIMITED', { retryAfterMs: 1000 }), false, 1000)).toBe(true);
      expect(retriedWithinCall(lapor('LAPOR_RATE_LIMITED'), false, 1000)).toBe(true);
    });

    it('never permanent errors, an open circuit, or a Retry-After beyond the cap', () => {
      for (const code of ['LAPOR_AUTH', 'LAPOR_NOT_FOUND', 'LAPOR_REJECTED', 'LAPOR_BAD_RESPONSE'] as const) {
        expect(retriedWithinCall(lapor(code), false, 1000)).toBe(false);
      }
      expect(retriedWithinCall(lapor('LAPOR_CIRCUIT_OPEN'), false, 1000)).toBe(false);
      expect(retriedWithinCall(lapor('LAPOR_RATE_LIMITED', { retryAfterMs: 1001 }), false, 1000)).toBe(false);
      expect(retriedWithinCall(new Error('bug'), false, 1000)).toBe(false);
    });

    it('writes: only what surely did not land (429, not sent)', () => {
      expect(retriedWithinCall(lapor('LAPOR_UNAVAILABLE', { outcomeUnknown: true }), true, 1000)).toBe(false);
      expect(retriedWithinCall(lapor('LAPOR_TIMEOUT', { outcomeUnknown: true }), true, 1000)).toBe(false);
      expect(retriedWithinCall(lapor('LAPOR_UNAVAILABLE', { notSent: true }), true, 1000)).toBe(true);
      expect(retriedWithinCall(lapor('LAPOR_RATE_LIMITED', { retryAfterMs: 10 }), true, 1000)).toBe(true);
    });

    it('the breaker counts outages only', () => {
      expect(countsAsOutage(lapor('LAPOR_TIMEOUT'))).toBe(true);
      expect(countsAsOutage(lapor('LAPOR_UNAVAILABLE'))).toBe(true);
      expect(countsAsOutage(lapor('LAPOR_RATE_LIMITED'))).toBe(false);
      expect(countsAsOutage(lapor('LAPOR_NOT_FOUND'))).toBe(false);
    });
  });

  describe('backoff', () => {
    const signal = new AbortController().signal;
    const ctx = (error: LaporError, attempt: number) => ({ attempt, signal, result: { error } });

    it('waits exactly Retry-After after a 429', () => {
      const backoff = laporBackoff({ ...OPTS, initialBackoffMs: 100, maxBackoffMs: 10_000 });
      const first = backoff.next(ctx(lapor('LAPOR_RATE_LIMITED', { retryAfterMs: 1234 }), 1));
      expect(first.duration).toBe(1234);
      const second = first.next(ctx(lapor('LAPOR_UNAVAILABLE'), 2));
      expect(second.duration).toBeGreaterThanOrEqual(0);
      expect(second.duration).toBeLessThanOrEqual(10_000);
    });

    it('grows with jitter, capped by maxBackoffMs', () => {
      const backoff = laporBackoff({ ...OPTS, initialBackoffMs: 100, maxBackoffMs: 2_000 });
      let step = backoff.next(ctx(lapor('LAPOR_UNAVAILABLE'), 1));
      const durations = [step.duration];
      for (let i = 2; i <= 8; i++) {
        step = step.next(ctx(lapor('LAPOR_UNAVAILABLE'), i));
        durations.push(step.duration);
      }
      expect(durations.every((d) => d >= 0 && d <= 2_000)).toBe(true);
      expect(Math.max(...durations)).toBeGreaterThan(100);
    });
  });

  describe('policies', () => {
    it('a read is retried up to `attempts` in total, then fails with the last error', async () => {
      const { read } = createLaporPolicies(OPTS);
      const fn = script(...Array.from({ length: 5 }, () => lapor('LAPOR_UNAVAILABLE')));
      await expect(read.execute(fn)).rejects.toMatchObject({ code: 'LAPOR_UNAVAILABLE' });
      expect(fn).toHaveBeenCalledTimes(4);
    });

    it('a read succeeds after transient failures', async () => {
      const { read } = createLaporPolicies(OPTS);
      const fn = script(lapor('LAPOR_UNAVAILABLE'), lapor('LAPOR_TIMEOUT'));
      await expect(read.execute(fn)).resolves.toBe('ok');
      expect(fn).toHaveBeenCalledTimes(3);
    });

    it('a permanent error is thrown at once', async () => {
      const { read } = createLaporPolicies(OPTS);
      const fn = script(lapor('LAPOR_NOT_FOUND'));
      await expect(read.execute(fn)).rejects.toMatchObject({ code: 'LAPOR_NOT_FOUND' });
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('a write is not repeated after a 5xx, but is after a refused connection', async () => {
      const { write } = createLaporPolicies(OPTS);
      const landed = script(lapor('LAPOR_UNAVAILABLE', { outcomeUnknown: true }));
      await expect(write.execute(landed)).rejects.toMatchObject({ code: 'LAPOR_UNAVAILABLE' });
      expect(landed).toHaveBeenCalledTimes(1);
      const refused = script(lapor('LAPOR_UNAVAILABLE', { notSent: true }));
      await expect(write.execute(refused)).resolves.toBe('ok');
      expect(refused).toHaveBeenCalledTimes(2);
    });

    it('gives up at once when Retry-After exceeds the cap', async () => {
      const { read } = createLaporPolicies(OPTS);
      const fn = script(lapor('LAPOR_RATE_LIMITED', { retryAfterMs: 3_600_000 }));
      await expect(read.execute(fn)).rejects.toMatchObject({
        code: 'LAPOR_RATE_LIMITED',
        retryAfterMs: 3_600_000,
      });
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('the breaker (shared by reads and writes) opens after consecutive failed calls, then recovers', async () => {
      const policies = createLaporPolicies({ ...OPTS, attempts: 1 });
      let openedAt: number | null = null;
      policies.breaker.onBreak(() => (openedAt = Date.now()));
      const state = () => breakerStateOf(policies.breaker, openedAt, OPTS.halfOpenAfterMs);
      await expect(policies.read.execute(script(lapor('LAPOR_UNAVAILABLE')))).rejects.toBeInstanceOf(
        LaporError,
      );
      expect(state()).toBe('closed');
      await expect(policies.write.execute(script(lapor('LAPOR_TIMEOUT')))).rejects.toBeInstanceOf(LaporError);
      expect(state()).toBe('open');
      const blocked = script();
      await expect(policies.read.execute(blocked)).rejects.toBeInstanceOf(BrokenCircuitError);
      expect(blocked).not.toHaveBeenCalled();
      await sleep(OPTS.halfOpenAfterMs + 50);
      expect(state()).toBe('half-open');
      await expect(policies.read.execute(script())).resolves.toBe('ok');
      expect(state()).toBe('closed');
    });

    it('permanent errors and 429 never open the breaker', async () => {
      const policies = createLaporPolicies({ ...OPTS, attempts: 1 });
      for (let i = 0; i < 5; i++) {
        await expect(policies.read.execute(script(lapor('LAPOR_NOT_FOUND')))).rejects.toBeInstanceOf(
          LaporError,
        );
        await expect(
          policies.read.execute(script(lapor('LAPOR_RATE_LIMITED', { retryAfterMs: 999_999 }))),
        ).rejects.toBeInstanceOf(LaporError);
      }
      expect(breakerStateOf(policies.breaker, null, OPTS.halfOpenAfterMs)).toBe('closed');
    });
  });
});

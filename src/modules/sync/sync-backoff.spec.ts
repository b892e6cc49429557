import { SYNC_MAX_DELAY_MS, syncRetryDelayMs } from './sync-backoff';

describe('syncRetryDelayMs', () => {
  const base = 30_000;

  it('doubles with each failure, between half and all of the exponential step', () => {
    for (const [attempts, step] of [
      [1, 30_000],
      [2, 60_000],
      [3, 120_000],
      [6, 960_000],
    ]) {
      expect(syncRetryDelayMs(attempts, base, () => 0)).toBe(step / 2);
      expect(syncRetryDelayMs(attempts, base, () => 1)).toBe(step);
    }
  });

  it('never waits more than 6 hours, however many failures', () => {
    for (const attempts of [11, 12, 50, 1000])
      expect(syncRetryDelayMs(attempts, base, () => 1)).toBe(SYNC_MAX_DELAY_MS);
  });

  it('keeps retrying over at least three days before 72 h run out (the default give-up)', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 72 * 3600_000) elapsed += syncRetryDelayMs(++attempts, base, () => 0.5);
    // Roughly 10 steps to the cap, then 6-hourly: a day-long outage is retried, not given up.
    expect(attempts).toBeGreaterThanOrEqual(15);
    expect(attempts).toBeLessThan(30);
  });
});

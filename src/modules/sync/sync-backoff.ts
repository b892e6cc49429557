/** The longest wait between two attempts of one sync item. */
export const SYNC_MAX_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * Delay before attempt `attempts + 1` of a sync item that failed `attempts` times: exponential from
 * `baseMs` (doubling), capped at 6 h, with "equal jitter" (half fixed, half random) so a LAPOR!
 * outage does not end in a thundering herd. With the 30 s default the cap is reached at the 11th
 * attempt; SYNC_GIVE_UP_H (≥ 72 h) decides when retries stop, not a count.
 */
export function syncRetryDelayMs(
  attempts: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(SYNC_MAX_DELAY_MS, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(exp / 2 + (exp / 2) * random());
}

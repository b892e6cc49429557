import type { FieldError } from '../../core/http/domain.errors';
import { wibDayEnd, wibDayStart, wibDate } from './poll-window';

/** Longest range one backfill may cover, in days (inclusive): a year, leap day included. */
export const BACKFILL_MAX_DAYS = 366;

export interface BackfillRange {
  /** yyyy-mm-dd, WIB, inclusive. */
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks a backfill range (dates are LAPOR!'s calendar days, WIB): real dates, from ≤ to, not after
 * today, at most BACKFILL_MAX_DAYS days. Returns one entry per problem, empty when it is fine.
 */
export function backfillRangeErrors(range: BackfillRange, now = new Date()): FieldError[] {
  const errors: FieldError[] = [];
  const today = wibDate(now);
  for (const field of ['from', 'to'] as const) {
    const v = range[field];
    if (typeof v !== 'string' || !isRealDate(v))
      errors.push({ field, message: 'must be a real date written yyyy-mm-dd' });
    else if (v > today) errors.push({ field, message: `must not be after today (${today}, WIB)` });
  }
  if (errors.length) return errors;
  if (range.from > range.to) {
    errors.push({ field: 'to', message: 'must be the same day as from or later' });
  } else if (rangeDays(range) > BACKFILL_MAX_DAYS) {
    errors.push({ field: 'to', message: `the range may cover at most ${BACKFILL_MAX_DAYS} days` });
  }
  return errors;
}

/** Days a range covers, both ends included. */
export function rangeDays(range: BackfillRange): number {
  return Math.round((wibDayEnd(range.to).getTime() + 1 - wibDayStart(range.from).getTime()) / 86_400_000);
}

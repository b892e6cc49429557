/**
 * Pure rules of the poll windows (README.md "Poll windows"). LAPOR!'s `updated_from` has whole
 * seconds and is inclusive; the inbox is ordered by `updated_at`, oldest first (LAPOR-API.md).
 */

/** WIB (Asia/Jakarta) is UTC+7 all year: Indonesia has no daylight saving time. */
const WIB_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

export interface InboxPosition {
  /** updated_from of the request. */
  from: Date;
  /** 1-based page of that request. */
  page: number;
}

/**
 * Where an inbox run starts reading: its cursor minus two poll intervals, so that each window
 * overlaps the last by at least two intervals (SPEC.md "Intake"): an item LAPOR! committed late,
 * or stamped by a clock a little behind ours, is still read. Overlapping items cost a duplicate
 * delivery key and nothing else.
 */
export function overlapStart(cursorAt: Date, pollIntervalS: number): Date {
  return new Date(cursorAt.getTime() - 2 * pollIntervalS * 1000);
}

function floorToSecond(d: Date): number {
  return Math.floor(d.getTime() / 1000) * 1000;
}

/**
 * The next request after a page that was not the last. Keyset paging: when the page moved time
 * forward, ask again from its newest `updated_at` (page 1), so an item updated during the run —
 * which moves to the end of the list — cannot shift an unread item onto a page already read. When
 * it did not (a page full of items of one second, or of unreadable ones), take the next page.
 */
export function nextInboxPosition(current: InboxPosition, items: { updatedAt: Date }[]): InboxPosition {
  const newest = items.reduce((max, i) => Math.max(max, floorToSecond(i.updatedAt)), -Infinity);
  if (newest > floorToSecond(current.from)) return { from: new Date(newest), page: 1 };
  return { from: current.from, page: current.page + 1 };
}

/** The latest instant at or before `now` when the nightly re-scan became due (hourWib:00 WIB). */
export function rescanSlot(now: Date, hourWib: number): Date {
  const shift = WIB_OFFSET_MS - hourWib * 3600_000;
  const local = now.getTime() + shift;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS - shift);
}

/** Start of a WIB calendar day (yyyy-mm-dd) as an instant. */
export function wibDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - WIB_OFFSET_MS);
}

/** The last millisecond of a WIB calendar day (yyyy-mm-dd). */
export function wibDayEnd(date: string): Date {
  return new Date(wibDayStart(date).getTime() + DAY_MS - 1);
}

/** The WIB calendar date (yyyy-mm-dd) of an instant. */
export function wibDate(now: Date): string {
  return new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

import { DateTime } from 'luxon';

/**
 * LAPOR! times (LAPOR-API.md "Transport"): `d-m-Y H:i:s` without a zone, meaning WIB (Asia/Jakarta,
 * UTC+7, no daylight saving), e.g. `23-11-2026 14:05:09`; some fields carry ISO-8601 with a zone.
 * The bridge keeps every instant as a UTC Date.
 *
 * Decisions:
 * - Single-digit day, month or hour (`3-1-2026 9:05:09`) are accepted. PHP's `d`, `m` and `H` always
 *   pad, so LAPOR! should never send them, but the dashes make them unambiguous and refusing a
 *   complaint over padding would help nobody. Minutes and seconds must have two digits, the year four.
 * - ISO-8601 must carry a zone (`Z` or `+07:00`). A zone-less ISO string is refused: it is not the
 *   documented WIB format and guessing its zone would shift SLA clocks by hours.
 * - Impossible values (31-02-2026, 24:00:00) are refused, never rolled over.
 */
export const LAPOR_ZONE = 'Asia/Jakarta';
const WIRE_DATE_TIME = 'dd-LL-yyyy HH:mm:ss';

const DMY_TIME = /^(\d{1,2})-(\d{1,2})-(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$/;
const DMY = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * A value that is not a LAPOR! time or date. The message shows the value's shape only (digits as 9,
 * letters as a), never the value: a misplaced field could hold a reporter's data.
 */
export class LaporTimeError extends Error {
  constructor(
    readonly expected: string,
    readonly shape: string,
  ) {
    super(`expected ${expected}, got "${shape}"`);
    this.name = 'LaporTimeError';
  }
}

/** "23-11-2026 14:05:09" → "99-99-9999 99:99:99": enough to see a format change, nothing personal. */
export function shapeOf(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value;
  // Control characters (U+0000 above all: Postgres refuses it) become '?': the reason is stored.
  const shape = value
    .replace(/\d/g, '9')
    .replace(/\p{L}/gu, 'a')
    .replace(/\p{Cc}/gu, '?');
  return shape.length > 40 ? `${shape.slice(0, 40)}…` : shape;
}

/**
 * LAPOR! records are of this century. Years outside this window are typos or junk, and Postgres
 * refuses some of them (year 0): they are read as malformed, not stored.
 */
const plausibleYear = (year: number) => year >= 1900 && year <= 2999;

/**
 * Builds a time from its parts and refuses anything luxon would roll over (31-02, 24:00:00): every
 * part must come back unchanged.
 */
function exactly(parts: (string | undefined)[], zone: string): DateTime | null {
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.map(Number);
  if (!plausibleYear(year)) return null;
  const dt = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  const same =
    dt.isValid &&
    dt.year === year &&
    dt.month === month &&
    dt.day === day &&
    dt.hour === hour &&
    dt.minute === minute &&
    dt.second === second;
  return same ? dt : null;
}

/** Jakarta has kept UTC+7, without daylight saving, since 1 January 1964. */
const WIB_FIXED_FROM_YEAR = 1964;
const WIB_OFFSET_MS = 7 * 3600_000;

/**
 * A WIB wall time of 1964 or later as an instant, without luxon: every webhook and poll item carries
 * several of these, and luxon's zone arithmetic was the intake's largest cost after the database.
 * Same rule as exactly(): impossible values are refused (null), never rolled over.
 */
function wibFast(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): Date | null {
  if (year > 2999 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - WIB_OFFSET_MS);
}

/** `d-m-Y H:i:s` (WIB) or ISO-8601 with a zone → a Date. Throws LaporTimeError otherwise. */
export function parseLaporDateTime(value: string): Date {
  const text = typeof value === 'string' ? value.trim() : value;
  let parsed: DateTime | null = null;
  const dmy = typeof text === 'string' ? DMY_TIME.exec(text) : null;
  if (dmy) {
    const [, d, m, y, h, min, sec] = dmy;
    if (Number(y) >= WIB_FIXED_FROM_YEAR) {
      const fast = wibFast(Number(y), Number(m), Number(d), Number(h), Number(min), Number(sec));
      if (fast) return fast;
      throw new LaporTimeError('d-m-Y H:i:s (WIB) or ISO-8601 with a zone', shapeOf(value));
    }
    parsed = exactly([y, m, d, h, min, sec], LAPOR_ZONE);
  } else if (typeof text === 'string' && ISO_WITH_ZONE.test(text)) {
    parsed = DateTime.fromISO(text, { setZone: true });
    if (parsed.isValid && !plausibleYear(parsed.toUTC().year)) parsed = null;
  }
  if (!parsed?.isValid) {
    throw new LaporTimeError('d-m-Y H:i:s (WIB) or ISO-8601 with a zone', shapeOf(value));
  }
  return parsed.toJSDate();
}

/** `d-m-Y` (or yyyy-mm-dd) calendar date → 'yyyy-mm-dd'. No zone: it is a date, not an instant. */
export function parseLaporDate(value: string): string {
  const text = typeof value === 'string' ? value.trim() : value;
  let parsed: DateTime | null = null;
  const dmy = typeof text === 'string' ? DMY.exec(text) : null;
  const iso = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (dmy) parsed = exactly([dmy[3], dmy[2], dmy[1]], 'UTC');
  else if (iso) parsed = exactly([iso[1], iso[2], iso[3]], 'UTC');
  const result = parsed?.isValid ? parsed.toISODate() : null;
  if (!result) throw new LaporTimeError('d-m-Y', shapeOf(value));
  return result;
}

/**
 * A Date → `d-m-Y H:i:s` in WIB (the inbox `updated_from`). The wire has whole seconds, so
 * milliseconds are dropped (floored): as a lower bound that only widens the window, never narrows it.
 */
export function formatLaporDateTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new LaporTimeError('a valid Date', shapeOf(String(date)));
  }
  return DateTime.fromJSDate(date, { zone: LAPOR_ZONE }).toFormat(WIRE_DATE_TIME);
}

import { DateTime } from 'luxon';

/**
 * LAPOR! writes timestamps as `d-m-Y H:i:s` without a zone, meaning WIB (LAPOR-API.md "Transport").
 * The sandbox keeps instants as Date (UTC) and formats them only on the wire, like the real system.
 */
export const WIB_ZONE = 'Asia/Jakarta';
const DATE_TIME = 'dd-LL-yyyy HH:mm:ss';
const DATE_ONLY = 'dd-LL-yyyy';

export function formatWib(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: WIB_ZONE }).toFormat(DATE_TIME);
}

export function formatWibNullable(instant: Date | null): string | null {
  return instant ? formatWib(instant) : null;
}

/** `date_of_incident` is a calendar date (stored as yyyy-mm-dd), shown as `d-m-Y`. */
export function formatCalendarDate(isoDate: string | null): string | null {
  return isoDate ? DateTime.fromISO(isoDate, { zone: WIB_ZONE }).toFormat(DATE_ONLY) : null;
}

/** The calendar date of an instant in Jakarta, as yyyy-mm-dd. */
export function wibCalendarDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: WIB_ZONE }).toISODate() ?? '';
}

/** Strict parse of `d-m-Y H:i:s` (two-digit day and month, as LAPOR! writes them); null if malformed. */
export function parseWib(text: string): Date | null {
  if (!/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  const parsed = DateTime.fromFormat(text, DATE_TIME, { zone: WIB_ZONE });
  // The round trip refuses what luxon would roll over, such as 24:00:00.
  return parsed.isValid && parsed.toFormat(DATE_TIME) === text ? parsed.toJSDate() : null;
}

/** Truncates to whole seconds: the wire has no milliseconds, so filters compare at that precision. */
export function floorToSecond(instant: Date): number {
  return Math.floor(instant.getTime() / 1000) * 1000;
}

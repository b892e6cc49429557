import { DateTime } from 'luxon';

/** A uuid as Postgres prints it (any case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A timestamptz as Postgres prints it: `2026-03-12 14:05:00.123456+00`. */
const PG_TIMESTAMP = /^[1-9]\d{3}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-](0\d|1[0-5])(:[0-5]\d)?$/;

/**
 * True when `v` is a timestamptz as Postgres prints it and a real instant. Keyset cursors come back
 * from URLs: Postgres answers anything it cannot cast (a year 0, 30 February, an offset of 99 hours)
 * with an error that would be a 500, so lists check their cursors with this first.
 */
export function isPgTimestamp(v: string): boolean {
  if (!PG_TIMESTAMP.test(v)) return false;
  const iso = v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return DateTime.fromISO(iso, { setZone: true }).isValid;
}

/** True for a keyset cursor `[timestamptz text, uuid]` Postgres will take. */
export function isPgKeyset(v: unknown): v is [string, string] {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    typeof v[0] === 'string' &&
    typeof v[1] === 'string' &&
    isPgTimestamp(v[0]) &&
    UUID.test(v[1])
  );
}

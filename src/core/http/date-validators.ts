import { ValidateBy, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 extended date-time with an explicit offset (what `new Date()` and Postgres read alike). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A real calendar date YYYY-MM-DD, years 1900–2199 (2026-02-30 and 0000-01-01 are refused). */
export function isCalendarDate(v: unknown): boolean {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = DateTime.fromISO(v, { zone: 'utc' });
  return d.isValid && d.year >= 1900 && d.year < 2200;
}

/** An instant in ISO 8601 extended form with its offset, that exists (no 2026-02-30T…, no 24:61). */
export function isInstant(v: unknown): boolean {
  if (typeof v !== 'string' || !INSTANT.test(v)) return false;
  const d = DateTime.fromISO(v, { setZone: true });
  return d.isValid && d.year >= 1900 && d.year < 2200;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: () => 'must be a real date YYYY-MM-DD' },
    },
    options,
  );
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: () => 'must be an ISO 8601 date-time with its offset, e.g. 2026-06-30T17:00:00Z',
      },
    },
    options,
  );
}

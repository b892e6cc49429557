import { isPgTimestamp, UUID } from '../../core/http/pg-keyset';
import { DomainError, ValidationFailedError, type FieldError } from '../../core/http/domain.errors';
import { createValidationPipe } from '../../core/http/validation.pipe';
import { hasMessage, type Translate } from './i18n';

/** What the admin pages share: reading their forms, explaining errors, checking list cursors. */

export type Form = Record<string, unknown>;
export const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** Rows of a list page. */
export const PAGE = 50;
export { UUID };
/** The API's validation, for the console's forms (unknown fields refused, each problem listed). */
export const pipe = createValidationPipe();

/** Field errors of a validation failure (or of a domain error that names its field), else rethrown. */
export function fieldErrors(e: unknown, fallbackField: string): FieldError[] {
  if (!(e instanceof DomainError) || e.status >= 500 || e.status === 404) throw e;
  return e.extras.errors?.length ? e.extras.errors : [{ field: fallbackField, message: e.code }];
}

/** Which of a field's messages the service gave (user.service.ts, missions.dto.ts). */
const VARIANTS: [RegExp, string][] = [
  [/belongs to one mission/, 'required'],
  [/leave the mission out/, 'forbidden'],
  [/^no mission/, 'unknown'],
  [/later than open/, 'order'],
];

/**
 * Each field error as a sentence in the user's language: the field's label, then the message of
 * the code (USER_EMAIL_TAKEN, HOLIDAY_EXISTS…) or of the field (`admin.<form>.err.<field>[.<variant>]`),
 * else the service's own English message.
 */
export function explain(t: Translate, form: string, errors: FieldError[]): { field: string; text: string }[] {
  return errors.map(({ field, message }) => {
    const label = hasMessage(`admin.${form}.${field}`) ? t(`admin.${form}.${field}`) : field;
    const variant = VARIANTS.find(([re]) => re.test(message))?.[1];
    const keys = [
      `error.${message}`,
      variant ? `admin.${form}.err.${field}.${variant}` : '',
      `admin.${form}.err.${field}`,
    ];
    const key = keys.find((k) => k && hasMessage(k));
    return { field, text: `${label}: ${key ? t(key) : message}` };
  });
}

/** A keyset cursor `[created at as Postgres text, id]` that Postgres will take, else 400 `cursor`. */
export function checkedKeyset(after: [string, string]): [string, string] {
  if (isPgTimestamp(after[0]) && UUID.test(after[1])) return after;
  throw new ValidationFailedError([
    { field: 'cursor', message: 'must be the nextCursor of a previous page' },
  ]);
}

/** The `[at, id]` cursor of a list page (base64url JSON, as the page's "next" link made it). */
export function decodeKeyset(v: unknown): [string, string] | null {
  if (v === undefined || v === '') return null;
  try {
    if (typeof v !== 'string') throw new Error('not one cursor');
    const c: unknown = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
    if (Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && typeof c[1] === 'string')
      return checkedKeyset([c[0], c[1]]);
  } catch (e) {
    if (e instanceof ValidationFailedError) throw e;
    // falls through to the error below
  }
  throw new ValidationFailedError([
    { field: 'cursor', message: 'must be the nextCursor of a previous page' },
  ]);
}

export function encodeKeyset(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

import { LaporTimeError, parseLaporDate, parseLaporDateTime, shapeOf } from './lapor-time';
import type { UpstreamAttachment } from './lapor.types';

/**
 * Typed, defensive reads of one untrusted wire object (README.md "Mapping rules"):
 * - absent, null and blank strings read as null (never as a default);
 * - a value present with the wrong type or format is a WireFieldError naming the field and what was
 *   expected; the value itself is never quoted (it could be a reporter's data), only its shape.
 */
export class WireFieldError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: expected ${expected}`);
    this.name = 'WireFieldError';
  }
}

export type WireObject = Record<string, unknown>;

export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** U+0000 cannot be stored in Postgres text or jsonb (22021); it carries no meaning in a complaint. */
export const withoutNul = (v: string) => (v.includes('\u0000') ? v.split('\u0000').join('') : v);
const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && withoutNul(v).trim() === '');
const SAFE_URL = new Set(['http:', 'https:']);
/** LAPOR! ids are numbers; 255 characters leave room for any code while fitting a btree index entry. */
export const MAX_ID_LENGTH = 255;

/** `W` is the wire type: field names are checked against it at compile time. */
export class WireReader<W> {
  constructor(
    private readonly obj: WireObject,
    private readonly prefix = '',
  ) {}

  private fail(key: string, expected: string): never {
    throw new WireFieldError(`${this.prefix}${key}`, expected);
  }

  private get(key: keyof W & string): unknown {
    return this.obj[key];
  }

  /**
   * Ids and codes: a number or a string, kept as a trimmed string of at most MAX_ID_LENGTH characters
   * (ids are keys in unique indexes, whose entries Postgres bounds: a longer one would fail every write).
   */
  id(key: keyof W & string): string | null {
    const v = this.get(key);
    if (isBlank(v)) return null;
    if (typeof v === 'string') {
      const id = withoutNul(v).trim();
      return id.length <= MAX_ID_LENGTH ? id : this.fail(key, `an id of at most ${MAX_ID_LENGTH} characters`);
    }
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    return this.fail(key, `an id (number or string), got ${typeof v}`);
  }

  requiredId(key: keyof W & string): string {
    return this.id(key) ?? this.fail(key, 'an id');
  }

  /** Free text, kept as sent (not trimmed) but for U+0000 characters; blank is null. */
  text(key: keyof W & string): string | null {
    const v = this.get(key);
    if (isBlank(v)) return null;
    if (typeof v === 'string') return withoutNul(v);
    return this.fail(key, `text, got ${typeof v}`);
  }

  requiredText(key: keyof W & string): string {
    return this.text(key) ?? this.fail(key, 'non-empty text');
  }

  /** 0/1, "0"/"1", true/false. Required: confidentiality hangs on these flags. */
  flag(key: keyof W & string): boolean {
    return this.optionalFlag(key) ?? this.fail(key, 'a 0/1 flag');
  }

  optionalFlag(key: keyof W & string): boolean | null {
    const v = this.get(key);
    if (v === undefined || v === null) return null;
    if (v === true || v === 1 || v === '1' || v === 'true') return true;
    if (v === false || v === 0 || v === '0' || v === 'false') return false;
    return this.fail(key, `a 0/1 flag, got "${shapeOf(typeof v === 'string' ? v : typeof v)}"`);
  }

  instant(key: keyof W & string): Date | null {
    const v = this.get(key);
    if (isBlank(v)) return null;
    if (typeof v !== 'string') return this.fail(key, `a time, got ${typeof v}`);
    try {
      return parseLaporDateTime(v);
    } catch (err) {
      if (err instanceof LaporTimeError) return this.fail(key, `${err.expected}, got "${err.shape}"`);
      throw err;
    }
  }

  requiredInstant(key: keyof W & string): Date {
    return this.instant(key) ?? this.fail(key, 'a time (d-m-Y H:i:s WIB or ISO-8601)');
  }

  /** A calendar date → yyyy-mm-dd. */
  date(key: keyof W & string): string | null {
    const v = this.get(key);
    if (isBlank(v)) return null;
    if (typeof v !== 'string') return this.fail(key, `a date, got ${typeof v}`);
    try {
      return parseLaporDate(v);
    } catch (err) {
      if (err instanceof LaporTimeError) return this.fail(key, `${err.expected}, got "${err.shape}"`);
      throw err;
    }
  }

  /** A nested object; absent or null is null. */
  object(key: keyof W & string): WireObject | null {
    const v = this.get(key);
    if (v === undefined || v === null) return null;
    if (isWireObject(v)) return v;
    return this.fail(key, `an object, got ${Array.isArray(v) ? 'a list' : typeof v}`);
  }

  /** A list; absent or null is empty. */
  list(key: keyof W & string): unknown[] {
    const v = this.get(key);
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    return this.fail(key, `a list, got ${typeof v}`);
  }

  /** `attachments[]` of `{ id, name, url }`; only http(s) URLs (they end up as links in the console). */
  attachments(key: keyof W & string): UpstreamAttachment[] {
    return this.list(key).map((item, i) => {
      const where = `${this.prefix}${key}[${i}].`;
      if (!isWireObject(item)) throw new WireFieldError(`${where.slice(0, -1)}`, 'an attachment object');
      const r = new WireReader<{ id: unknown; name: unknown; url: unknown }>(item, where);
      const url = r.requiredText('url').trim();
      if (!URL.canParse(url) || !SAFE_URL.has(new URL(url).protocol))
        throw new WireFieldError(`${where}url`, 'an http(s) URL');
      return { id: r.requiredId('id'), name: r.requiredText('name'), url };
    });
  }
}

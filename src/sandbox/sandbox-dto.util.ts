import { z } from 'zod';
import { SandboxError } from './sandbox.errors';
import { parseWib } from './wib-time.util';

/** Zod pieces shared by the LAPOR! API and the control API. Bodies arrive as JSON or as form fields. */

/** LAPOR! ids are numbers on the wire but strings in forms; the sandbox keeps them as strings. */
export const idField = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);

/** 0/1 flags, as LAPOR! forms send them, plus JSON booleans. */
export const flagField = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false'])])
  .transform((v) => v === true || v === 1 || v === '1' || v === 'true');

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An instant as ISO-8601 with a zone, or as LAPOR!'s `d-m-Y H:i:s` WIB. */
export const instantField = z.string().transform((text, ctx) => {
  const parsed = ISO_WITH_ZONE.test(text) ? new Date(text) : parseWib(text);
  if (!parsed || Number.isNaN(parsed.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'expected ISO-8601 with a zone or d-m-Y H:i:s (WIB)' });
    return z.NEVER;
  }
  return parsed;
});

/** A calendar date as yyyy-mm-dd or d-m-Y; kept as yyyy-mm-dd. */
export const calendarDateField = z.string().transform((text, ctx) => {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dmy = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
  const normal = iso ? text : dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : '';
  if (!normal || Number.isNaN(Date.parse(`${normal}T00:00:00Z`))) {
    ctx.addIssue({ code: 'custom', message: 'expected yyyy-mm-dd or d-m-Y' });
    return z.NEVER;
  }
  return normal;
});

/** Parses or throws a SandboxError carrying Laravel-style `errors: { field: [messages] }`. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, status = 422): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const flat = z.flattenError(result.error);
  const errors: Record<string, string[]> = { ...flat.fieldErrors } as Record<string, string[]>;
  if (flat.formErrors.length) errors._ = flat.formErrors;
  const message = status === 422 ? 'Data yang diberikan tidak valid.' : 'Invalid request body.';
  throw new SandboxError(status, message, errors);
}

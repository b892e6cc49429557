import { z } from 'zod';
import { flagField, idField } from './sandbox-dto.util';

/** Bodies of the two LAPOR! writes (LAPOR-API.md "Endpoints"), as JSON or as form fields. */

const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional()
  .nullable();

export const followupAddSchema = z.object({
  complaint_id: idField,
  institution_from_id: idField,
  institution_to_id: idField,
  content: z.string().trim().min(1).max(20_000),
  template_code: optionalText,
  is_secret: flagField.optional(),
});
export type FollowupAddBody = z.output<typeof followupAddSchema>;

/** "Bukan wewenang" with a transfer request: both flags must be 1, `reason` is the target institution. */
export const rejectSchema = z.object({
  is_request: flagField.refine((v) => v, { message: 'must be 1' }),
  not_authority: flagField.refine((v) => v, { message: 'must be 1' }),
  reason: idField,
  reason_description: z.string().trim().min(1).max(5_000),
});
export type RejectBody = z.output<typeof rejectSchema>;

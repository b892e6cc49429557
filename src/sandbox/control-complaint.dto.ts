import { z } from 'zod';
import {
  SANDBOX_CATEGORIES,
  SANDBOX_CLASSIFICATIONS,
  SANDBOX_LOCATIONS,
  SANDBOX_STATUSES,
  type CodeName,
} from './lapor-masters.data';
import { calendarDateField, flagField, idField, instantField } from './sandbox-dto.util';
import { SandboxError } from './sandbox.errors';
import { AUTHOR_TYPES, type ComplaintPatch, type NewComplaint, type NewFollowup } from './sandbox.types';

/**
 * Control API bodies. Field names follow the LAPOR! wire (snake_case) so a fixture reads like what the
 * bridge will receive; times are ISO-8601 (or d-m-Y H:i:s WIB). Codes outside the master lists are
 * accepted when a name comes with them, so unknown statuses or categories can be produced on purpose.
 * Unknown fields are refused, so a typo in a fixture fails loudly instead of falling back to a default.
 */

const text = z.string().trim().min(1);
const optionalName = z.string().trim().min(1).optional();

const attachmentSchema = z.object({ id: idField.optional(), name: text, url: z.string().url() });

export const followupInputSchema = z.strictObject({
  author_type: z.enum(AUTHOR_TYPES).default('reporter'),
  content: text,
  created_at: instantField.optional(),
  template_code: z.string().nullable().optional(),
  institution_from_id: idField.nullable().optional(),
  institution_to_id: idField.nullable().optional(),
  is_secret: flagField.optional(),
  attachments: z.array(attachmentSchema).optional(),
});

export const complaintPatchSchema = z.strictObject({
  title: text.optional(),
  content: text.optional(),
  classification_id: idField.optional(),
  classification_name: optionalName,
  category_id: idField.optional(),
  category_name: optionalName,
  location_id: idField.nullable().optional(),
  location_name: optionalName,
  date_of_incident: calendarDateField.nullable().optional(),
  is_anonymous: flagField.optional(),
  is_secret: flagField.optional(),
  reporter: z
    .object({
      name: z.string(),
      email: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  status_code: z.string().trim().min(1).optional(),
  status_name: optionalName,
  disposition_id: idField.nullable().optional(),
  disposition_name: optionalName,
  dispositioned_at: instantField.nullable().optional(),
  updated_at: instantField.optional(),
});

export const complaintCreateSchema = complaintPatchSchema.extend({
  id: idField.optional(),
  tracking_id: idField.optional(),
  created_at: instantField.optional(),
  attachments: z.array(attachmentSchema).optional(),
  followups: z.array(followupInputSchema).optional(),
});

type PatchInput = z.output<typeof complaintPatchSchema>;
type CreateInput = z.output<typeof complaintCreateSchema>;
type FollowupInput = z.output<typeof followupInputSchema>;

const STATUS_LIST: CodeName[] = Object.entries(SANDBOX_STATUSES).map(([id, name]) => ({ id, name }));

/** A known code takes its master name; an unknown one needs a name, so fixtures stay explicit. */
function resolve(
  list: readonly CodeName[],
  field: string,
  id: string | undefined,
  name: string | undefined,
): CodeName | undefined {
  if (id === undefined) {
    if (name === undefined) return undefined;
    const byName = list.find((item) => item.name.toLowerCase() === name.toLowerCase());
    if (byName) return byName;
    throw SandboxError.invalid(`${field}_id`, `unknown ${field} name "${name}": give ${field}_id as well`);
  }
  const known = list.find((item) => item.id === id);
  if (name === undefined && !known) {
    throw SandboxError.invalid(`${field}_name`, `unknown ${field} id "${id}": give ${field}_name as well`);
  }
  return { id, name: name ?? known?.name ?? id };
}

function resolveNullable(
  list: readonly CodeName[],
  field: string,
  id: string | null | undefined,
  name: string | undefined,
): CodeName | null | undefined {
  return id === null ? null : resolve(list, field, id, name);
}

export function toComplaintPatch(input: PatchInput, institutions: readonly CodeName[]): ComplaintPatch {
  const status = resolve(STATUS_LIST, 'status', input.status_code, input.status_name);
  return {
    title: input.title,
    content: input.content,
    classification: resolve(
      SANDBOX_CLASSIFICATIONS,
      'classification',
      input.classification_id,
      input.classification_name,
    ),
    category: resolve(SANDBOX_CATEGORIES, 'category', input.category_id, input.category_name),
    location: resolveNullable(SANDBOX_LOCATIONS, 'location', input.location_id, input.location_name),
    dateOfIncident: input.date_of_incident,
    isAnonymous: input.is_anonymous,
    isSecret: input.is_secret,
    reporter:
      input.reporter === undefined || input.reporter === null
        ? input.reporter
        : {
            name: input.reporter.name,
            email: input.reporter.email ?? null,
            phone: input.reporter.phone ?? null,
          },
    status: status && { code: status.id, name: status.name },
    disposition: resolveNullable(institutions, 'disposition', input.disposition_id, input.disposition_name),
    dispositionedAt: input.dispositioned_at,
    updatedAt: input.updated_at,
  };
}

export function toNewFollowup(input: FollowupInput, institutions: readonly CodeName[]): NewFollowup {
  const institution = (id: string | null | undefined) =>
    resolveNullable(institutions, 'institution', id, undefined);
  return {
    authorType: input.author_type,
    content: input.content,
    createdAt: input.created_at,
    templateCode: input.template_code,
    institutionFrom: institution(input.institution_from_id),
    institutionTo: institution(input.institution_to_id),
    isSecret: input.is_secret,
    attachments: input.attachments?.map((a, i) => ({ id: a.id ?? String(i + 1), name: a.name, url: a.url })),
  };
}

export function toNewComplaint(input: CreateInput, institutions: readonly CodeName[]): NewComplaint {
  const patch = toComplaintPatch(input, institutions);
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as ComplaintPatch;
  return {
    ...defined,
    id: input.id,
    trackingId: input.tracking_id,
    createdAt: input.created_at,
    attachments: input.attachments?.map((a, i) => ({ id: a.id ?? String(i + 1), name: a.name, url: a.url })),
    followups: input.followups?.map((f) => toNewFollowup(f, institutions)),
  };
}

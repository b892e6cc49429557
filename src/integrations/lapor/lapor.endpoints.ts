/**
 * Everything the client knows about LAPOR!'s URLs, headers and body field names, in one place
 * (LAPOR-API.md "Endpoints"). Items marked ASSUMED there have no public evidence: when the real API
 * turns out different, change them here and nowhere else. The auth header name and the base URL
 * are configuration (LAPOR_AUTH_HEADER, LAPOR_BASE_URL), not constants.
 */

export type LaporMethod = 'GET' | 'POST';

export interface LaporEndpoint {
  method: LaporMethod;
  /** Relative to LAPOR_BASE_URL; `{complaint_id}` is filled in (URL-encoded). */
  path: string;
}

export const LAPOR_ENDPOINTS = {
  /** ASSUMED: no public evidence of the exact path or of its query parameter names. */
  inbox: { method: 'GET', path: '/complaints/inbox' },
  complaintDetail: { method: 'GET', path: '/complaints/{complaint_id}/complaint' },
  followUps: { method: 'GET', path: '/complaints/{complaint_id}/followups' },
  addFollowUp: { method: 'POST', path: '/complaints/followup/add' },
  /** "Bukan wewenang" with a transfer request. */
  notOurAuthority: { method: 'POST', path: '/complaints/process/{complaint_id}/reject' },
  institutions: { method: 'GET', path: '/masters/institutions/external' },
  templates: { method: 'GET', path: '/masters/templates' },
} as const satisfies Record<string, LaporEndpoint>;

/** Query parameter names (`updated_from` is ASSUMED). */
export const LAPOR_QUERY = {
  updatedFrom: 'updated_from',
  page: 'page',
  pageSize: 'page_size',
} as const;

/** The second credential header (LAPOR-API.md "Transport"): `token: {GUID}`. */
export const LAPOR_TOKEN_HEADER = 'token';
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** Page sizes: the inbox as LAPOR-API.md writes it; masters in one go as public code does. */
export const INBOX_PAGE_SIZE = 100;
export const MASTERS_PAGE_SIZE = 1000;

/** `{complaint_id}` → the URL-encoded id. Refuses an empty id rather than calling `/complaints//…`. */
export function fillPath(template: string, complaintId?: string): string {
  if (!template.includes('{complaint_id}')) return template;
  if (!complaintId || !complaintId.trim()) throw new RangeError('a LAPOR! complaint id is required');
  return template.replace('{complaint_id}', encodeURIComponent(complaintId.trim()));
}

/** Body of POST followup/add (field names seen in public code; sent as JSON). */
export function followUpBody(input: {
  complaintId: string;
  institutionFromId: string;
  institutionToId: string;
  content: string;
  templateCode: string | null;
  isSecret: boolean;
}): Record<string, string | number | null> {
  return {
    complaint_id: input.complaintId,
    institution_from_id: input.institutionFromId,
    institution_to_id: input.institutionToId,
    content: input.content,
    template_code: input.templateCode,
    is_secret: input.isSecret ? 1 : 0,
  };
}

/** Body of POST process/{id}/reject: `reason` is the target institution's id (seen in public code). */
export function notOurAuthorityBody(input: {
  targetInstitutionId: string;
  reason: string;
}): Record<string, string | number> {
  return {
    is_request: 1,
    not_authority: 1,
    reason: input.targetInstitutionId,
    reason_description: input.reason,
  };
}

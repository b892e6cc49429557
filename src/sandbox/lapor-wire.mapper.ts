import { NOT_DISPOSITIONED, LAPOR_ADMIN_NAME } from './lapor-masters.data';
import type { StoredAttachment, StoredComplaint, StoredFollowup, StoredLog } from './sandbox.types';
import { formatCalendarDate, formatWib, formatWibNullable } from './wib-time.util';

/**
 * The LAPOR! wire format (LAPOR-API.md "The complaint object"): snake_case, `d-m-Y H:i:s` WIB times,
 * numeric ids where the id is numeric (LAPOR! sends numbers; the contract says "treat as string").
 */

export type WireId = number | string;

export interface WireAttachment {
  id: WireId;
  name: string;
  url: string;
}

export interface WireComplaint {
  id: WireId;
  complaint_id: WireId;
  tracking_id: string;
  title: string;
  content: string;
  classification_id: WireId;
  classification_name: string;
  category_id: WireId;
  category_name: string;
  location_id: WireId | null;
  location_name: string | null;
  date_of_incident: string | null;
  is_anonymous: boolean;
  is_secret: boolean;
  reporter: { name: string; email: string | null; phone: string | null };
  status_code: string;
  status_name: string;
  disposition_id: WireId | null;
  disposition_name: string;
  dispositioned_at: string | null;
  created_at: string;
  updated_at: string;
  attachments: WireAttachment[];
}

export interface WireFollowup {
  id: WireId;
  complaint_id: WireId;
  content: string;
  created_at: string;
  author_type: string;
  institution_from_id: WireId | null;
  institution_from_name: string | null;
  institution_to_id: WireId | null;
  institution_to_name: string | null;
  template_code: string | null;
  is_secret: boolean;
  attachments: WireAttachment[];
}

export interface WireLog {
  id: WireId;
  status_code: string;
  status_name: string;
  description: string;
  institution_from_name: string | null;
  institution_to_name: string | null;
  created_at: string;
}

export function wireId(id: string): WireId {
  return /^[1-9]\d{0,14}$/.test(id) ? Number(id) : id;
}

const nullableId = (id: string | undefined): WireId | null => (id === undefined ? null : wireId(id));

function toWireAttachments(list: StoredAttachment[]): WireAttachment[] {
  return list.map((a) => ({ id: wireId(a.id), name: a.name, url: a.url }));
}

export function toWireComplaint(c: StoredComplaint): WireComplaint {
  // Anonim: the reporter's identity is hidden from the agency too, so the shape stays but is empty.
  const reporter = c.isAnonymous || !c.reporter ? { name: '', email: '', phone: '' } : { ...c.reporter };
  return {
    id: wireId(c.id),
    complaint_id: wireId(c.id),
    tracking_id: c.trackingId,
    title: c.title,
    content: c.content,
    classification_id: wireId(c.classification.id),
    classification_name: c.classification.name,
    category_id: wireId(c.category.id),
    category_name: c.category.name,
    location_id: nullableId(c.location?.id),
    location_name: c.location?.name ?? null,
    date_of_incident: formatCalendarDate(c.dateOfIncident),
    is_anonymous: c.isAnonymous,
    is_secret: c.isSecret,
    reporter,
    status_code: c.status.code,
    status_name: c.status.name,
    disposition_id: nullableId(c.disposition?.id),
    disposition_name: c.disposition?.name ?? NOT_DISPOSITIONED,
    dispositioned_at: formatWibNullable(c.dispositionedAt),
    created_at: formatWib(c.createdAt),
    updated_at: formatWib(c.updatedAt),
    attachments: toWireAttachments(c.attachments),
  };
}

export function toWireFollowup(f: StoredFollowup): WireFollowup {
  return {
    id: wireId(f.id),
    complaint_id: wireId(f.complaintId),
    content: f.content,
    created_at: formatWib(f.createdAt),
    author_type: f.authorType,
    institution_from_id: nullableId(f.institutionFrom?.id),
    institution_from_name: f.institutionFrom?.name ?? (f.authorType === 'admin' ? LAPOR_ADMIN_NAME : null),
    institution_to_id: nullableId(f.institutionTo?.id),
    institution_to_name: f.institutionTo?.name ?? null,
    template_code: f.templateCode,
    is_secret: f.isSecret,
    attachments: toWireAttachments(f.attachments),
  };
}

export function toWireLog(l: StoredLog): WireLog {
  return {
    id: wireId(l.id),
    status_code: l.status.code,
    status_name: l.status.name,
    description: l.description,
    institution_from_name: l.institutionFromName,
    institution_to_name: l.institutionToName,
    created_at: formatWib(l.createdAt),
  };
}

import type { ComplaintStatus, Priority, RoutingDecision } from './complaint.types';

/** The complaint columns the inbox and the complaint page read (alias `c`). */
export const COMPLAINT_COLUMNS = `c.id, c.lapor_id, c.tracking_id, c.title, c.content, c.status, c.lapor_status_code,
  c.lapor_status_name, c.classification, c.category_id, c.category_name, c.location_name, c.priority,
  c.mission_code, c.routing, c.is_anonymous, c.is_secret, c.reporter_name_enc, c.reporter_email_enc,
  c.reporter_phone_enc, c.disposition_id, c.disposition_name, c.dispositioned_at, c.forwarded_to, c.cycle,
  c.escalation_level, c.due_at, c.breached_at, c.quarantine_reason, c.imported, c.version, c.received_at,
  c.assigned_at, c.acknowledged_at, c.first_follow_up_at, c.resolved_at, c.upstream_created_at, c.created_at,
  c.updated_at`;

export interface ComplaintRow {
  id: string;
  lapor_id: string;
  tracking_id: string | null;
  title: string;
  content: string;
  /** When the reporter filed it in LAPOR! (null when LAPOR! did not say). */
  upstream_created_at: Date | null;
  status: ComplaintStatus;
  lapor_status_code: string | null;
  lapor_status_name: string | null;
  classification: string | null;
  category_id: string | null;
  category_name: string | null;
  location_name: string | null;
  priority: Priority;
  mission_code: string | null;
  routing: RoutingDecision | null;
  is_anonymous: boolean;
  is_secret: boolean;
  reporter_name_enc: string | null;
  reporter_email_enc: string | null;
  reporter_phone_enc: string | null;
  disposition_id: string | null;
  disposition_name: string | null;
  dispositioned_at: Date | null;
  forwarded_to: string | null;
  cycle: number;
  escalation_level: number;
  due_at: Date | null;
  breached_at: Date | null;
  quarantine_reason: string | null;
  imported: boolean;
  version: number;
  received_at: Date;
  assigned_at: Date | null;
  acknowledged_at: Date | null;
  first_follow_up_at: Date | null;
  resolved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface EventRow {
  id: string;
  type: string;
  actor: string;
  from_status: string | null;
  to_status: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

export interface FollowUpRow {
  id: string;
  origin: 'lapor' | 'bridge';
  author_type: 'institution' | 'reporter' | 'admin';
  visibility: 'public' | 'internal';
  kind: 'followup' | 'question' | 'resolution';
  content: string;
  template_code: string | null;
  actor: string | null;
  lapor_followup_id: string | null;
  posted_at: Date;
  /** Public bridge follow-ups: their item in the sync queue toward LAPOR!. */
  sync: { seq: number; status: string; confirmedAt: Date | null } | null;
}

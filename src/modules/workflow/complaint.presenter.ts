import type { ClockView } from '../sla/sla-query.service';
import type { Principal } from '../auth/principal';
import type { ComplaintRow, EventRow, FollowUpRow } from '../complaints/complaint-rows';
import { actionsAllowedIn, isHandlerAction, type HandlerAction } from '../complaints/complaint-state-machine';
import { ACTION_ROLES } from './complaint-access';

/** The route segment of each action a client can take (POST /complaints/{id}/<segment>). */
const ROUTE_OF: { readonly [A in HandlerAction]: string } = {
  acknowledge: 'acknowledge',
  'followup-public': 'followups',
  'followup-internal': 'followups',
  'ask-reporter': 'ask-reporter',
  resolve: 'resolve',
  reopen: 'reopen',
  transfer: 'transfer',
  escalate: 'escalate',
  reject: 'reject',
};

/**
 * Whether the caller may see the reporter's identity (SPEC.md "Handling workflow", confidentiality):
 * never for anonymous complaints; for secret ones only the assigned mission's handlers and
 * supervisors (each such read is audited by the caller); otherwise whoever sees the complaint.
 */
export function mayReadReporter(c: ComplaintRow, p: Principal): boolean {
  if (c.is_anonymous) return false;
  if (!c.is_secret) return true;
  return (
    (p.role === 'handler' || p.role === 'supervisor') && !!c.mission_code && p.missionCode === c.mission_code
  );
}

/** The inbox line: no reporter and no full text (the complaint page has them). */
export function toSummary(c: ComplaintRow) {
  return {
    id: c.id,
    laporId: c.lapor_id,
    trackingId: c.tracking_id,
    title: c.title,
    excerpt: c.content.length > 240 ? `${c.content.slice(0, 239)}…` : c.content,
    status: c.status,
    laporStatus: c.lapor_status_name,
    classification: c.classification,
    category: c.category_name,
    categoryId: c.category_id,
    priority: c.priority,
    missionCode: c.mission_code,
    routing: c.routing,
    isAnonymous: c.is_anonymous,
    isSecret: c.is_secret,
    escalationLevel: c.escalation_level,
    quarantined: c.quarantine_reason !== null,
    version: c.version,
    receivedAt: c.received_at,
    assignedAt: c.assigned_at,
    acknowledgedAt: c.acknowledged_at,
    firstFollowUpAt: c.first_follow_up_at,
    resolvedAt: c.resolved_at,
    sla: { cycle: c.cycle, dueAt: c.due_at, breachedAt: c.breached_at, imported: c.imported },
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** The complaint page: everything the caller may see, the timeline, and what they may do now. */
export function toDetail(
  c: ComplaintRow,
  p: Principal,
  parts: {
    timeline: EventRow[];
    followUps: FollowUpRow[];
    reporter?: { name: string | null; email: string | null; phone: string | null };
    clocks?: ClockView[];
  },
) {
  const { excerpt: _excerpt, ...summary } = toSummary(c);
  return {
    ...summary,
    // The complaint page's SLA: the summary's due and breach plus every clock of every cycle, as the
    // SLA sweep last computed them (computedAt).
    sla: { ...summary.sla, clocks: parts.clocks ?? [] },
    content: c.content,
    locationName: c.location_name,
    ...(parts.reporter ? { reporter: parts.reporter } : {}),
    lapor: {
      id: c.lapor_id,
      trackingId: c.tracking_id,
      statusCode: c.lapor_status_code,
      statusName: c.lapor_status_name,
      dispositionId: c.disposition_id,
      dispositionName: c.disposition_name,
      dispositionedAt: c.dispositioned_at,
      forwardedTo: c.forwarded_to,
    },
    timeline: parts.timeline.map((e) => ({
      id: e.id,
      type: e.type,
      actor: e.actor,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      payload: e.payload,
      occurredAt: e.occurred_at,
    })),
    followUps: parts.followUps.map((f) => ({
      id: f.id,
      origin: f.origin,
      authorType: f.author_type,
      visibility: f.visibility,
      kind: f.kind,
      content: f.content,
      templateCode: f.template_code,
      actor: f.actor,
      laporFollowupId: f.lapor_followup_id,
      postedAt: f.posted_at,
      sync: f.sync ? { status: f.sync.status, seq: f.sync.seq, confirmedAt: f.sync.confirmedAt } : null,
    })),
    allowedActions: allowedActions(c, p),
    links: { self: `/api/v1/complaints/${c.id}` },
  };
}

/** The action routes the state machine and the caller's role allow now (the console offers these). */
export function allowedActions(c: ComplaintRow, p: Principal): string[] {
  const out = new Set<string>();
  for (const a of actionsAllowedIn(c.status).filter(isHandlerAction)) {
    if (a === 'escalate' && c.escalation_level >= (p.role === 'handler' ? 1 : 2)) continue;
    if (ACTION_ROLES[a].includes(p.role)) out.add(ROUTE_OF[a]);
  }
  return [...out];
}

export type ComplaintSummary = ReturnType<typeof toSummary>;
export type ComplaintDetail = ReturnType<typeof toDetail>;

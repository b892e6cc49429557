/** Internal statuses (SPEC.md "Handling workflow"). Stored in the database — never rename. */
export const COMPLAINT_STATUSES = [
  'received',
  'triage',
  'assigned',
  'acknowledged',
  'awaiting_reporter',
  'responded',
  'resolved',
  'closed',
  'forwarded',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How the router decided, shown to the handler as "why did this come to us?". */
export interface RoutingDecision {
  rule: string;
  evidence: string[];
  confidence: number;
  /** Headquarters-only matters: the ministry desk inside `hq-djpk` that handles it. */
  desk?: string;
}

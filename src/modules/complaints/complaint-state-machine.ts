import { DomainError } from '../../core/http/domain.errors';
import { COMPLAINT_STATUSES, type ComplaintStatus } from './complaint.types';

/**
 * What may happen to a complaint in which status (SPEC.md "Handling workflow"). The table is the
 * whole rule: the complaints module applies nothing that is not in it, and refuses the rest with
 * 409 COMPLAINT_INVALID_TRANSITION. `to: null` keeps the status (notes, escalations).
 *
 * - A public follow-up is the mission's answer: the complaint becomes `responded`, and LAPOR! closes
 *   it after 10 working days of the reporter's silence (`closed`, from upstream).
 * - Asking the reporter posts the question publicly and pauses the SLA (`awaiting_reporter`).
 * - A reporter's reply (from LAPOR!) gives the complaint back to the mission (`acknowledged`); after
 *   `responded` or `resolved` it starts a new SLA cycle, as does a handler's reopen of a resolved one.
 * - Transfer hands an open complaint to another mission or desk (`assigned` there; the SLA clock
 *   continues). Triage (no office found) leaves only by transfer or by rejection.
 * - Reject = not Kemenlu's authority: forwarded via LAPOR! to another institution, before the
 *   mission has answered publicly.
 * - LAPOR! finishing a complaint (Selesai, Diarsipkan — e.g. after 10 working days of the reporter's
 *   silence) closes it here too (`upstream-close`, from ingest; not a handler's action).
 */
export const ACTIONS = [
  'acknowledge',
  'followup-public',
  'followup-internal',
  'ask-reporter',
  'reporter-reply',
  'resolve',
  'reopen',
  'transfer',
  'escalate',
  'reject',
  'upstream-close',
] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

export interface Transition {
  from: readonly ComplaintStatus[];
  /** The status after the action; null keeps it. */
  to: ComplaintStatus | null;
  /** Starts a new SLA cycle when applied in one of these statuses. */
  newCycleFrom?: readonly ComplaintStatus[];
}

const OPEN: readonly ComplaintStatus[] = [
  'triage',
  'assigned',
  'acknowledged',
  'awaiting_reporter',
  'responded',
];

export const TRANSITIONS: { readonly [A in WorkflowAction]: Transition } = {
  acknowledge: { from: ['assigned'], to: 'acknowledged' },
  'followup-public': {
    from: ['assigned', 'acknowledged', 'awaiting_reporter', 'responded'],
    to: 'responded',
  },
  // Internal notes change no status and may be written whatever the status, even after the end.
  'followup-internal': { from: COMPLAINT_STATUSES.filter((st) => st !== 'received'), to: null },
  'ask-reporter': { from: ['assigned', 'acknowledged', 'responded'], to: 'awaiting_reporter' },
  'reporter-reply': {
    from: ['awaiting_reporter', 'responded', 'resolved'],
    to: 'acknowledged',
    newCycleFrom: ['responded', 'resolved'],
  },
  resolve: { from: ['acknowledged', 'awaiting_reporter', 'responded'], to: 'resolved' },
  reopen: { from: ['resolved'], to: 'acknowledged', newCycleFrom: ['resolved'] },
  transfer: { from: OPEN, to: 'assigned' },
  escalate: { from: OPEN, to: null },
  reject: { from: ['triage', 'assigned', 'acknowledged'], to: 'forwarded' },
  'upstream-close': { from: [...OPEN, 'resolved'], to: 'closed' },
};

/** Actions that come from LAPOR!, not from a handler: no route, no role. */
export const SYSTEM_ACTIONS = ['reporter-reply', 'upstream-close'] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];
export type HandlerAction = Exclude<WorkflowAction, SystemAction>;

export function isHandlerAction(a: WorkflowAction): a is HandlerAction {
  return !(SYSTEM_ACTIONS as readonly WorkflowAction[]).includes(a);
}

export class InvalidTransitionError extends DomainError {
  constructor(action: WorkflowAction, status: ComplaintStatus) {
    const allowed = TRANSITIONS[action].from;
    super(
      'COMPLAINT_INVALID_TRANSITION',
      409,
      `"${action}" is not possible while the complaint is "${status}" (only from: ${allowed.join(', ')}).`,
      { action, currentStatus: status, allowedFrom: allowed },
    );
  }
}

/** The status after `action` in `status`, and whether a new SLA cycle starts; throws 409 if refused. */
export function transition(
  action: WorkflowAction,
  status: ComplaintStatus,
): { to: ComplaintStatus; newCycle: boolean } {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) throw new InvalidTransitionError(action, status);
  return { to: t.to ?? status, newCycle: t.newCycleFrom?.includes(status) ?? false };
}

/** The actions the table allows in a status (the console offers only these). */
export function actionsAllowedIn(status: ComplaintStatus): WorkflowAction[] {
  return ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

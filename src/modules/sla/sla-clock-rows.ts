// The SLA clocks as rows of `sla_clocks` and the KPI facts of `sla_facts`: the mapping the sweep and
// its alerts share, with no I/O.
import { workingDaysBetween } from './calendar/working-time';
import type { CalendarSet } from './calendar.service';
import type { ComputedClock } from './clocks';
import type { ClockName, ClockState } from './sla-clock.entity';
import type { SlaComplaint } from '../complaints/complaint-sla.service';

const DAY_MS = 86_400_000;

/** A clock as stored, with the alert bookkeeping the computation does not know. */
export interface StoredClock extends ComputedClock {
  complaintId: string;
  warnedAt: Date | null;
  breachNotifiedAt: Date | null;
  escalatedLevel: number;
  nextAlertAt: Date | null;
}

export type ClockRow = {
  complaint_id: string;
  cycle: number;
  clock: ClockName;
  mission_code: string | null;
  calendar: ComputedClock['calendar'];
  limit_value: number;
  unit: ComputedClock['unit'];
  started_at: Date;
  due_at: Date | null;
  warn_at: Date | null;
  double_at: Date | null;
  stopped_at: Date | null;
  met_at: Date | null;
  elapsed: number;
  paused_ms: string;
  state: ClockState;
  breached_at: Date | null;
  imported: boolean;
  frozen: boolean;
  warned_at: Date | null;
  breach_notified_at: Date | null;
  escalated_level: number;
  next_alert_at: Date | null;
  /** Written with each recomputed clock; never read back into a StoredClock. */
  calendar_fp?: string | null;
};

export const CLOCK_COLUMNS = `complaint_id uuid, cycle int, clock text, mission_code text, calendar text, limit_value float8,
  unit text, started_at timestamptz, due_at timestamptz, warn_at timestamptz, double_at timestamptz,
  stopped_at timestamptz, met_at timestamptz, elapsed float8, paused_ms bigint, state text, breached_at timestamptz, imported boolean,
  frozen boolean, warned_at timestamptz, breach_notified_at timestamptz, escalated_level smallint,
  next_alert_at timestamptz, calendar_fp text`;
export const CLOCK_NAMES = CLOCK_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]);

/** The KPI facts of a complaint: its first cycle's clocks (the figure LAPOR! reports is per complaint). */
export function slaFact(
  c: SlaComplaint,
  clocks: ComputedClock[],
  cals: CalendarSet,
): Record<string, unknown> {
  const first = (name: ClockName) => clocks.find((k) => k.cycle === 1 && k.clock === name);
  const ack = first('acknowledgement');
  const fu = first('first_follow_up');
  const done = first('completion');
  // A cancelled clock (forwarded, closed before its due time) is not held against anyone.
  const due = (k?: ComputedClock) => (k && k.state !== 'cancelled' ? k.dueAt : null);
  const disposition = c.dispositionedAt ?? c.receivedAt;
  const followedUp = fu?.metAt ?? null;
  const closedAt = ['resolved', 'closed', 'forwarded'].includes(c.status)
    ? ([...c.events].reverse().find((e) => e.toStatus === c.status)?.at ?? null)
    : null;
  return {
    complaint_id: c.id,
    mission_code: c.missionCode,
    category_id: c.categoryId,
    classification: c.classification,
    priority: c.priority,
    status: c.status,
    imported: c.imported,
    received_at: c.receivedAt,
    dispositioned_at: disposition,
    closed_at: closedAt,
    ack_due_at: due(ack),
    acknowledged_at: ack?.metAt ?? null,
    follow_up_due_at: due(fu),
    followed_up_at: followedUp,
    follow_up_days: followedUp ? (followedUp.getTime() - disposition.getTime()) / DAY_MS : null,
    follow_up_working_days: followedUp ? workingDaysBetween(cals.national, disposition, followedUp) : null,
    completion_due_at: due(done),
    completed_at: done?.metAt ?? null,
  };
}

export function key(id: string, cycle: number, clock: string): string {
  return `${id}/${cycle}/${clock}`;
}

export function earliest(dates: (Date | null)[]): Date | null {
  let out: Date | null = null;
  for (const d of dates) if (d && (!out || d < out)) out = d;
  return out;
}

/** The next threshold the sweep must act on; null when nothing is left (or the clock stopped). */
export function nextAlert(k: StoredClock): Date | null {
  if (k.frozen || k.stoppedAt) return null;
  const pending = [
    !k.warnedAt && !k.breachNotifiedAt ? k.warnAt : null,
    !k.breachNotifiedAt ? k.dueAt : null,
    k.clock === 'first_follow_up' && k.escalatedLevel < 2 ? k.doubleAt : null,
  ];
  return earliest(pending);
}

export function toRow(k: StoredClock): ClockRow {
  return {
    complaint_id: k.complaintId,
    cycle: k.cycle,
    clock: k.clock,
    mission_code: k.missionCode,
    calendar: k.calendar,
    limit_value: k.limitValue,
    unit: k.unit,
    started_at: k.startedAt,
    due_at: k.dueAt,
    warn_at: k.warnAt,
    double_at: k.doubleAt,
    stopped_at: k.stoppedAt,
    met_at: k.metAt,
    elapsed: k.elapsed,
    paused_ms: String(Math.round(k.pausedMs)),
    state: k.state,
    breached_at: k.breachedAt,
    imported: k.imported,
    frozen: k.frozen,
    warned_at: k.warnedAt,
    breach_notified_at: k.breachNotifiedAt,
    escalated_level: k.escalatedLevel,
    next_alert_at: k.nextAlertAt,
  };
}

export function fromRow(r: ClockRow): StoredClock {
  return {
    complaintId: r.complaint_id,
    cycle: r.cycle,
    clock: r.clock,
    missionCode: r.mission_code,
    calendar: r.calendar,
    limitValue: r.limit_value,
    unit: r.unit,
    startedAt: r.started_at,
    dueAt: r.due_at,
    warnAt: r.warn_at,
    doubleAt: r.double_at,
    stoppedAt: r.stopped_at,
    metAt: r.met_at,
    elapsed: r.elapsed,
    pausedMs: Number(r.paused_ms),
    state: r.state,
    breachedAt: r.breached_at,
    imported: r.imported,
    frozen: r.frozen,
    warnedAt: r.warned_at,
    breachNotifiedAt: r.breach_notified_at,
    escalatedLevel: r.escalated_level,
    nextAlertAt: r.next_alert_at,
  };
}

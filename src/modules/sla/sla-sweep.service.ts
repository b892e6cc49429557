import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeaseService } from '../../core/database/lease.service';
import { correlationId } from '../../core/http/correlation';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName, type NotificationKind } from '../../core/queue/queue.contract';
import { MINISTRY_OFFICE } from '../complaints/complaint-scope';
import { ComplaintSlaService, type SlaComplaint, type SlaOutcome } from '../complaints/complaint-sla.service';
import { ComplaintWorkflowService } from '../complaints/complaint-workflow.service';
import { CalendarService, type CalendarSet } from './calendar.service';
import { nextOfficeOpening, workingDaysBetween } from './calendar/working-time';
import { computeClocks, type ComputedClock } from './clocks';
import type { ClockName, ClockState } from './sla-clock.entity';

const BATCH = 500;
const DAY_MS = 86_400_000;

/** A clock as stored, with the alert bookkeeping the computation does not know. */
interface StoredClock extends ComputedClock {
  complaintId: string;
  warnedAt: Date | null;
  breachNotifiedAt: Date | null;
  escalatedLevel: number;
  nextAlertAt: Date | null;
}

export interface SweepResult {
  recomputed: number;
  warnings: number;
  breaches: number;
  escalations: number;
}

type ClockRow = {
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

const CLOCK_COLUMNS = `complaint_id uuid, cycle int, clock text, mission_code text, calendar text, limit_value float8,
  unit text, started_at timestamptz, due_at timestamptz, warn_at timestamptz, double_at timestamptz,
  stopped_at timestamptz, met_at timestamptz, elapsed float8, paused_ms bigint, state text, breached_at timestamptz, imported boolean,
  frozen boolean, warned_at timestamptz, breach_notified_at timestamptz, escalated_level smallint,
  next_alert_at timestamptz, calendar_fp text`;
const CLOCK_NAMES = CLOCK_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]);

/**
 * The SLA engine's worker side (SPEC.md "SLA and reports"), run by the sla.sweep job under the
 * `slaSweep` lease, so one replica at a time:
 * 0. stale calendars: complaints whose running clocks were computed on a calendar that has changed
 *    since (each clock stores its calendar's fingerprint) are marked, whoever changed it and how.
 * 1. recompute: every complaint whose version moved since (sla_dirty) gets its clocks recomputed from
 *    its timeline and the calendars; stopped clocks that were stored frozen are kept as they were, so a
 *    calendar edit never moves a closed cycle's figures; the complaint's due and breach times and the
 *    KPI facts are written with them.
 * 2. alerts: clocks whose next threshold passed fire — a warning at 75%, the breach, and for the first
 *    follow-up the escalation ladder (breach → the mission's supervisor, twice the limit → the ministry).
 *    A mission hears of it inside its office hours only, except for `urgent` complaints. Imported
 *    (backfilled) history is measured but never alerts.
 */
@Injectable()
export class SlaSweepService {
  private readonly logger = new Logger(SlaSweepService.name);
  /** The calendar version whose fingerprints this process last compared with the stored clocks. */
  private checkedVersion: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintSlaService,
    private readonly workflow: ComplaintWorkflowService,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly lease: LeaseService,
  ) {}

  /** One sweep; null when another replica holds the lease. `budgetMs` bounds the recompute phase. */
  async sweep(now: () => Date = () => new Date(), budgetMs = 20_000): Promise<SweepResult | null> {
    const run = await this.lease.runExclusive('slaSweep', async () => {
      const cals = await this.calendars.current();
      await this.markStaleCalendars(cals);
      const started = Date.now();
      let recomputed = 0;
      for (;;) {
        const batch = await this.complaints.dirty(BATCH);
        if (!batch.length) break;
        recomputed += await this.recompute(batch, cals, now());
        if (batch.length < BATCH || Date.now() - started > budgetMs) break;
      }
      // A calendar edited while this sweep ran: what it recorded used the old calendar, so the
      // complaints that may still run are marked again for the next sweep.
      if ((await this.calendars.current()).version !== cals.version) await this.complaints.markOpenDirty();
      const alerts = await this.fireAlerts(cals, now());
      return { recomputed, ...alerts };
    });
    if (!run.ran) return null;
    const r = run.value;
    if (r.warnings || r.breaches || r.escalations)
      this.logger.log(
        `SLA sweep: ${r.recomputed} recomputed, ${r.warnings} warnings, ${r.breaches} breaches, ${r.escalations} escalations`,
      );
    return r;
  }

  /**
   * Complaints whose running clocks were computed on a calendar that has changed since — by this
   * process or another, before a restart or after: a mission's weekend or time zone edited, holidays
   * the boot seeder added, CUTI_BERSAMA_IS_HOLIDAY flipped — are marked for recomputation. Frozen
   * clocks are left alone (a closed cycle's figures never move). Once per calendar version.
   */
  private async markStaleCalendars(cals: CalendarSet): Promise<void> {
    if (this.checkedVersion === cals.version) return;
    const fps = cals.fingerprints();
    const rows: { mission: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT CASE WHEN calendar = 'mission' AND $2::jsonb ? mission_code THEN mission_code END AS mission
       FROM sla_clocks
       WHERE NOT frozen AND calendar <> 'hours'
         AND calendar_fp IS DISTINCT FROM
           CASE WHEN calendar = 'mission' AND $2::jsonb ? mission_code THEN $2::jsonb ->> mission_code ELSE $1 END`,
      [fps.national, JSON.stringify(fps.missions)],
    );
    // The national calendar (or a clock of an office no longer in the directory): every open complaint.
    if (rows.some((r) => r.mission === null)) await this.complaints.markOpenDirty();
    else for (const r of rows) await this.complaints.markOpenDirty(r.mission!);
    this.checkedVersion = cals.version;
  }

  private async recompute(batch: SlaComplaint[], cals: CalendarSet, now: Date): Promise<number> {
    const stored = await this.storedClocks(batch.map((c) => c.id));
    const clockRows: ClockRow[] = [];
    const facts: Record<string, unknown>[] = [];
    const outcomes: SlaOutcome[] = [];
    for (const c of batch) {
      const merged = computeClocks(c, cals, now).map((k) => {
        const s = stored.get(key(c.id, k.cycle, k.clock));
        // A new assignment (a transfer) starts the acknowledgement afresh: not frozen, alerts anew.
        const restarted = s !== undefined && s.startedAt.getTime() !== k.startedAt.getTime();
        if (s?.frozen && !restarted) return s;
        const keep = s && !restarted ? s : undefined;
        const next: StoredClock = {
          ...k,
          complaintId: c.id,
          warnedAt: keep?.warnedAt ?? null,
          breachNotifiedAt: keep?.breachNotifiedAt ?? null,
          escalatedLevel: keep?.escalatedLevel ?? 0,
          nextAlertAt: null,
        };
        next.nextAlertAt = nextAlert(next);
        clockRows.push({ ...toRow(next), calendar_fp: cals.fingerprint(next.calendar, next.missionCode) });
        return next;
      });
      const current = merged.filter((k) => k.cycle === c.cycle);
      outcomes.push({
        id: c.id,
        version: c.version,
        dueAt: earliest(current.filter((k) => !k.stoppedAt).map((k) => k.dueAt)),
        breachedAt: earliest(current.map((k) => k.breachedAt)),
      });
      if (merged.length) facts.push(this.fact(c, merged, cals));
    }
    await this.dataSource.transaction(async (m) => {
      if (clockRows.length)
        await m.query(
          `INSERT INTO sla_clocks (${CLOCK_NAMES.join(', ')}, computed_at)
           SELECT ${CLOCK_NAMES.join(', ')}, now() FROM jsonb_to_recordset($1::jsonb) AS x(${CLOCK_COLUMNS})
           ON CONFLICT (complaint_id, cycle, clock) DO UPDATE SET
             ${CLOCK_NAMES.filter((n) => !['complaint_id', 'cycle', 'clock'].includes(n))
               .map((n) => `${n} = EXCLUDED.${n}`)
               .join(', ')}, computed_at = now()
           WHERE NOT sla_clocks.frozen OR sla_clocks.started_at <> EXCLUDED.started_at`,
          [JSON.stringify(clockRows)],
        );
      if (facts.length)
        await m.query(
          `INSERT INTO sla_facts AS f (complaint_id, mission_code, category_id, classification, priority, status, imported,
             received_at, dispositioned_at, closed_at, ack_due_at, acknowledged_at, follow_up_due_at, followed_up_at,
             follow_up_days, follow_up_working_days, completion_due_at, completed_at)
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(complaint_id uuid, mission_code text, category_id text,
             classification text, priority text, status text, imported boolean, received_at timestamptz,
             dispositioned_at timestamptz, closed_at timestamptz, ack_due_at timestamptz, acknowledged_at timestamptz,
             follow_up_due_at timestamptz, followed_up_at timestamptz, follow_up_days float8,
             follow_up_working_days float8, completion_due_at timestamptz, completed_at timestamptz)
           ON CONFLICT (complaint_id) DO UPDATE SET seq = nextval('sla_facts_seq'),
             mission_code = EXCLUDED.mission_code, category_id = EXCLUDED.category_id,
             classification = EXCLUDED.classification, priority = EXCLUDED.priority, status = EXCLUDED.status,
             imported = EXCLUDED.imported, received_at = EXCLUDED.received_at,
             dispositioned_at = EXCLUDED.dispositioned_at, closed_at = EXCLUDED.closed_at,
             ack_due_at = EXCLUDED.ack_due_at, acknowledged_at = EXCLUDED.acknowledged_at,
             follow_up_due_at = EXCLUDED.follow_up_due_at, followed_up_at = EXCLUDED.followed_up_at,
             follow_up_days = EXCLUDED.follow_up_days,
             -- Frozen once followed up: a calendar edit does not move a figure already measured.
             follow_up_working_days = CASE
               WHEN f.followed_up_at IS NOT DISTINCT FROM EXCLUDED.followed_up_at AND f.follow_up_working_days IS NOT NULL
               THEN f.follow_up_working_days ELSE EXCLUDED.follow_up_working_days END,
             completion_due_at = EXCLUDED.completion_due_at, completed_at = EXCLUDED.completed_at`,
          [JSON.stringify(facts)],
        );
    });
    await this.complaints.record(outcomes);
    return batch.length;
  }

  /** The KPI facts of a complaint: its first cycle's clocks (the figure LAPOR! reports is per complaint). */
  private fact(c: SlaComplaint, clocks: ComputedClock[], cals: CalendarSet): Record<string, unknown> {
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

  private async storedClocks(ids: string[]): Promise<Map<string, StoredClock>> {
    const rows: ClockRow[] = ids.length
      ? await this.dataSource.query(
          `SELECT ${CLOCK_NAMES.join(', ')} FROM sla_clocks WHERE complaint_id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    return new Map(rows.map((r) => [key(r.complaint_id, r.cycle, r.clock), fromRow(r)]));
  }

  /** Clocks whose next threshold has passed: warn, breach, escalate. */
  private async fireAlerts(
    cals: CalendarSet,
    now: Date,
  ): Promise<{ warnings: number; breaches: number; escalations: number }> {
    const tally = { warnings: 0, breaches: 0, escalations: 0 };
    let rounds = 0;
    for (;;) {
      const rows: ClockRow[] = await this.dataSource.query(
        `SELECT ${CLOCK_NAMES.join(', ')} FROM sla_clocks WHERE next_alert_at <= $1 ORDER BY next_alert_at LIMIT $2`,
        [now, BATCH],
      );
      if (!rows.length) break;
      const loaded = await this.complaints.load(rows.map((r) => r.complaint_id));
      // A complaint that changed since its clocks were stored (a follow-up posted a moment ago) is
      // recomputed first, and the due alerts are read again: alerts act on current clocks only.
      const stale = loaded.filter((c) => c.dirty);
      if (stale.length && rounds++ < 10) {
        await this.recompute(stale, cals, now);
        continue;
      }
      const complaints = new Map(loaded.map((c) => [c.id, c]));
      for (const row of rows) {
        const k = fromRow(row);
        const c = complaints.get(k.complaintId);
        if (c && c.cycle === k.cycle && !k.frozen) await this.alert(k, c, cals, now, tally);
        k.nextAlertAt = c && c.cycle === k.cycle && !k.frozen ? nextAlert(k) : null;
        await this.dataSource.query(
          `UPDATE sla_clocks SET state = $4, breached_at = $5, warned_at = $6, breach_notified_at = $7,
             escalated_level = $8, next_alert_at = $9
           WHERE complaint_id = $1 AND cycle = $2 AND clock = $3`,
          [
            k.complaintId,
            k.cycle,
            k.clock,
            k.state,
            k.breachedAt,
            k.warnedAt,
            k.breachNotifiedAt,
            k.escalatedLevel,
            k.nextAlertAt,
          ],
        );
      }
      if (rows.length < BATCH) break;
    }
    return tally;
  }

  private async alert(
    k: StoredClock,
    c: SlaComplaint,
    cals: CalendarSet,
    now: Date,
    tally: { warnings: number; breaches: number; escalations: number },
  ): Promise<void> {
    const quiet = c.imported;
    if (k.dueAt && k.dueAt <= now && !k.breachNotifiedAt) {
      k.state = 'breached';
      k.breachedAt = k.dueAt;
      k.breachNotifiedAt = now;
      k.warnedAt ??= now;
      await this.complaints.markBreached(c.id, k.dueAt);
      if (!quiet) {
        await this.notify('sla.breached', k, c, cals, now);
        tally.breaches++;
        if (k.clock === 'first_follow_up' && k.escalatedLevel < 1) {
          k.escalatedLevel = 1;
          const reason = `SLA: no public follow-up within ${k.limitValue} ${k.unit === 'hours' ? 'hours' : 'working days'}`;
          const delay = this.officeDelay(c, cals, now);
          if (await this.workflow.escalateBySla(c.id, 1, reason, correlationId(), k, delay))
            tally.escalations++;
        }
      }
    } else if (k.warnAt && k.warnAt <= now && !k.warnedAt) {
      k.warnedAt = now;
      if (!quiet) {
        await this.notify('sla.warning', k, c, cals, now);
        tally.warnings++;
      }
    }
    if (k.clock === 'first_follow_up' && k.doubleAt && k.doubleAt <= now && k.escalatedLevel < 2) {
      k.escalatedLevel = 2;
      if (!quiet) {
        const reason = `SLA: no public follow-up within twice the limit (${k.limitValue * 2} ${k.unit === 'hours' ? 'hours' : 'working days'})`;
        const delay = this.officeDelay(c, cals, now);
        if (await this.workflow.escalateBySla(c.id, 2, reason, correlationId(), k, delay))
          tally.escalations++;
      }
    }
  }

  /** Until the office next opens (its calendar and office hours); 0 for urgent complaints. */
  private officeDelay(c: SlaComplaint, cals: CalendarSet, now: Date): (office: string) => number {
    return (office) =>
      c.priority === 'urgent'
        ? 0
        : Math.max(0, nextOfficeOpening(cals.mission(office), now).getTime() - now.getTime());
  }

  /** To the mission (or the ministry desk), inside its office hours unless the complaint is urgent. */
  private async notify(
    kind: NotificationKind,
    k: StoredClock,
    c: SlaComplaint,
    cals: CalendarSet,
    now: Date,
  ) {
    const office = c.missionCode ?? MINISTRY_OFFICE;
    const delayMs = this.officeDelay(c, cals, now)(office);
    await this.outbox.enqueue(
      this.dataSource.manager,
      JobName.NotificationDeliver,
      {
        correlationId: correlationId(),
        kind,
        missionCode: office,
        complaintId: c.id,
        priority: c.priority,
        facts: { cycle: k.cycle, limit: k.limitValue, dueAt: k.dueAt ? k.dueAt.getTime() : null },
        dedupeKey: `${kind}-${c.id}-${k.cycle}-${k.clock}-${k.startedAt.getTime()}`,
      },
      { delayMs },
    );
  }
}

function key(id: string, cycle: number, clock: string): string {
  return `${id}/${cycle}/${clock}`;
}

function earliest(dates: (Date | null)[]): Date | null {
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

function toRow(k: StoredClock): ClockRow {
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

function fromRow(r: ClockRow): StoredClock {
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

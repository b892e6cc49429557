import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeaseService } from '../../core/database/lease.service';
import { ComplaintSlaService, type SlaComplaint, type SlaOutcome } from '../complaints/complaint-sla.service';
import { CalendarService, type CalendarSet } from './calendar.service';
import { computeClocks } from './clocks';
import { SlaAlertsService, type AlertTally } from './sla-alerts.service';
import {
  CLOCK_COLUMNS,
  CLOCK_NAMES,
  earliest,
  fromRow,
  key,
  nextAlert,
  slaFact,
  toRow,
  type ClockRow,
  type StoredClock,
} from './sla-clock-rows';

const BATCH = 500;

export interface SweepResult {
  recomputed: number;
  warnings: number;
  breaches: number;
  escalations: number;
}

/**
 * The SLA engine's worker side (SPEC.md "SLA and reports"), run by the sla.sweep job under the
 * `slaSweep` lease, so one replica at a time:
 * 0. stale calendars: complaints whose running clocks were computed on a calendar that has changed
 *    since (each clock stores its calendar's fingerprint) are marked, whoever changed it and how.
 * 1. recompute: every complaint whose version moved since (sla_dirty) gets its clocks recomputed from
 *    its timeline and the calendars; stopped clocks that were stored frozen are kept as they were, so a
 *    calendar edit never moves a closed cycle's figures; the complaint's due and breach times and the
 *    KPI facts are written with them.
 * 2. alerts: clocks whose next threshold passed fire (SlaAlertsService: warning at 75%, breach,
 *    escalation ladder, office hours) and their bookkeeping is stored.
 */
@Injectable()
export class SlaSweepService {
  private readonly logger = new Logger(SlaSweepService.name);
  /** The calendar version whose fingerprints this process last compared with the stored clocks. */
  private checkedVersion: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintSlaService,
    private readonly calendars: CalendarService,
    private readonly alerts: SlaAlertsService,
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
      if (merged.length) facts.push(slaFact(c, merged, cals));
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
  private async fireAlerts(cals: CalendarSet, now: Date): Promise<AlertTally> {
    const tally: AlertTally = { warnings: 0, breaches: 0, escalations: 0 };
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
        if (c && c.cycle === k.cycle && !k.frozen) await this.alerts.alert(k, c, cals, now, tally);
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
}

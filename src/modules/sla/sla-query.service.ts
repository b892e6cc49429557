import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ClockCalendar, ClockName, ClockState, ClockUnit } from './sla-clock.entity';

/** An SLA clock as the complaint resource shows it. */
export interface ClockView {
  cycle: number;
  clock: ClockName;
  calendar: ClockCalendar;
  limit: { value: number; unit: ClockUnit };
  startedAt: string;
  dueAt: string | null;
  stoppedAt: string | null;
  metAt: string | null;
  /** Working days (or hours, on the 24/7 clock) elapsed, paused time excluded. */
  elapsed: number;
  pausedMs: number;
  state: ClockState;
  breached: boolean;
  breachedAt: string | null;
  imported: boolean;
  computedAt: string;
}

/** One open breach (a clock past due that has not stopped). */
export interface OpenBreach {
  complaintId: string;
  cycle: number;
  clock: ClockName;
  missionCode: string | null;
  dueAt: Date;
  breachedAt: Date;
}

/**
 * One complaint's KPI facts (sla_facts), as the report read model loads them: times as epoch seconds
 * (null when absent), so a million rows load without a Date each.
 */
export interface FactRow {
  seq: string;
  /** The complaint's fixed slot (sla_facts.row_no). */
  row_no: number;
  mission_code: string | null;
  category_id: string | null;
  classification: string | null;
  priority: string;
  status: string;
  imported: boolean;
  received_at: number;
  dispositioned_at: number;
  closed_at: number | null;
  ack_due_at: number | null;
  acknowledged_at: number | null;
  follow_up_due_at: number | null;
  followed_up_at: number | null;
  follow_up_days: number | null;
  follow_up_working_days: number | null;
  completion_due_at: number | null;
  completed_at: number | null;
}

const EPOCH_COLUMNS = [
  'received_at',
  'dispositioned_at',
  'closed_at',
  'ack_due_at',
  'acknowledged_at',
  'follow_up_due_at',
  'followed_up_at',
  'completion_due_at',
  'completed_at',
];

/** Reads of the sla module's tables for other modules (complaint page, reports, metrics). */
@Injectable()
export class SlaQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async clocksOf(complaintId: string): Promise<ClockView[]> {
    const rows: {
      cycle: number;
      clock: ClockName;
      calendar: ClockCalendar;
      limit_value: number;
      unit: ClockUnit;
      started_at: Date;
      due_at: Date | null;
      stopped_at: Date | null;
      met_at: Date | null;
      elapsed: number;
      paused_ms: string;
      state: ClockState;
      breached_at: Date | null;
      imported: boolean;
      computed_at: Date;
    }[] = await this.dataSource.query(
      `SELECT cycle, clock, calendar, limit_value, unit, started_at, due_at, stopped_at, met_at, elapsed, paused_ms,
              state, breached_at, imported, computed_at
       FROM sla_clocks WHERE complaint_id = $1
       ORDER BY cycle, array_position(ARRAY['acknowledgement', 'first_follow_up', 'completion'], clock)`,
      [complaintId],
    );
    return rows.map((r) => ({
      cycle: r.cycle,
      clock: r.clock,
      calendar: r.calendar,
      limit: { value: r.limit_value, unit: r.unit },
      startedAt: r.started_at.toISOString(),
      dueAt: r.due_at?.toISOString() ?? null,
      stoppedAt: r.stopped_at?.toISOString() ?? null,
      metAt: r.met_at?.toISOString() ?? null,
      elapsed: Math.round(r.elapsed * 1000) / 1000,
      pausedMs: Number(r.paused_ms),
      state: r.state,
      breached: r.breached_at !== null,
      breachedAt: r.breached_at?.toISOString() ?? null,
      imported: r.imported,
      computedAt: r.computed_at.toISOString(),
    }));
  }

  /** Open breaches, oldest first; `missions` null = every office; keyset after (breachedAt, id, clock). */
  async openBreaches(q: {
    missions: readonly string[] | null;
    limit: number;
    after?: { breachedAt: Date; complaintId: string; clock: string };
  }): Promise<OpenBreach[]> {
    const rows: {
      complaint_id: string;
      cycle: number;
      clock: ClockName;
      mission_code: string | null;
      due_at: Date;
      breached_at: Date;
    }[] = await this.dataSource.query(
      `SELECT complaint_id, cycle, clock, mission_code, due_at, breached_at FROM sla_clocks
       WHERE breached_at IS NOT NULL AND stopped_at IS NULL
         AND ($1::text[] IS NULL OR mission_code = ANY($1))
         AND ($2::timestamptz IS NULL OR (breached_at, complaint_id, clock) > ($2, $3::uuid, $4::text))
       ORDER BY breached_at, complaint_id, clock LIMIT $5`,
      [
        q.missions,
        q.after?.breachedAt ?? null,
        q.after?.complaintId ?? null,
        q.after?.clock ?? null,
        q.limit,
      ],
    );
    return rows.map((r) => ({
      complaintId: r.complaint_id,
      cycle: r.cycle,
      clock: r.clock,
      missionCode: r.mission_code,
      dueAt: r.due_at,
      breachedAt: r.breached_at,
    }));
  }

  /** KPI facts written after `seq`, in seq order (the sweep is their one writer, so seq commits in order). */
  async factsSince(seq: string, limit: number): Promise<FactRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT seq::text, row_no::int AS row_no, mission_code, category_id, classification, priority, status, imported,
              ${EPOCH_COLUMNS.map((c) => `floor(extract(epoch FROM ${c}))::int8 AS ${c}`).join(', ')},
              follow_up_days, follow_up_working_days
       FROM sla_facts f WHERE f.seq > $1 ORDER BY f.seq LIMIT $2`,
      [seq, limit],
    );
    // ORDER BY f.seq, not seq: the output column `seq` is text, and text order would skip rows.
    // int8 arrives as a string (pg keeps 64-bit exact); seconds since 1970 fit a double exactly.
    for (const r of rows) for (const c of EPOCH_COLUMNS) if (r[c] !== null) r[c] = Number(r[c]);
    return rows as unknown as FactRow[];
  }
}

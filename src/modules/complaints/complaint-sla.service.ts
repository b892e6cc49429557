import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Priority } from './complaint.types';

/** What the SLA engine reads of a complaint to compute its clocks. */
export interface SlaComplaint {
  id: string;
  version: number;
  status: string;
  priority: Priority;
  classification: string | null;
  categoryId: string | null;
  missionCode: string | null;
  imported: boolean;
  cycle: number;
  escalationLevel: number;
  /** Changed since its clocks were last computed (the sweep recomputes it before acting on them). */
  dirty: boolean;
  receivedAt: Date;
  dispositionedAt: Date | null;
  events: { type: string; at: Date; fromStatus: string | null; toStatus: string | null; cycle?: number }[];
  /** Posting times of the institution's public words (bridge or LAPOR!), oldest first. */
  institutionFollowUps: Date[];
}

/** The SLA engine's outcome for one complaint, written back without moving its version. */
export interface SlaOutcome {
  id: string;
  version: number;
  dueAt: Date | null;
  breachedAt: Date | null;
}

/**
 * The complaints module's side of the SLA engine (the sla module owns the clocks): which complaints
 * changed (sla_dirty, set by a trigger whenever the version moves), their timelines, and the due and
 * breach times the inbox sorts and filters on. None of these writes moves the version (the ETag), so
 * a handler's If-Match stays valid while the sweep works.
 */
@Injectable()
export class ComplaintSlaService {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `limit` complaints whose clocks need recomputing, oldest change first, with their timelines. */
  async dirty(limit: number): Promise<SlaComplaint[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      // Not yet routed: no clocks yet, and routing moves the version again; it waits until then.
      `SELECT id FROM complaints WHERE sla_dirty AND status <> 'received' ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    return this.load(rows.map((r) => r.id));
  }

  /** The given complaints with their timelines (missing ids are left out). */
  async load(ids: readonly string[]): Promise<SlaComplaint[]> {
    if (!ids.length) return [];
    type Row = {
      id: string;
      version: number;
      status: string;
      priority: Priority;
      classification: string | null;
      category_id: string | null;
      mission_code: string | null;
      imported: boolean;
      cycle: number;
      escalation_level: number;
      sla_dirty: boolean;
      received_at: Date;
      dispositioned_at: Date | null;
    };
    type EventRow = {
      complaint_id: string;
      type: string;
      occurred_at: Date;
      from_status: string | null;
      to_status: string | null;
      cycle: number | null;
    };
    const [rows, events, words] = await Promise.all([
      this.dataSource.query<Row[]>(
        `SELECT id, version, status, priority, classification, category_id, mission_code, imported, cycle,
                escalation_level, sla_dirty, received_at, dispositioned_at
         FROM complaints WHERE id = ANY($1::uuid[])`,
        [ids],
      ),
      this.dataSource.query<EventRow[]>(
        `SELECT complaint_id, type, occurred_at, from_status, to_status, (payload->>'cycle')::int AS cycle
         FROM complaint_events WHERE complaint_id = ANY($1::uuid[])
         ORDER BY complaint_id, occurred_at, id`,
        [ids],
      ),
      this.dataSource.query<{ complaint_id: string; posted_at: Date }[]>(
        `SELECT complaint_id, posted_at FROM follow_ups
         WHERE complaint_id = ANY($1::uuid[]) AND author_type = 'institution' AND visibility = 'public'
         ORDER BY complaint_id, posted_at`,
        [ids],
      ),
    ]);
    const byId = new Map<string, SlaComplaint>();
    for (const r of rows)
      byId.set(r.id, {
        id: r.id,
        version: r.version,
        status: r.status,
        priority: r.priority,
        classification: r.classification,
        categoryId: r.category_id,
        missionCode: r.mission_code,
        imported: r.imported,
        cycle: r.cycle,
        escalationLevel: r.escalation_level,
        dirty: r.sla_dirty,
        receivedAt: r.received_at,
        dispositionedAt: r.dispositioned_at,
        events: [],
        institutionFollowUps: [],
      });
    for (const e of events)
      byId.get(e.complaint_id)?.events.push({
        type: e.type,
        at: e.occurred_at,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        ...(e.cycle ? { cycle: e.cycle } : {}),
      });
    for (const w of words) byId.get(w.complaint_id)?.institutionFollowUps.push(w.posted_at);
    return [...byId.values()];
  }

  /**
   * Writes the clocks' due and breach times and clears sla_dirty — only where the version is still the
   * one computed from; a complaint that changed meanwhile stays dirty for the next round.
   */
  async record(outcomes: readonly SlaOutcome[]): Promise<number> {
    if (!outcomes.length) return 0;
    const rows: unknown[] = await this.dataSource.query(
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::timestamptz[])
           AS v(id, version, due_at, breached_at)
       ), u AS (
         UPDATE complaints c SET due_at = v.due_at, breached_at = v.breached_at, sla_dirty = false
         FROM v WHERE c.id = v.id AND c.version = v.version RETURNING c.id
       ) SELECT id FROM u`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.version),
        outcomes.map((o) => o.dueAt),
        outcomes.map((o) => o.breachedAt),
      ],
    );
    return rows.length;
  }

  /** The few fields a breach list shows of each complaint (never the reporter, never the text). */
  async heads(ids: readonly string[]): Promise<
    Map<
      string,
      {
        laporId: string;
        trackingId: string | null;
        status: string;
        priority: Priority;
        escalationLevel: number;
      }
    >
  > {
    if (!ids.length) return new Map();
    const rows: {
      id: string;
      lapor_id: string;
      tracking_id: string | null;
      status: string;
      priority: Priority;
      escalation_level: number;
    }[] = await this.dataSource.query(
      `SELECT id, lapor_id, tracking_id, status, priority, escalation_level FROM complaints WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          laporId: r.lapor_id,
          trackingId: r.tracking_id,
          status: r.status,
          priority: r.priority,
          escalationLevel: r.escalation_level,
        },
      ]),
    );
  }

  /** A clock passed its due time between recomputes: the complaint shows as breached from then. */
  async markBreached(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE complaints SET breached_at = LEAST(COALESCE(breached_at, $2), $2) WHERE id = $1`,
      [id, at],
    );
  }

  /**
   * A calendar changed: every complaint whose clocks may still run is recomputed by the next sweeps
   * (stopped clocks are frozen and keep their figures). Returns how many were marked.
   */
  async markOpenDirty(missionCode?: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH u AS (
         UPDATE complaints SET sla_dirty = true
         WHERE status NOT IN ('received', 'resolved', 'closed', 'forwarded')
           AND ($1::text IS NULL OR mission_code = $1)
         RETURNING id
       ) SELECT id FROM u`,
      [missionCode ?? null],
    );
    return rows.length;
  }
}

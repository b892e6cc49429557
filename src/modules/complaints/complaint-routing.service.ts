import { Injectable } from '@nestjs/common';
import { laporCodes } from '../../integrations/lapor/lapor-codes';
import type { EntityManager } from 'typeorm';
import type { SqlRunner } from '../../core/database/sql-runner';
import { DomainError } from '../../core/http/domain.errors';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName, type JobPayloads, type NotificationKind } from '../../core/queue/queue.contract';
import type { ComplaintStatus, Priority, RoutingDecision } from './complaint.types';

/** A routing decision for one complaint: the office, and why (shown to the handler). */
export interface RoutedTo extends RoutingDecision {
  missionCode: string;
  /** `triage` when the office is the ministry desk that must assign it by hand. */
  triage: boolean;
}

export interface RoutingTarget {
  id: string;
  /** The row version read (recordRoutingIfUnchanged writes only over this one). */
  version: number;
  status: ComplaintStatus;
  missionCode: string | null;
  priority: Priority;
  dispositionId: string | null;
  title: string;
  content: string;
  locationName: string | null;
  /** LAPOR! had finished it (Selesai, Diarsipkan) when it was read: routed for the record, closed. */
  finishedUpstream: boolean;
}

/** The priority the router found in the words, and the words. */
export interface PriorityFinding {
  priority: Priority;
  evidence: string[];
}

/** Statuses from which an admin may re-run the router: open, and not handed back to LAPOR!. */
export const REROUTABLE: readonly ComplaintStatus[] = [
  'received',
  'triage',
  'assigned',
  'acknowledged',
  'awaiting_reporter',
  'responded',
];

const RANK: Record<Priority, number> = { normal: 0, high: 1, urgent: 2 };

export class ComplaintNotFoundError extends DomainError {
  constructor(id: string) {
    super('COMPLAINT_NOT_FOUND', 404, `No complaint has the id "${id}".`);
  }
}

/**
 * The complaints module's side of routing: it alone changes a complaint's status (received →
 * assigned or triage), with one `routed` event. A complaint already routed is left alone, so a
 * re-delivered routing job never re-routes (SPEC.md "Routing": idempotent). In the same
 * transaction it writes the outbox row that tells the office (notification).
 */
@Injectable()
export class ComplaintRoutingService {
  constructor(private readonly outbox: OutboxService) {}

  /** Locks the complaint; null when it is gone. */
  async lock(m: EntityManager, complaintId: string): Promise<RoutingTarget | null> {
    return this.read(m, complaintId, true);
  }

  /**
   * Reads a complaint waiting to be routed, without a lock (recordRoutingIfUnchanged writes only if
   * it is still the version read); null when it is gone or no longer waiting to be routed.
   */
  async readForRouting(q: SqlRunner, complaintId: string): Promise<RoutingTarget | null> {
    const target = await this.read(q, complaintId, false);
    return target?.status === 'received' ? target : null;
  }

  /**
   * Complaints still waiting to be routed `olderThanS` seconds after they were stored, oldest first:
   * their routing job was lost (Redis lost its data) or keeps failing.
   */
  async waitingToBeRouted(q: SqlRunner, olderThanS: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await q.query(
      `SELECT id FROM complaints WHERE status = 'received' AND received_at < now() - make_interval(secs => $1)
       ORDER BY received_at, id LIMIT $2`,
      [olderThanS, limit],
    );
    return rows.map((r) => r.id);
  }

  private async read(q: SqlRunner, complaintId: string, lock: boolean): Promise<RoutingTarget | null> {
    const rows: {
      id: string;
      version: number;
      status: ComplaintStatus;
      mission_code: string | null;
      priority: Priority;
      disposition_id: string | null;
      title: string;
      content: string;
      location_name: string | null;
      lapor_status_code: string | null;
      lapor_status_name: string | null;
    }[] = await q.query(
      `SELECT id, version, status, mission_code, priority, disposition_id, title, content, location_name,
              lapor_status_code, lapor_status_name
       FROM complaints WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [complaintId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      version: r.version,
      status: r.status,
      missionCode: r.mission_code,
      priority: r.priority,
      dispositionId: r.disposition_id,
      title: r.title,
      content: r.content,
      locationName: r.location_name,
      finishedUpstream: finishedUpstream(r.lapor_status_code, r.lapor_status_name),
    };
  }

  /**
   * received → assigned | triage, with the explanation and the priority, the `routed` event and the
   * outbox row that tells the office — one statement, so one round trip and atomic without a
   * transaction — provided the complaint is still the version readForRouting read. Returns false
   * (nothing written) when it changed meanwhile: routed by a duplicate job, or updated from LAPOR!.
   */
  async recordRoutingIfUnchanged(
    q: SqlRunner,
    target: RoutingTarget,
    d: RoutedTo,
    found: PriorityFinding,
    ctx: { actor: string; correlationId: string },
  ): Promise<boolean> {
    // A complaint LAPOR! had already finished (backfilled history) gets its office for the figures,
    // stays closed, and nobody is told.
    const status: ComplaintStatus = target.finishedUpstream ? 'closed' : d.triage ? 'triage' : 'assigned';
    const priority = raised(target.priority, found.priority);
    const routing = explanation(d);
    const event = {
      missionCode: d.missionCode,
      ...routing,
      priority,
      ...(found.evidence.length ? { priorityEvidence: found.evidence } : {}),
    };
    const kind: NotificationKind = d.triage ? 'complaint.triage' : 'complaint.assigned';
    // The update below makes version + 1, as update() returns it.
    const job = notification(target.id, kind, d.missionCode, priority, target.version + 1, ctx);
    // The outbox row as OutboxService.enqueue writes it (no delay), inside this statement.
    const rows: { id: string }[] = await q.query(
      `WITH routed AS (
         UPDATE complaints SET mission_code = $2, routing = $3, status = $4, priority = $5, assigned_at = now(),
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $6 AND status = $7
         RETURNING id
       ), event AS (
         INSERT INTO complaint_events (complaint_id, type, actor, from_status, to_status, payload, correlation_id, occurred_at)
         SELECT id, 'routed', $8::text, $7::text, $4::text, $9::jsonb, $10::text, now() FROM routed
       ), notified AS (
         INSERT INTO outbox (queue, job_name, payload, available_at)
         SELECT $11::text, $12::text, $13::jsonb, now() FROM routed WHERE $14::boolean
       )
       SELECT id FROM routed`,
      [
        target.id,
        d.missionCode,
        JSON.stringify(routing),
        status,
        priority,
        target.version,
        target.status,
        ctx.actor,
        JSON.stringify(event),
        ctx.correlationId,
        ...OutboxService.row(JobName.NotificationDeliver, job),
        !target.finishedUpstream,
      ],
    );
    return rows.length === 1;
  }

  /**
   * An admin's re-run of the router on a routed complaint (POST …/reroute). A different office
   * gets the complaint as `assigned` (or `triage`) and is told; the previous office is recorded in
   * the event. The same office changes nothing. Returns whether the complaint moved.
   */
  async recordReroute(
    m: EntityManager,
    target: RoutingTarget,
    d: RoutedTo,
    found: PriorityFinding,
    ctx: { actor: string; correlationId: string; reason: string | null },
  ): Promise<{ changed: boolean; previousMissionCode: string | null; status: ComplaintStatus }> {
    if (!REROUTABLE.includes(target.status))
      throw new DomainError(
        'COMPLAINT_INVALID_TRANSITION',
        409,
        `A complaint in status "${target.status}" cannot be re-routed.`,
        { status: target.status },
      );
    const status: ComplaintStatus = d.triage ? 'triage' : 'assigned';
    if (target.missionCode === d.missionCode && target.status !== 'received')
      return { changed: false, previousMissionCode: target.missionCode, status: target.status };
    const priority = raised(target.priority, found.priority);
    const routing = explanation(d);
    const version = await this.update(m, target.id, d.missionCode, routing, status, priority);
    await this.event(
      m,
      target.id,
      target.status === 'received' ? 'routed' : 'rerouted',
      ctx,
      target.status,
      status,
      {
        missionCode: d.missionCode,
        previousMissionCode: target.missionCode,
        ...routing,
        priority,
        ...(ctx.reason ? { reason: ctx.reason } : {}),
      },
    );
    await this.notify(
      m,
      target.id,
      d.triage ? 'complaint.triage' : 'complaint.rerouted',
      d.missionCode,
      priority,
      version,
      ctx,
    );
    return { changed: true, previousMissionCode: target.missionCode, status };
  }

  private async update(
    m: EntityManager,
    id: string,
    missionCode: string,
    routing: RoutingDecision,
    status: ComplaintStatus,
    priority: Priority,
  ): Promise<number> {
    const rows: [{ version: number }[], number] = await m.query(
      `UPDATE complaints SET mission_code = $2, routing = $3, status = $4, priority = $5, assigned_at = now(),
         version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING version`,
      [id, missionCode, JSON.stringify(routing), status, priority],
    );
    return rows[0][0].version;
  }

  private async event(
    m: EntityManager,
    id: string,
    type: 'routed' | 'rerouted',
    ctx: { actor: string; correlationId: string },
    from: ComplaintStatus,
    to: ComplaintStatus,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO complaint_events (complaint_id, type, actor, from_status, to_status, payload, correlation_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [id, type, ctx.actor, from, to, JSON.stringify(payload), ctx.correlationId],
    );
  }

  private async notify(
    m: EntityManager,
    complaintId: string,
    kind: NotificationKind,
    missionCode: string,
    priority: Priority,
    version: number,
    ctx: { correlationId: string },
  ): Promise<void> {
    await this.outbox.enqueue(
      m,
      JobName.NotificationDeliver,
      notification(complaintId, kind, missionCode, priority, version, ctx),
    );
  }
}

/** The notification job telling the office; one per complaint version (dedupe key). */
function notification(
  complaintId: string,
  kind: NotificationKind,
  missionCode: string,
  priority: Priority,
  version: number,
  ctx: { correlationId: string },
): JobPayloads[typeof JobName.NotificationDeliver] {
  return {
    correlationId: ctx.correlationId,
    kind,
    missionCode,
    complaintId,
    priority,
    dedupeKey: `${kind}-${complaintId}-${version}`,
  };
}

/** The router may raise a priority, never lower one set otherwise. */
function raised(current: Priority, found: Priority): Priority {
  return RANK[found] > RANK[current] ? found : current;
}

function explanation(d: RoutedTo): RoutingDecision {
  return {
    rule: d.rule,
    evidence: d.evidence,
    confidence: d.confidence,
    ...(d.desk ? { desk: d.desk } : {}),
  };
}

/** SPEC.md "Handling workflow": `closed` = finished upstream (Selesai, Diarsipkan). */
function finishedUpstream(code: string | null, name: string | null): boolean {
  const s = laporCodes().status(code, name);
  return s.known && (s.value === 'finished' || s.value === 'archived');
}

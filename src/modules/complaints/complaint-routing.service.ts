import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RoutingDecision } from './complaint.types';

/** A routing decision for one complaint: the office, and why (shown to the handler). */
export interface RoutedTo extends RoutingDecision {
  missionCode: string;
  /** `triage` when the office is the ministry desk that must assign it by hand. */
  triage: boolean;
}

export interface RoutingTarget {
  id: string;
  status: string;
  dispositionId: string | null;
  title: string;
  content: string;
  locationName: string | null;
}

/**
 * The complaints module's side of routing: it alone changes a complaint's status (received →
 * assigned or triage), with one `routed` event. A complaint already routed is left alone, so a
 * re-delivered routing job never re-routes (SPEC.md "Routing": idempotent).
 */
@Injectable()
export class ComplaintRoutingService {
  /** Locks the complaint for routing; null when it is gone or no longer waiting to be routed. */
  async lockForRouting(m: EntityManager, complaintId: string): Promise<RoutingTarget | null> {
    const rows: {
      id: string;
      status: string;
      disposition_id: string | null;
      title: string;
      content: string;
      location_name: string | null;
    }[] = await m.query(
      `SELECT id, status, disposition_id, title, content, location_name FROM complaints WHERE id = $1 FOR UPDATE`,
      [complaintId],
    );
    const r = rows[0];
    if (!r || r.status !== 'received') return null;
    return {
      id: r.id,
      status: r.status,
      dispositionId: r.disposition_id,
      title: r.title,
      content: r.content,
      locationName: r.location_name,
    };
  }

  async recordRouting(
    m: EntityManager,
    complaintId: string,
    d: RoutedTo,
    ctx: { actor: string; correlationId: string },
  ): Promise<void> {
    const status = d.triage ? 'triage' : 'assigned';
    const routing: RoutingDecision = { rule: d.rule, evidence: d.evidence, confidence: d.confidence };
    await m.query(
      `UPDATE complaints SET mission_code = $2, routing = $3, status = $4, assigned_at = now(),
         version = version + 1, updated_at = now()
       WHERE id = $1`,
      [complaintId, d.missionCode, JSON.stringify(routing), status],
    );
    await m.query(
      `INSERT INTO complaint_events (complaint_id, type, actor, from_status, to_status, payload, correlation_id, occurred_at)
       VALUES ($1, 'routed', $2, 'received', $3, $4, $5, now())`,
      [
        complaintId,
        ctx.actor,
        status,
        JSON.stringify({ missionCode: d.missionCode, ...routing }),
        ctx.correlationId,
      ],
    );
  }
}

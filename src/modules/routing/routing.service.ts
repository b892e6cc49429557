import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { SqlRunner } from '../../core/database/sql-runner';
import { correlationId } from '../../core/http/correlation';
import {
  ComplaintNotFoundError,
  ComplaintRoutingService,
  type RoutedTo,
} from '../complaints/complaint-routing.service';
import type { ComplaintStatus } from '../complaints/complaint.types';
import { MissionsService } from '../missions/missions.service';
import { Gazetteer } from './gazetteer/gazetteer';
import { decideWithPriority, previewRoute, type RoutePreview, type RouterInput } from './router';

export interface RerouteResult {
  complaintId: string;
  changed: boolean;
  previousMissionCode: string | null;
  missionCode: string;
  status: ComplaintStatus;
  routing: Omit<RoutedTo, 'triage' | 'missionCode'>;
}

const statementNames = new Map<string, string>();

/** A prepared statement's name, from its text: one name is always one statement on a connection. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `routing-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Routes complaints: read, decide, record the decision (idempotent); previews without storing. */
@Injectable()
export class RoutingService {
  private readonly gazetteer = Gazetteer.default();
  /**
   * The queue's routing statements on TypeORM's own pool, without its query layer (the hot path,
   * as rawTransaction for intake), each a named statement: Postgres parses and plans it once per
   * connection, not once per complaint.
   */
  private readonly prepared: SqlRunner = {
    query: async (text: string, values?: unknown[]) => {
      const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
      return (await pool.query({ name: statementName(text), text, values })).rows as never;
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintRoutingService,
    private readonly missions: MissionsService,
  ) {}

  /** The decision for any text, nothing stored (POST /api/v1/routing/preview, CLI `route`). */
  async preview(input: RouterInput): Promise<RoutePreview> {
    const missionByInstitutionId = await this.missions.missionByInstitutionId();
    return previewRoute(input, { missionByInstitutionId, gazetteer: this.gazetteer });
  }

  /**
   * Returns the office it went to, or null when the complaint was already routed (nothing done).
   * Two round trips and no transaction held while deciding: read, decide, then write only over the
   * version read; a complaint that changed meanwhile is read and decided again (as a lock would
   * have made it wait for that change).
   */
  async route(complaintId: string): Promise<string | null> {
    const missionByInstitutionId = await this.missions.missionByInstitutionId();
    const ctx = { actor: 'system:router', correlationId: correlationId() };
    for (;;) {
      const target = await this.complaints.readForRouting(this.prepared, complaintId);
      if (!target) return null;
      const { decision, priority } = decideWithPriority(target, {
        missionByInstitutionId,
        gazetteer: this.gazetteer,
      });
      if (await this.complaints.recordRoutingIfUnchanged(this.prepared, target, decision, priority, ctx))
        return decision.missionCode;
    }
  }

  /** An admin's re-run of the router (same rules as the queue); records the previous office. */
  async reroute(complaintId: string, ctx: { actor: string; reason: string | null }): Promise<RerouteResult> {
    const missionByInstitutionId = await this.missions.missionByInstitutionId();
    return this.dataSource.transaction(async (m) => {
      const target = await this.complaints.lock(m, complaintId);
      if (!target) throw new ComplaintNotFoundError(complaintId);
      const { decision: d, priority } = decideWithPriority(target, {
        missionByInstitutionId,
        gazetteer: this.gazetteer,
      });
      const r = await this.complaints.recordReroute(m, target, d, priority, {
        ...ctx,
        correlationId: correlationId(),
      });
      const { triage: _triage, missionCode, ...routing } = d;
      return { complaintId, ...r, missionCode, routing };
    });
  }
}

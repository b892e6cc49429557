import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { correlationId } from '../../core/http/correlation';
import {
  ComplaintNotFoundError,
  ComplaintRoutingService,
  type RoutedTo,
} from '../complaints/complaint-routing.service';
import type { ComplaintStatus } from '../complaints/complaint.types';
import { MissionsService } from '../missions/missions.service';
import { Gazetteer } from './gazetteer/gazetteer';
import { decide, previewRoute, type RoutePreview, type RouterInput } from './router';
import { classifyPriority } from './rules/priority';

export interface RerouteResult {
  complaintId: string;
  changed: boolean;
  previousMissionCode: string | null;
  missionCode: string;
  status: ComplaintStatus;
  routing: Omit<RoutedTo, 'triage' | 'missionCode'>;
}

/** Routes complaints: lock, decide, record the decision (idempotent); previews without storing. */
@Injectable()
export class RoutingService {
  private readonly gazetteer = Gazetteer.default();

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

  /** Returns the office it went to, or null when the complaint was already routed (nothing done). */
  async route(complaintId: string): Promise<string | null> {
    const missionByInstitutionId = await this.missions.missionByInstitutionId();
    return this.dataSource.transaction(async (m) => {
      const target = await this.complaints.lockForRouting(m, complaintId);
      if (!target) return null;
      const decision = decide(target, { missionByInstitutionId, gazetteer: this.gazetteer });
      await this.complaints.recordRouting(
        m,
        target,
        decision,
        classifyPriority(target.title, target.content),
        {
          actor: 'system:router',
          correlationId: correlationId(),
        },
      );
      return decision.missionCode;
    });
  }

  /** An admin's re-run of the router (same rules as the queue); records the previous office. */
  async reroute(complaintId: string, ctx: { actor: string; reason: string | null }): Promise<RerouteResult> {
    const missionByInstitutionId = await this.missions.missionByInstitutionId();
    return this.dataSource.transaction(async (m) => {
      const target = await this.complaints.lock(m, complaintId);
      if (!target) throw new ComplaintNotFoundError(complaintId);
      const d = decide(target, { missionByInstitutionId, gazetteer: this.gazetteer });
      const r = await this.complaints.recordReroute(
        m,
        target,
        d,
        classifyPriority(target.title, target.content),
        {
          ...ctx,
          correlationId: correlationId(),
        },
      );
      const { triage: _triage, missionCode, ...routing } = d;
      return { complaintId, ...r, missionCode, routing };
    });
  }
}

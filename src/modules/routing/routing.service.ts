import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { correlationId } from '../../core/http/correlation';
import { ComplaintRoutingService } from '../complaints/complaint-routing.service';
import { MissionsService } from '../missions/missions.service';
import { decide } from './router';

/** Routes one complaint: lock it, decide, record the decision (idempotent). */
@Injectable()
export class RoutingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintRoutingService,
    private readonly missions: MissionsService,
  ) {}

  /** Returns the office it went to, or null when the complaint was already routed (nothing done). */
  async route(complaintId: string): Promise<string | null> {
    const missionByInstitutionId = await this.missions.missionByInstitutionId();
    return this.dataSource.transaction(async (m) => {
      const target = await this.complaints.lockForRouting(m, complaintId);
      if (!target) return null;
      const decision = decide(target, { missionByInstitutionId });
      await this.complaints.recordRouting(m, complaintId, decision, {
        actor: 'system:router',
        correlationId: correlationId(),
      });
      return decision.missionCode;
    });
  }
}

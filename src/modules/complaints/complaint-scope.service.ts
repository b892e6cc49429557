import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { MISSION_SCOPED_ROLES } from '../auth/role';
import { MissionsService } from '../missions/missions.service';
import type { ComplaintScope } from './complaint-scope';

/** The caller's scope (complaint-scope.ts): a mission's people see their office and the desks inside it. */
@Injectable()
export class ComplaintScopeService {
  constructor(private readonly missions: MissionsService) {}

  async of(p: Principal): Promise<ComplaintScope> {
    if (!MISSION_SCOPED_ROLES.includes(p.role)) return null;
    return p.missionCode ? this.missions.officesOf(p.missionCode) : [];
  }
}

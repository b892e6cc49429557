import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MissionEntity } from './mission.entity';

/** Read access to the missions directory for other modules (the missions module owns the table). */
@Injectable()
export class MissionsService {
  constructor(private readonly dataSource: DataSource) {}

  /** LAPOR! institution id → mission code, for routing rule 1 (ids are set by admins). */
  async missionByInstitutionId(): Promise<Map<string, string>> {
    const rows: { code: string; lapor_institution_id: string }[] = await this.dataSource.query(
      `SELECT code, lapor_institution_id FROM missions WHERE lapor_institution_id IS NOT NULL`,
    );
    return new Map(rows.map((r) => [r.lapor_institution_id, r.code]));
  }

  async exists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(MissionEntity).exists({ where: { code } });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MissionEntity } from './mission.entity';

/** Read access to the missions directory for other modules (the missions module owns the table). */
@Injectable()
export class MissionsService {
  constructor(private readonly dataSource: DataSource) {}

  async exists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(MissionEntity).exists({ where: { code } });
  }
}

import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionsModule } from '../missions/missions.module';
import { SlaModule } from '../sla/sla.module';
import { BreachesService } from './breaches.service';
import { KpiReadModel } from './kpi-read-model';
import { ReportsService } from './reports.service';

/** The ministry's figures (README.md in this folder). Owns no table: it reads the sla module's facts. */
@Module({
  imports: [SlaModule, ComplaintsModule, MissionsModule],
  providers: [KpiReadModel, ReportsService, BreachesService],
  exports: [ReportsService, BreachesService, KpiReadModel],
})
export class ReportsModule {}

import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { ReportsController } from './reports.controller';
import { ReportsModule } from './reports.module';
import { ReportsWarmup } from './reports-warmup.service';

/** The reports' HTTP API (with ROLE=api or all). */
@Module({
  imports: [ReportsModule, ComplaintsModule],
  controllers: [ReportsController],
  providers: [ReportsWarmup],
})
export class ReportsApiModule {}

import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { ReportsController } from './reports.controller';
import { ReportsModule } from './reports.module';

/** The reports' HTTP API (with ROLE=api or all). */
@Module({
  imports: [ReportsModule, ComplaintsModule],
  controllers: [ReportsController],
})
export class ReportsApiModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionsModule } from '../missions/missions.module';
import { ComplaintAccess } from './complaint-access';
import { ComplaintActionsController } from './complaint-actions.controller';
import { ComplaintsController } from './complaints.controller';
import { WorkflowService } from './workflow.service';

/** Handlers' inbox, complaint page and actions over REST, with scope and confidentiality (api role). */
@Module({
  imports: [ComplaintsModule, MissionsModule, AuditModule],
  providers: [ComplaintAccess, WorkflowService],
  controllers: [ComplaintsController, ComplaintActionsController],
})
export class WorkflowApiModule {}

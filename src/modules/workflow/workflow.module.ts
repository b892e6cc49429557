import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { SlaModule } from '../sla/sla.module';
import { ComplaintActionsController } from './complaint-actions.controller';
import { ComplaintsController } from './complaints.controller';
import { WorkflowService } from './workflow.service';

/**
 * Handlers' inbox, complaint page and actions over REST, with scope and confidentiality (api role);
 * WorkflowService is exported for the console, which serves the same views to people.
 */
@Module({
  imports: [ComplaintsModule, AuditModule, SlaModule],
  providers: [WorkflowService],
  exports: [WorkflowService],
  controllers: [ComplaintsController, ComplaintActionsController],
})
export class WorkflowApiModule {}

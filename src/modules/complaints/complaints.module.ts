import { Module } from '@nestjs/common';
import { ComplaintIngestService } from './complaint-ingest.service';
import { SyncModule } from '../sync/sync.module';
import { ComplaintQueryService } from './complaint-query.service';
import { ComplaintRoutingService } from './complaint-routing.service';
import { ComplaintWorkflowService } from './complaint-workflow.service';

/** Owns the complaints, complaint_events and follow_ups tables; the only writer of a status. */
@Module({
  imports: [SyncModule],
  providers: [
    ComplaintIngestService,
    ComplaintRoutingService,
    ComplaintWorkflowService,
    ComplaintQueryService,
  ],
  exports: [ComplaintIngestService, ComplaintRoutingService, ComplaintWorkflowService, ComplaintQueryService],
})
export class ComplaintsModule {}

import { Module } from '@nestjs/common';
import { ComplaintIngestService } from './complaint-ingest.service';
import { ComplaintMetricsService } from './complaint-metrics.service';
import { MissionsModule } from '../missions/missions.module';
import { SyncQueueModule } from '../sync/sync-queue.module';
import { ComplaintScopeService } from './complaint-scope.service';
import { ComplaintSlaService } from './complaint-sla.service';
import { ComplaintQueryService } from './complaint-query.service';
import { ComplaintRoutingService } from './complaint-routing.service';
import { ComplaintWorkflowService } from './complaint-workflow.service';

/** Owns the complaints, complaint_events and follow_ups tables; the only writer of a status. */
@Module({
  imports: [SyncQueueModule, MissionsModule],
  providers: [
    ComplaintIngestService,
    ComplaintRoutingService,
    ComplaintWorkflowService,
    ComplaintQueryService,
    ComplaintMetricsService,
    ComplaintScopeService,
    ComplaintSlaService,
  ],
  exports: [
    ComplaintIngestService,
    ComplaintRoutingService,
    ComplaintWorkflowService,
    ComplaintQueryService,
    ComplaintMetricsService,
    ComplaintScopeService,
    ComplaintSlaService,
  ],
})
export class ComplaintsModule {}

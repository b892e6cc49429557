import { Module } from '@nestjs/common';
import { ComplaintIngestService } from './complaint-ingest.service';
import { ComplaintRoutingService } from './complaint-routing.service';

/** Owns the complaints, complaint_events and follow_ups tables; the only writer of a status. */
@Module({
  providers: [ComplaintIngestService, ComplaintRoutingService],
  exports: [ComplaintIngestService, ComplaintRoutingService],
})
export class ComplaintsModule {}

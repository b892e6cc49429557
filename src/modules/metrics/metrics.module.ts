import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { PollCursorModule } from '../intake/poll-cursor.module';
import { SyncDeliveryModule } from '../sync/sync.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics for Prometheus (README.md in this folder), in every role: each process serves its own
 * process figures, and all of them the same queue and database figures.
 */
@Module({
  imports: [ComplaintsModule, SyncDeliveryModule, PollCursorModule],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class MetricsModule {}

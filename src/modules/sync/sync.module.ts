import { Module } from '@nestjs/common';
import { SyncQueueService } from './sync-queue.service';

/** Owns sync_items: what must reach LAPOR!, ordered per complaint. (Sending it is the sync processor's.) */
@Module({
  providers: [SyncQueueService],
  exports: [SyncQueueService],
})
export class SyncModule {}

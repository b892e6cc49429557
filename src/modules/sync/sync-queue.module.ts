import { Module } from '@nestjs/common';
import { SyncQueueService } from './sync-queue.service';
import { SyncRepairService } from './sync-repair.service';

/**
 * Owns sync_items: what must reach LAPOR!, ordered per complaint. The complaints module queues into
 * it; sending is SyncDeliveryModule's (sync.module.ts). A file of its own: the complaints module
 * imports it, and sync.module.ts imports the complaints module.
 */
@Module({
  providers: [SyncQueueService, SyncRepairService],
  exports: [SyncQueueService, SyncRepairService],
})
export class SyncQueueModule {}

import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { LaporModule } from '../../integrations/lapor/lapor.module';
import { DeadLettersController } from './dead-letters.controller';
import { SyncComplaintHandler } from './sync-complaint.handler';
import { SyncItemsService } from './sync-items.service';
import { SyncScheduler } from './sync.scheduler';
import { SyncSenderService } from './sync-sender.service';

/** Sending it: the sync job's handler, the sweep, dead letters (every role; workers act on them). */
@Module({
  imports: [ComplaintsModule, LaporModule],
  providers: [SyncSenderService, SyncComplaintHandler, SyncItemsService, SyncScheduler],
  exports: [SyncItemsService],
})
export class SyncDeliveryModule {}

/** The dead-letter API (api role only). */
@Module({ imports: [SyncDeliveryModule], controllers: [DeadLettersController] })
export class SyncApiModule {}

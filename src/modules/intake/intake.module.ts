import { Module, type DynamicModule } from '@nestjs/common';
import { LaporModule } from '../../integrations/lapor/lapor.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { ReconcileModule } from '../reconcile/reconcile.module';
import { SyncDeliveryModule } from '../sync/sync.module';
import { BackfillHandler } from './backfill.handler';
import { BackfillService } from './backfill.service';
import { FetchComplaintHandler } from './fetch-complaint.handler';
import { IntakeAdminController } from './intake-admin.controller';
import { IntakeStatusService } from './intake-status.service';
import { IntakeService } from './intake.service';
import { PollCursorModule } from './poll-cursor.module';
import { PollItemService } from './poll-item.service';
import { PollPageHandler } from './poll-page.handler';
import { PollPageService } from './poll-page.service';
import { PollScheduler } from './poll.scheduler';
import { DEFAULT_POLL_OPTIONS, INTAKE_POLL_OPTIONS } from './poll.options';
import { RefreshScheduler } from './refresh.scheduler';
import { WebhookController } from './webhook.controller';
import { WebhookSignatureVerifier } from './webhook-signature.verifier';

/** Everything that brings complaints in from LAPOR!: webhooks, fetches, polling, backfill. */
@Module({})
export class IntakeModule {
  static register(opts: { api: boolean }): DynamicModule {
    return {
      module: IntakeModule,
      imports: [ComplaintsModule, LaporModule, SyncDeliveryModule, ReconcileModule, PollCursorModule],
      controllers: opts.api ? [WebhookController, IntakeAdminController] : [],
      providers: [
        IntakeService,
        WebhookSignatureVerifier,
        FetchComplaintHandler,
        // Polling, refresh and backfill (README.md in this folder).
        { provide: INTAKE_POLL_OPTIONS, useValue: DEFAULT_POLL_OPTIONS },
        PollItemService,
        PollPageService,
        PollPageHandler,
        PollScheduler,
        RefreshScheduler,
        BackfillService,
        BackfillHandler,
        IntakeStatusService,
      ],
      exports: [IntakeService],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { LaporModule } from '../../integrations/lapor/lapor.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { FetchComplaintHandler } from './fetch-complaint.handler';
import { IntakeService } from './intake.service';
import { WebhookController } from './webhook.controller';
import { WebhookSignatureVerifier } from './webhook-signature.verifier';

/** Everything that brings complaints in from LAPOR!: webhooks, fetches, polling, backfill. */
@Module({})
export class IntakeModule {
  static register(opts: { api: boolean }): DynamicModule {
    return {
      module: IntakeModule,
      imports: [ComplaintsModule, LaporModule],
      controllers: opts.api ? [WebhookController] : [],
      providers: [IntakeService, WebhookSignatureVerifier, FetchComplaintHandler],
      exports: [IntakeService],
    };
  }
}

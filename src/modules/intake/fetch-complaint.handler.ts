import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { createHash } from 'node:crypto';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { LaporClient } from '../../integrations/lapor/lapor.client';
import { isLaporError } from '../../integrations/lapor/lapor.errors';
import { snapshotHash } from '../complaints/upstream-snapshot';
import { IntakeService } from './intake.service';

type Payload = JobPayloads[typeof JobName.IntakeFetchComplaint];

/**
 * Reads a complaint's detail and follow-ups from LAPOR! and ingests them: the follow-through of a
 * thin webhook, or a refresh of an open complaint. Retryable LAPOR! failures are thrown for BullMQ
 * to retry with backoff; a permanent one (not found, refused, unreadable) is not retried.
 */
@Injectable()
@JobHandler(JobName.IntakeFetchComplaint)
export class FetchComplaintHandler implements JobHandlerFor<typeof JobName.IntakeFetchComplaint> {
  constructor(
    private readonly lapor: LaporClient,
    private readonly intake: IntakeService,
  ) {}

  async handle(p: Payload): Promise<{ outcome: string }> {
    const source = p.reason === 'thin-webhook' ? 'webhook' : 'reconcile';
    try {
      const { complaint } = await this.lapor.complaintDetail(p.laporId);
      const followUps = await this.lapor.allFollowUps(p.laporId);
      // The same state read twice is one delivery; a new follow-up or any change makes a new one —
      // by content too, as the poll keys it: LAPOR!'s updated_at has whole seconds only.
      const stateKey = createHash('sha256')
        .update(
          `${complaint.updatedAt.toISOString()}|${snapshotHash(complaint)}|${followUps.map((f) => f.laporFollowupId).join(',')}`,
        )
        .digest('hex')
        .slice(0, 32);
      const result = await this.intake.ingest({
        source,
        deliveryKey: `detail:${p.laporId}:${stateKey}`,
        laporId: p.laporId,
        eventType: `fetch.${p.reason}`,
        complaint,
        followUps,
      });
      return { outcome: result.outcome };
    } catch (e) {
      if (isLaporError(e) && !e.retryable) {
        await this.intake.recordRejected(
          source,
          `detail:${p.laporId}:${e.code}`,
          p.laporId,
          `${e.code}: ${e.message}`,
        );
        throw new UnrecoverableError(`${e.code}: ${e.message}`);
      }
      throw e;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { createHash } from 'node:crypto';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { LaporClient } from '../../integrations/lapor/lapor.client';
import { isLaporError, LaporMappingError } from '../../integrations/lapor/lapor.errors';
import { snapshotHash } from '../complaints/upstream-snapshot';
import { IntakeService } from './intake.service';
import { isDataError } from './poll-item.service';

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
      // Another complaint than the one asked for (a confused gateway or cache) must not be stored as
      // this one's read: this complaint's follow-ups would be filed under the other. As the webhook
      // path refuses a complaint object that is not the one its event names.
      if (complaint.laporId !== p.laporId) {
        throw new LaporMappingError('data: the complaint is not the one asked for', p.laporId);
      }
      const followUps = await this.lapor.allFollowUps(p.laporId);
      // The same state read twice onto the same stored copy is one delivery; a new follow-up or any
      // change makes a new one — by content too, as the poll keys it: LAPOR!'s updated_at has whole
      // seconds only. And by the stored copy's version: a state LAPOR! comes back to within that
      // second (A, B, A) is a new delivery once the bridge has applied B, not a duplicate of the first
      // read of A, which would leave B stored and every reconcile repair a no-op. An unchanged read
      // does not move the version, so re-reads of a quiet complaint remain duplicates. (Read just
      // before the ingest transaction: a change committed in between is the race of two reads within
      // one second that the reconciler is there to catch.)
      const onto = (await this.intake.storedVersion(p.laporId)) ?? 'new';
      const stateKey = createHash('sha256')
        .update(
          `${complaint.updatedAt.toISOString()}|${snapshotHash(complaint)}|${followUps.map((f) => f.laporFollowupId).join(',')}|${onto}`,
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
      const sqlState = isDataError(e);
      if (sqlState) {
        // What LAPOR! sent is refused by the database (as for a polled item): retrying cannot help.
        const reason = `the database refused the item (SQLSTATE ${sqlState})`;
        await this.intake.recordRejected(source, `detail:${p.laporId}:db-${sqlState}`, p.laporId, reason);
        throw new UnrecoverableError(`LAPOR_MAPPING_FAILED: ${reason}`);
      }
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

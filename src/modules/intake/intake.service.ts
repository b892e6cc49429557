import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rawTransaction, type SqlRunner } from '../../core/database/sql-runner';
import { correlationId } from '../../core/http/correlation';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName } from '../../core/queue/queue.contract';
import type { UpstreamComplaint, UpstreamFollowUp } from '../../integrations/lapor/lapor.types';
import { ComplaintIngestService, type ApplyOutcome } from '../complaints/complaint-ingest.service';
import type { DeliverySource } from './inbound-delivery.entity';

export interface IngestInput {
  source: DeliverySource;
  /** Unique per delivery within its source: the webhook-id, or `<laporId>@<updated_at>` for polls. */
  deliveryKey: string;
  laporId: string;
  eventType?: string | null;
  payloadSha256?: string | null;
  /** Absent for a thin webhook: the bridge fetches the detail itself. */
  complaint?: UpstreamComplaint;
  followUps?: UpstreamFollowUp[];
  /** Backfilled history: no alerts or notifications; SLA cycles marked imported. */
  imported?: boolean;
}

export type IngestOutcome = ApplyOutcome | 'duplicate' | 'fetch_queued';

export interface IngestResult {
  outcome: IngestOutcome;
  complaintId: string | null;
  quarantined: boolean;
  newFollowUps: number;
}

/**
 * The one ingest path for every source (SPEC.md "Intake"): in ONE transaction, record the delivery
 * (a repeated delivery stops here), upsert the complaint by its LAPOR! id with an event per real
 * change, store new follow-ups, and write the outbox row that asks for routing. A caller may answer
 * LAPOR! (202) only after this returns: then the work is committed.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintIngestService,
    private readonly outbox: OutboxService,
  ) {}

  async ingest(input: IngestInput): Promise<IngestResult> {
    const cid = correlationId();
    const ctx = { actor: `lapor:${input.source}`, correlationId: cid, imported: input.imported ?? false };
    const result = await rawTransaction(this.dataSource, async (m): Promise<IngestResult> => {
      const delivered: { id: string }[] = await m.query(
        `INSERT INTO inbound_deliveries (source, delivery_key, lapor_id, event_type, payload_sha256)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (source, delivery_key) DO NOTHING RETURNING id`,
        [
          input.source,
          input.deliveryKey,
          input.laporId,
          input.eventType ?? null,
          input.payloadSha256 ?? null,
        ],
      );
      if (!delivered.length)
        return { outcome: 'duplicate', complaintId: null, quarantined: false, newFollowUps: 0 };
      const deliveryId = delivered[0].id;

      if (!input.complaint) {
        await this.outbox.enqueue(m, JobName.IntakeFetchComplaint, {
          correlationId: cid,
          laporId: input.laporId,
          reason: 'thin-webhook',
        });
        await this.finish(m, deliveryId, 'fetch_queued', null, null);
        return { outcome: 'fetch_queued', complaintId: null, quarantined: false, newFollowUps: 0 };
      }

      const applied = await this.complaints.applyUpstream(m, input.complaint, ctx);
      // Follow-ups stand on their own: a new one counts even when its complaint snapshot is stale.
      let newFollowUps = 0;
      for (const f of input.followUps ?? []) {
        if (await this.complaints.applyUpstreamFollowUp(m, applied.complaintId, f, ctx)) newFollowUps++;
      }
      if (applied.outcome === 'created') {
        await this.outbox.enqueue(m, JobName.ComplaintRoute, {
          correlationId: cid,
          complaintId: applied.complaintId,
        });
      }
      const detail = applied.quarantined
        ? input.complaint.unknownCodes.map((u) => `${u.field}:${u.code ?? u.name ?? '?'}`).join(',')
        : null;
      await this.finish(m, deliveryId, applied.outcome, applied.complaintId, detail);
      return { ...applied, newFollowUps };
    });
    if (result.quarantined && result.outcome === 'created' && !input.imported) {
      // The alert: admins see it in GET /api/v1/admin/quarantine; the log line carries codes only.
      this.logger.warn(
        { complaintId: result.complaintId, laporId: input.laporId, codes: input.complaint?.unknownCodes },
        'complaint quarantined: LAPOR! sent codes the bridge does not know (config/lapor-codes.json)',
      );
    }
    return result;
  }

  /** The version of the stored copy of a complaint (null when the bridge does not have it). */
  storedVersion(laporId: string): Promise<number | null> {
    return this.complaints.storedVersion(this.dataSource, laporId);
  }

  /** Records an item that could not be read at all (a broken inbox item): kept, never silently lost. */
  async recordRejected(source: DeliverySource, deliveryKey: string, laporId: string | null, reason: string) {
    await this.dataSource.query(
      `INSERT INTO inbound_deliveries (source, delivery_key, lapor_id, outcome, detail)
       VALUES ($1, $2, $3, 'rejected', $4) ON CONFLICT (source, delivery_key) DO NOTHING`,
      [source, deliveryKey, laporId, reason.slice(0, 500)],
    );
    this.logger.warn({ source, laporId, reason }, 'LAPOR! item rejected: it could not be read');
  }

  private async finish(
    m: SqlRunner,
    deliveryId: string,
    outcome: IngestOutcome,
    complaintId: string | null,
    detail: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE inbound_deliveries SET outcome = $2, complaint_id = $3, detail = $4 WHERE id = $1`,
      [deliveryId, outcome, complaintId, detail],
    );
  }
}

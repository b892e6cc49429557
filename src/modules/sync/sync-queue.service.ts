import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '../../core/config/config.service';
import { correlationId } from '../../core/http/correlation';
import type { SqlRunner } from '../../core/database/sql-runner';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName } from '../../core/queue/queue.contract';
import type { SyncItemKind } from './sync-item.entity';

export interface NewSyncItem {
  complaintId: string;
  kind: SyncItemKind;
  followUpId?: string | null;
  /** From newSyncMarker(); the follow-up it carries stores the same one. */
  marker: string;
  payload?: Record<string, unknown>;
}

/** What a sync marker looks like in text sent to LAPOR! (and in what comes back from it). */
export const SYNC_MARKER = /\blb-[0-9a-f]{16}\b/;

/**
 * A marker that travels to LAPOR! with an item ("[Ref: lb-…]" at the end of the text): LAPOR! has no
 * idempotency keys, so a retry first looks for it upstream, and the poll recognises our own words.
 * 64 random bits, and unique in the database.
 */
export function newSyncMarker(): string {
  return `lb-${randomBytes(8).toString('hex')}`;
}

/**
 * The sync module's door for other modules: queue something LAPOR! must learn, inside the caller's
 * transaction, as the next item of the complaint's sequence, with the job that sends it (outbox: it
 * exists exactly when the item does). The caller holds the complaint's row lock, so two writers never
 * take the same sequence number (the unique key would refuse it anyway).
 */
@Injectable()
export class SyncQueueService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: ConfigService,
  ) {}

  async enqueue(m: SqlRunner, item: NewSyncItem): Promise<{ id: string; seq: number; marker: string }> {
    const rows: { id: string; seq: number }[] = await m.query(
      `INSERT INTO sync_items (complaint_id, seq, kind, follow_up_id, payload, marker, give_up_at)
       SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, now() + make_interval(hours => $6)
       FROM sync_items WHERE complaint_id = $1
       RETURNING id, seq`,
      [
        item.complaintId,
        item.kind,
        item.followUpId ?? null,
        JSON.stringify(item.payload ?? {}),
        item.marker,
        this.config.get('SYNC_GIVE_UP_H'),
      ],
    );
    await this.outbox.enqueue(m, JobName.SyncComplaint, {
      correlationId: correlationId(),
      complaintId: item.complaintId,
    });
    return { id: rows[0].id, seq: rows[0].seq, marker: item.marker };
  }

  /** The way to LAPOR! of each of a complaint's follow-ups that has one, by follow-up id. */
  async followUpStates(
    m: SqlRunner,
    complaintId: string,
  ): Promise<Map<string, { seq: number; status: string; confirmedAt: Date | null }>> {
    const rows: { follow_up_id: string; seq: number; status: string; confirmed_at: Date | null }[] =
      await m.query(
        `SELECT follow_up_id, seq, status, confirmed_at FROM sync_items
         WHERE complaint_id = $1 AND follow_up_id IS NOT NULL`,
        [complaintId],
      );
    return new Map(
      rows.map((r) => [r.follow_up_id, { seq: r.seq, status: r.status, confirmedAt: r.confirmed_at }]),
    );
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SqlRunner } from '../../core/database/sql-runner';
import type { SyncItemKind } from './sync-item.entity';

export interface NewSyncItem {
  complaintId: string;
  kind: SyncItemKind;
  followUpId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * The sync module's door for other modules: queue something LAPOR! must learn, inside the caller's
 * transaction, as the next item of the complaint's sequence. The caller holds the complaint's row
 * lock, so two writers never take the same sequence number (the unique key would refuse it anyway).
 */
@Injectable()
export class SyncQueueService {
  async enqueue(m: SqlRunner, item: NewSyncItem): Promise<{ id: string; seq: number; marker: string }> {
    // The marker travels with the item to LAPOR!; a retry looks for it there before sending again.
    const marker = `lb-${randomUUID()}`;
    const rows: { id: string; seq: number }[] = await m.query(
      `INSERT INTO sync_items (complaint_id, seq, kind, follow_up_id, payload, marker)
       SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5 FROM sync_items WHERE complaint_id = $1
       RETURNING id, seq`,
      [item.complaintId, item.kind, item.followUpId ?? null, JSON.stringify(item.payload ?? {}), marker],
    );
    return { id: rows[0].id, seq: rows[0].seq, marker };
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

import { Injectable } from '@nestjs/common';
import { ConfigService } from '../../core/config/config.service';
import type { SqlRunner } from '../../core/database/sql-runner';
import { correlationId } from '../../core/http/correlation';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName } from '../../core/queue/queue.contract';

/** A follow-up item the bridge believes reached LAPOR! (ids and the marker only). */
export interface ConfirmedFollowUpItem {
  id: string;
  seq: number;
  marker: string;
  follow_up_id: string | null;
  confirmed_at: Date;
}

/** last_error_code of an item the reconciler put back: confirmed, yet its marker is not upstream. */
export const NOT_UPSTREAM_CODE = 'SYNC_NOT_UPSTREAM';

/**
 * The sync module's door for the reconciler (reconcile/README.md): which follow-ups the bridge
 * believes LAPOR! has, and putting one back in the queue when LAPOR! does not show it.
 */
@Injectable()
export class SyncRepairService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: ConfigService,
  ) {}

  /**
   * A complaint's confirmed follow-up items confirmed before `confirmedBefore` (a later one may not
   * show in LAPOR!'s list yet), in sequence order.
   */
  async confirmedFollowUps(
    q: SqlRunner,
    complaintId: string,
    confirmedBefore: Date,
  ): Promise<ConfirmedFollowUpItem[]> {
    return q.query(
      `SELECT id, seq, marker, follow_up_id, confirmed_at FROM sync_items
       WHERE complaint_id = $1 AND kind = 'followup' AND status = 'confirmed' AND confirmed_at < $2
       ORDER BY seq`,
      [complaintId, confirmedBefore],
    );
  }

  /**
   * Puts a confirmed item back in its complaint's queue, inside the caller's transaction, with the
   * job that sends it (outbox). maybe_sent makes the sender look for the marker upstream before
   * sending, so a repair never posts twice; the retry period starts again, as after an admin's retry.
   * Returns false (and changes nothing) when the item is no longer confirmed.
   */
  async requeue(m: SqlRunner, itemId: string): Promise<boolean> {
    // WITH … SELECT: rows back from an EntityManager and a raw runner alike (a bare UPDATE gives
    // TypeORM's [rows, count]).
    const rows: { complaint_id: string }[] = await m.query(
      `WITH requeued AS (
         UPDATE sync_items SET status = 'pending', maybe_sent = true, next_attempt_at = now(),
           confirmed_at = NULL, lapor_ref = NULL,
           give_up_at = GREATEST(give_up_at, now() + make_interval(hours => $2)),
           last_error = 'reconciler: confirmed, but its marker is not among LAPOR!''s follow-ups',
           last_error_code = $3
         WHERE id = $1 AND status = 'confirmed'
         RETURNING complaint_id)
       SELECT complaint_id FROM requeued`,
      [itemId, this.config.get('SYNC_GIVE_UP_H'), NOT_UPSTREAM_CODE],
    );
    if (!rows.length) return false;
    await this.outbox.enqueue(m, JobName.SyncComplaint, {
      correlationId: correlationId(),
      complaintId: rows[0].complaint_id,
    });
    return true;
  }
}

import { UUID } from '../../core/http/pg-keyset';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { correlationId } from '../../core/http/correlation';
import { DomainError } from '../../core/http/domain.errors';
import { HeartbeatService } from '../../core/queue/heartbeat.service';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName } from '../../core/queue/queue.contract';
import { DEAD_CLAIM } from './sync-claim';
import { ComplaintQueryService } from '../complaints/complaint-query.service';
import { MINISTRY_OFFICE } from '../complaints/complaint-scope';

/** An item older than this that is still not confirmed alerts its office and the ministry (once). */
export const SYNC_ALERT_AGE_MS = 24 * 60 * 60 * 1000;

export class DeadLetterNotFoundError extends DomainError {
  constructor(id: string) {
    super(
      'DEAD_LETTER_NOT_FOUND',
      404,
      `No dead letter has the id "${id}" (see GET /api/v1/admin/dead-letters).`,
    );
  }
}

export interface DeadLetterRow {
  id: string;
  sync_item_id: string;
  complaint_id: string;
  mission_code: string | null;
  kind: string;
  reason: string;
  last_error: string;
  attempts: number;
  next_step: string;
  created_at: Date;
  retried_at: Date | null;
  retried_by: string | null;
  seq: number;
  item_status: string;
}

/** The sync module's reads and admin writes over sync_items and dead_letters. */
@Injectable()
export class SyncItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly complaints: ComplaintQueryService,
    private readonly heartbeat: HeartbeatService,
  ) {}

  /** Complaints whose first unconfirmed item is due (pending and its time has come, or a claim that ran out or whose worker died). */
  async dueComplaints(limit: number): Promise<string[]> {
    const live = (await this.heartbeat.liveWorkers()).map((w) => w.instanceId);
    const rows: { complaint_id: string }[] = await this.dataSource.query(
      `SELECT h.complaint_id FROM (
         SELECT DISTINCT ON (complaint_id) complaint_id, status, next_attempt_at, claimed_by FROM sync_items
         WHERE status <> 'confirmed' ORDER BY complaint_id, seq
       ) h
       WHERE (h.status = 'pending' AND h.next_attempt_at <= now())
          OR (h.status = 'sending' AND (h.next_attempt_at <= now() OR (${DEAD_CLAIM})))
       ORDER BY h.next_attempt_at LIMIT $1`,
      [limit, live],
    );
    return rows.map((r) => r.complaint_id);
  }

  /** Items unconfirmed for longer than SYNC_ALERT_AGE_MS and not yet alerted: alert each once. */
  async alertOld(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string; complaint_id: string }[] = await m.query(
        `SELECT id, complaint_id FROM sync_items
         WHERE status IN ('pending', 'sending') AND alerted_at IS NULL
           AND created_at < now() - make_interval(secs => $1::double precision / 1000)
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [SYNC_ALERT_AGE_MS, limit],
      );
      for (const r of rows) await this.alert(m, r.id, r.complaint_id, `old-${r.id}`);
      return rows.length;
    });
  }

  /** Tells the complaint's office and the ministry, once per key (in-app notifications). */
  async alert(m: EntityManager, itemId: string, complaintId: string, key: string): Promise<void> {
    const c = await this.complaints.get(complaintId, null);
    await m.query(`UPDATE sync_items SET alerted_at = COALESCE(alerted_at, now()) WHERE id = $1`, [itemId]);
    for (const office of new Set([c?.mission_code ?? MINISTRY_OFFICE, MINISTRY_OFFICE]))
      await this.outbox.enqueue(m, JobName.NotificationDeliver, {
        correlationId: correlationId(),
        kind: 'sync.failing',
        missionCode: office,
        complaintId,
        priority: c?.priority ?? 'normal',
        dedupeKey: `sync.${key}-${office}`,
      });
  }

  /** Dead letters, newest first; `open` = not yet retried. */
  async deadLetters(q: {
    open?: boolean;
    mission?: string;
    limit: number;
    /** Keyset: [created_at as Postgres text, id] of the last row of the previous page. */
    after?: [string, string];
  }): Promise<(DeadLetterRow & { created_text: string })[]> {
    return this.dataSource.query(
      `SELECT d.*, d.created_at::text AS created_text, s.seq, s.status AS item_status
       FROM dead_letters d JOIN sync_items s ON s.id = d.sync_item_id
       WHERE ($1::boolean IS NULL OR (d.retried_at IS NULL) = $1)
         AND ($2::text IS NULL OR d.mission_code = $2)
         AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3::timestamptz, $4::uuid))
       ORDER BY d.created_at DESC, d.id DESC LIMIT $5`,
      [q.open ?? null, q.mission ?? null, q.after?.[0] ?? null, q.after?.[1] ?? null, q.limit],
    );
  }

  /**
   * An admin's retry: the item goes back to pending (looking first if an earlier attempt may have
   * landed), with a fresh retry period, and its job is queued; the dead letter is marked retried.
   */
  async retry(id: string, actor: string): Promise<DeadLetterRow> {
    if (!UUID.test(id)) throw new DeadLetterNotFoundError(id);
    await this.dataSource.transaction(async (m) => {
      const rows: { sync_item_id: string; complaint_id: string; retried_at: Date | null; status: string }[] =
        await m.query(
          `SELECT d.sync_item_id, d.complaint_id, d.retried_at, s.status FROM dead_letters d
           JOIN sync_items s ON s.id = d.sync_item_id WHERE d.id = $1 FOR UPDATE OF d, s`,
          [id],
        );
      const d = rows[0];
      if (!d) throw new DeadLetterNotFoundError(id);
      if (d.retried_at || d.status !== 'dead')
        throw new DomainError('DEAD_LETTER_ALREADY_RETRIED', 409, 'This dead letter was retried already.', {
          retriedAt: d.retried_at,
        });
      await m.query(`UPDATE dead_letters SET retried_at = now(), retried_by = $2 WHERE id = $1`, [id, actor]);
      await m.query(
        `UPDATE sync_items SET status = 'pending', next_attempt_at = now(), alerted_at = NULL,
           give_up_at = now() + (give_up_at - created_at)
         WHERE id = $1`,
        [d.sync_item_id],
      );
      await this.outbox.enqueue(m, JobName.SyncComplaint, {
        correlationId: correlationId(),
        complaintId: d.complaint_id,
      });
    });
    const [row] = await this.dataSource.query<DeadLetterRow[]>(
      `SELECT d.*, s.seq, s.status AS item_status FROM dead_letters d JOIN sync_items s ON s.id = d.sync_item_id
       WHERE d.id = $1`,
      [id],
    );
    return row;
  }

  /** Per office: unconfirmed items (and the oldest one's age) and open dead letters. */
  async statusByMission(): Promise<
    { missionCode: string | null; backlog: number; oldestAgeSeconds: number | null; deadLetters: number }[]
  > {
    const backlog: { complaint_id: string; n: number; oldest: Date }[] = await this.dataSource.query(
      `SELECT complaint_id, count(*)::int AS n, min(created_at) AS oldest FROM sync_items
       WHERE status IN ('pending', 'sending') GROUP BY complaint_id`,
    );
    const dead: { mission_code: string | null; n: number }[] = await this.dataSource.query(
      `SELECT mission_code, count(*)::int AS n FROM dead_letters WHERE retried_at IS NULL GROUP BY mission_code`,
    );
    const offices = await this.complaints.missionsOf(backlog.map((b) => b.complaint_id));
    const out = new Map<string | null, { backlog: number; oldest: Date | null; deadLetters: number }>();
    const at = (code: string | null) => {
      if (!out.has(code)) out.set(code, { backlog: 0, oldest: null, deadLetters: 0 });
      return out.get(code)!;
    };
    for (const b of backlog) {
      const o = at(offices.get(b.complaint_id) ?? null);
      o.backlog += b.n;
      if (!o.oldest || b.oldest < o.oldest) o.oldest = b.oldest;
    }
    for (const d of dead) at(d.mission_code).deadLetters += d.n;
    const now = Date.now();
    return [...out.entries()]
      .map(([missionCode, o]) => ({
        missionCode,
        backlog: o.backlog,
        oldestAgeSeconds: o.oldest ? Math.floor((now - o.oldest.getTime()) / 1000) : null,
        deadLetters: o.deadLetters,
      }))
      .sort((a, b) => (a.missionCode ?? '').localeCompare(b.missionCode ?? ''));
  }
}

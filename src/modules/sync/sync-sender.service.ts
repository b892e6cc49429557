import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConfigService } from '../../core/config/config.service';
import { correlationId } from '../../core/http/correlation';
import { HEARTBEAT_STALE_MS, HeartbeatService } from '../../core/queue/heartbeat.service';
import { OutboxService } from '../../core/queue/outbox.service';
import { QueueRegistry } from '../../core/queue/queue.registry';
import type { SqlRunner } from '../../core/database/sql-runner';
import { JobName } from '../../core/queue/queue.contract';
import { LaporClient } from '../../integrations/lapor/lapor.client';
import { LaporError } from '../../integrations/lapor/lapor.errors';
import { SANDBOX_INSTITUTION_ID } from '../../sandbox/sandbox.defaults';
import { ComplaintIngestService } from '../complaints/complaint-ingest.service';
import { ComplaintQueryService } from '../complaints/complaint-query.service';
import type { ComplaintRow } from '../complaints/complaint-rows';
import { syncRetryDelayMs } from './sync-backoff';
import { OWNED, SYNC_CLAIM_MS } from './sync-claim';
import { SyncItemsService } from './sync-items.service';
import type { SyncItemKind } from './sync-item.entity';

export type SendOutcome =
  | { result: 'idle' | 'waiting' | 'held' | 'confirmed' | 'retry' | 'dead' | 'lost' }
  | { result: 'rate_limited'; retryAfterMs: number };

interface Claimed {
  id: string;
  seq: number;
  kind: SyncItemKind;
  follow_up_id: string | null;
  payload: { targetInstitutionId?: string; reason?: string };
  marker: string;
  attempts: number;
  maybe_sent: boolean;
  give_up_at: Date;
  alerted_at: Date | null;
  created_at: Date;
}

/**
 * Sends a complaint's sync items to LAPOR! one at a time, in sequence (SPEC.md "Reliability"): item N
 * only after N-1 is confirmed; a dead item holds the ones behind it (and only those). Exactly once
 * without idempotency keys: every item carries its marker to LAPOR!, and an attempt after one whose
 * outcome is unknown (timeout, dropped connection, 5xx, a worker killed mid-send) first reads LAPOR!
 * and counts a found marker as delivered. Rules and outcomes: README.md.
 */
@Injectable()
export class SyncSenderService {
  private readonly logger = new Logger(SyncSenderService.name);
  private beaten = false;
  /**
   * Items an attempt of this process is sending now. A claim of ours that is not among them was
   * left by an attempt that failed, and the next attempt here takes it at once instead of waiting
   * out SYNC_CLAIM_MS.
   */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly lapor: LaporClient,
    private readonly outbox: OutboxService,
    private readonly complaints: ComplaintQueryService,
    private readonly ingest: ComplaintIngestService,
    private readonly items: SyncItemsService,
    private readonly heartbeat: HeartbeatService,
    private readonly queues: QueueRegistry,
  ) {}

  /** Sends the complaint's next item if it is due; what happened. */
  async sendNext(complaintId: string): Promise<SendOutcome> {
    const claim = await this.claim(complaintId);
    if ('result' in claim) return claim;
    const item = claim.item;
    const c = await this.complaints.get(complaintId, null);
    if (!c) throw new Error(`sync item ${item.id}: complaint ${complaintId} is gone`);
    // The claim is ours while we live: renewed while LAPOR! takes its time (429s waited out, slow
    // answers), so only a dead worker's claim is ever taken over.
    const renew = setInterval(() => void this.renew(item), SYNC_CLAIM_MS / 4);
    renew.unref();
    try {
      let ref = item.maybe_sent ? await this.lookUp(item, c) : undefined;
      if (ref === undefined) ref = await this.send(item, c);
      return (await this.confirm(item, complaintId, ref)) ? { result: 'confirmed' } : { result: 'lost' };
    } catch (e) {
      if (!(e instanceof LaporError)) {
        // Not LAPOR!'s answer (our database, a bug). The claim is given back, marked maybe sent (the
        // next attempt looks in LAPOR! first: this one may have landed), so the item need not wait
        // out SYNC_CLAIM_MS; while the database is away the claim simply expires as before.
        this.release(item);
        throw e;
      }
      return await this.failed(item, c, e);
    } finally {
      clearInterval(renew);
      this.inFlight.delete(item.id);
    }
  }

  /**
   * Gives an attempt's claim back after a failure that was not LAPOR!'s answer, in the background and
   * a few times over ~10 s (the failure is often the database itself, back within seconds). Only a
   * claim still ours at this attempt is released; the sync sweep re-queues the item.
   */
  private release(item: Claimed): void {
    const attempt = async (left: number): Promise<void> => {
      try {
        await this.dataSource.query(
          `UPDATE sync_items SET status = 'pending', maybe_sent = true, next_attempt_at = now()
           WHERE ${OWNED}`,
          [item.id, this.heartbeat.instanceId, item.attempts],
        );
      } catch {
        if (left > 0) {
          const retry = setTimeout(() => void attempt(left - 1), 2000);
          retry.unref();
        }
      }
    };
    void attempt(5);
  }

  private async renew(item: Claimed): Promise<void> {
    await this.dataSource
      .query(
        `UPDATE sync_items SET next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
         WHERE ${OWNED}`,
        [item.id, this.heartbeat.instanceId, item.attempts, SYNC_CLAIM_MS],
      )
      .catch(() => undefined);
  }

  /**
   * Records an attempt's outcome, if the claim is still ours (`values` are $4…). A claim lost to
   * another worker (ours looked dead) leaves that worker's outcome standing: it looked before sending.
   */
  private async settle(m: SqlRunner, item: Claimed, set: string, values: unknown[]): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `WITH s AS (UPDATE sync_items SET ${set} WHERE ${OWNED} RETURNING id) SELECT id FROM s`,
      [item.id, this.heartbeat.instanceId, item.attempts, ...values],
    );
    if (!rows.length)
      this.logger.warn({ item: item.id }, 'sync claim was taken over; leaving the outcome to its new owner');
    return rows.length > 0;
  }

  /** Locks the complaint's head item and, if it is due, marks it sending (attempt + 1). */
  private async claim(complaintId: string): Promise<{ item: Claimed } | SendOutcome> {
    // Our heartbeat is in the table before our first claim, so nobody takes our claim for a dead one's.
    if (!this.beaten) {
      await this.heartbeat.beat();
      this.beaten = true;
    }
    let claiming: string | undefined;
    const outcome = await this.dataSource
      .transaction(async (m) => {
        const rows: (Claimed & { status: string; expired: boolean; claimed_by: string | null })[] =
          await m.query(
            `SELECT id, seq, kind, follow_up_id, payload, marker, attempts, maybe_sent, give_up_at, alerted_at,
                created_at, status, claimed_by, next_attempt_at <= now() AS expired
         FROM sync_items WHERE complaint_id = $1 AND status <> 'confirmed'
         ORDER BY seq LIMIT 1 FOR UPDATE`,
            [complaintId],
          );
        const head = rows[0];
        if (!head) return { result: 'idle' as const };
        if (head.status === 'dead') return { result: 'held' as const };
        // Due: a pending item whose time has come, a claim that ran out, a claim of ours that no attempt
        // of ours is working on (left by one that failed, maybe as the claim itself committed while its
        // connection was cut), or one whose worker is dead (DEAD_CLAIM; the heartbeats are read only
        // in that rare case, not for every send).
        const ours = head.status === 'sending' && head.claimed_by === this.heartbeat.instanceId;
        const due =
          head.expired ||
          (ours && !this.inFlight.has(head.id)) ||
          (head.status === 'sending' &&
            !ours &&
            !(await this.heartbeat.liveWorkers()).some((w) => w.instanceId === head.claimed_by));
        if (!due) return { result: 'waiting' as const, claimed: head.status === 'sending' ? head : null };
        // A 'sending' item taken over: its sender died or hung mid-send, so its outcome is unknown.
        const maybeSent = head.maybe_sent || head.status === 'sending';
        await m.query(
          `UPDATE sync_items SET status = 'sending', attempts = attempts + 1, maybe_sent = $2, claimed_by = $4,
           next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
         WHERE id = $1`,
          [head.id, maybeSent, SYNC_CLAIM_MS, this.heartbeat.instanceId],
        );
        // In flight before the commit: a parallel job of ours waiting on this row's lock must see it.
        claiming = head.id;
        this.inFlight.add(head.id);
        return { item: { ...head, attempts: head.attempts + 1, maybe_sent: maybeSent } };
      })
      .catch((e: unknown) => {
        // Committed or not, no attempt of ours goes on with it: the next one may take the claim.
        if (claiming) this.inFlight.delete(claiming);
        throw e;
      });
    if ('claimed' in outcome) {
      // Claimed by another worker: if it died, its claim becomes free once its heartbeat is stale;
      // look again then rather than wait for the sweep (added once per claim).
      if (outcome.claimed)
        await this.queues
          .add(
            JobName.SyncComplaint,
            { correlationId: correlationId(), complaintId },
            `sync-recheck-${outcome.claimed.id}-a${outcome.claimed.attempts}`,
            { delay: HEARTBEAT_STALE_MS + 1000 },
          )
          .catch(() => undefined);
      return { result: 'waiting' };
    }
    return outcome;
  }

  /**
   * After an attempt whose outcome is unknown: LAPOR!'s id of what landed (null if it gave none), or
   * undefined when the marker is not there (send it).
   */
  private async lookUp(item: Claimed, c: ComplaintRow): Promise<string | null | undefined> {
    if (item.kind === 'followup') {
      const page = await this.lapor.collectFollowUps(c.lapor_id);
      const found = page.items.find((f) => f.content.includes(item.marker));
      if (found) return found.laporFollowupId;
      // An unreadable follow-up could be ours: sending again might double it, so wait and look again.
      if (page.rejected.length)
        throw new LaporError(
          'LAPOR_BAD_RESPONSE',
          'some follow-ups could not be read; cannot tell whether ours landed',
          {
            operation: 'look-up before retry',
            outcomeUnknown: true,
          },
        );
      return undefined;
    }
    // A forward landed when LAPOR! shows the complaint rejected (Ditolak): after our attempt of
    // unknown outcome nothing else would have rejected it in between.
    const detail = await this.lapor.complaintDetail(c.lapor_id);
    return detail.complaint.statusMeaning === 'rejected' ? null : undefined;
  }

  private async send(item: Claimed, c: ComplaintRow): Promise<string | null> {
    const ref = `\n\n[Ref: ${item.marker}]`;
    if (item.kind === 'followup') {
      const text = item.follow_up_id ? await this.complaints.followUpText(item.follow_up_id) : null;
      if (!text) throw new Error(`sync item ${item.id}: its follow-up is gone`);
      const sent = await this.lapor.addFollowUp({
        complaintId: c.lapor_id,
        institutionFromId: c.disposition_id ?? this.ownInstitutionId(),
        content: `${text.content}${ref}`,
        isSecret: c.is_secret,
      });
      return sent.laporFollowupId;
    }
    if (item.kind === 'reject') {
      await this.lapor.forwardNotOurAuthority({
        complaintId: c.lapor_id,
        targetInstitutionId: String(item.payload.targetInstitutionId),
        reason: `${item.payload.reason ?? ''}${ref}`,
      });
      return null;
    }
    // No status change of ours needs a LAPOR! call in the known contract (README.md).
    return null;
  }

  private ownInstitutionId(): string {
    return this.config.get('LAPOR_INSTITUTION_ID') ?? SANDBOX_INSTITUTION_ID;
  }

  /** Confirmed: record LAPOR!'s id on the follow-up, and queue the next item if there is one. */
  private async confirm(item: Claimed, complaintId: string, ref: string | null): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const set = `status = 'confirmed', confirmed_at = now(), lapor_ref = $4, last_error = NULL, last_error_code = NULL`;
      if (!(await this.settle(m, item, set, [ref]))) return false;
      if (item.kind === 'followup') await this.ingest.linkUpstreamFollowUp(m, complaintId, item.marker, ref);
      const next: unknown[] = await m.query(
        `SELECT 1 FROM sync_items WHERE complaint_id = $1 AND status <> 'confirmed' LIMIT 1`,
        [complaintId],
      );
      if (next.length) await this.enqueueJob(m, complaintId, 0);
      return true;
    });
  }

  private async failed(item: Claimed, c: ComplaintRow, e: LaporError): Promise<SendOutcome> {
    const error = `${e.code}: ${e.message}`.slice(0, 1000);
    if (e.code === 'LAPOR_RATE_LIMITED' || e.code === 'LAPOR_CIRCUIT_OPEN') {
      // LAPOR! asked us to wait, or our breaker holds every call until LAPOR! is tried again: nothing
      // was sent and it is not the item's fault, so the attempt does not count (an outage must not
      // grow each item's backoff to hours) and the queue waits until then.
      const waitMs = Math.max(e.retryAfterMs ?? 0, 1000);
      const set = `status = 'pending', attempts = attempts - 1, last_error = $4, last_error_code = $5,
        next_attempt_at = now() + make_interval(secs => $6::double precision / 1000)`;
      if (!(await this.settle(this.dataSource, item, set, [error, e.code, waitMs])))
        return { result: 'lost' };
      return { result: 'rate_limited', retryAfterMs: waitMs };
    }
    const maybeSent = item.maybe_sent || e.outcomeUnknown;
    const delayMs = syncRetryDelayMs(item.attempts, this.config.get('SYNC_RETRY_BASE_S') * 1000);
    const givingUp = Date.now() + delayMs > item.give_up_at.getTime();
    if (e.retryable || e.outcomeUnknown) {
      if (givingUp) return this.kill(item, c, 'SYNC_GAVE_UP', error, maybeSent);
      const kept = await this.dataSource.transaction(async (m) => {
        const set = `status = 'pending', maybe_sent = $4, last_error = $5, last_error_code = $6,
          next_attempt_at = now() + make_interval(secs => $7::double precision / 1000)`;
        if (!(await this.settle(m, item, set, [maybeSent, error, e.code, delayMs]))) return false;
        await this.enqueueJob(m, c.id, delayMs);
        if (item.attempts >= this.config.get('SYNC_ALERT_ATTEMPTS') && !item.alerted_at)
          await this.items.alert(m, item.id, c.id, `failing-${item.id}`);
        return true;
      });
      if (!kept) return { result: 'lost' };
      this.logger.warn(
        { item: item.id, attempts: item.attempts, code: e.code },
        'sync item failed; retrying',
      );
      return { result: 'retry' };
    }
    return this.kill(item, c, e.code, error, maybeSent);
  }

  /** A dead letter: the item stops (holding the ones behind it) until an admin retries it. */
  private async kill(
    item: Claimed,
    c: ComplaintRow,
    reason: string,
    error: string,
    maybeSent: boolean,
  ): Promise<SendOutcome> {
    const killed = await this.dataSource.transaction(async (m) => {
      const set = `status = 'dead', maybe_sent = $4, last_error = $5, last_error_code = $6`;
      if (!(await this.settle(m, item, set, [maybeSent, error, reason]))) return false;
      const rows: { id: string }[] = await m.query(
        `INSERT INTO dead_letters (sync_item_id, complaint_id, mission_code, kind, reason, last_error, attempts, next_step)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [item.id, c.id, c.mission_code, item.kind, reason, error, item.attempts, nextStep(reason)],
      );
      await this.items.alert(m, item.id, c.id, `dead-${rows[0].id}`);
      return true;
    });
    if (!killed) return { result: 'lost' };
    this.logger.warn({ item: item.id, attempts: item.attempts, reason }, 'sync item is a dead letter');
    return { result: 'dead' };
  }

  private async enqueueJob(m: EntityManager, complaintId: string, delayMs: number): Promise<void> {
    await this.outbox.enqueue(
      m,
      JobName.SyncComplaint,
      { correlationId: correlationId(), complaintId },
      { delayMs },
    );
  }
}

/** What an operator should do before retrying a dead letter, by reason. */
export function nextStep(reason: string): string {
  switch (reason) {
    case 'LAPOR_AUTH':
      return 'Check LAPOR_API_KEY, LAPOR_TOKEN and LAPOR_AUTH_HEADER, then retry.';
    case 'LAPOR_NOT_FOUND':
      return 'LAPOR! does not know the complaint (or the path changed): check it in LAPOR!, then retry or leave it.';
    case 'LAPOR_REJECTED':
      return "LAPOR! refused the content (see last error): check the complaint's disposition, the institution ids and the text, then retry.";
    case 'SYNC_GAVE_UP':
      return 'LAPOR! kept failing for the whole retry period: check sync status and the LAPOR! breaker, then retry.';
    default:
      return 'Read the last error, fix the cause, then retry.';
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { correlationId } from '../../core/http/correlation';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName } from '../../core/queue/queue.contract';
import { LaporClient } from '../../integrations/lapor/lapor.client';
import { isLaporError } from '../../integrations/lapor/lapor.errors';
import type { UpstreamComplaint, UpstreamFollowUp } from '../../integrations/lapor/lapor.types';
import type { BackfillRange } from './backfill-range';
import { PollItemService, type ItemOutcome } from './poll-item.service';
import { INTAKE_POLL_OPTIONS, type PollOptions } from './poll.options';
import { nextInboxPosition, wibDayEnd, wibDayStart, type InboxPosition } from './poll-window';

export interface BackfillCounts {
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface BackfillProgress extends BackfillCounts {
  /** 0..1: how far through the date range the newest item read is. */
  fraction: number;
  /** LAPOR! updated_at of the newest item read so far. */
  reachedAt: Date | null;
}

export interface BackfillStep {
  counts: BackfillCounts;
  /** Where the next page starts; null when the range is done. */
  next: InboxPosition | null;
  reachedAt: Date | null;
}

export class BackfillTooLongError extends Error {}

export const zeroCounts = (): BackfillCounts => ({
  seen: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
});

export function addCounts(a: BackfillCounts, b: BackfillCounts): BackfillCounts {
  return {
    seen: a.seen + b.seen,
    created: a.created + b.created,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    rejected: a.rejected + b.rejected,
  };
}

function count(c: BackfillCounts, o: ItemOutcome): void {
  if (o === 'created' || o === 'updated' || o === 'rejected') c[o]++;
  else c.unchanged++; // unchanged, an identical delivery already stored, or older than what is stored
}

/**
 * Imports LAPOR! history of a date range (SPEC.md "Intake": backfill), through the one ingest path
 * with `imported: true` (no alerts or notifications; SLA cycles marked imported) and each
 * complaint's follow-ups, so the first public follow-up of history is known (the KPI needs it).
 * The inbox is walked by `updated_from` from the start of `from` (WIB) and stops after the end of
 * `to`: a complaint is imported when its latest LAPOR! update falls in the range. Idempotent: a
 * second backfill of the same range changes nothing. Needs no Redis (the CLI runs it inline).
 */
@Injectable()
export class BackfillService {
  private readonly logger = new Logger(BackfillService.name);
  /** A LAPOR! hiccup during a long import waits and goes on (the client has retried already). */
  private readonly retry: RetryPolicy = retry(
    handleWhen((e) => isLaporError(e) && e.retryable),
    // Long enough to outlast an open circuit breaker (30 s) a few times over.
    { maxAttempts: 8, backoff: new ExponentialBackoff({ initialDelay: 2000, maxDelay: 30_000 }) },
  );

  constructor(
    private readonly lapor: LaporClient,
    private readonly items: PollItemService,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(INTAKE_POLL_OPTIONS) private readonly opts: PollOptions,
  ) {}

  /**
   * Queues a backfill as jobs (the admin endpoint): durable once this returns, Redis or not, because
   * the first job goes through the outbox. Returns its id and the first job's id (the outbox id).
   */
  async enqueue(range: BackfillRange, requestedBy: string): Promise<{ backfillId: string; jobId: string }> {
    const backfillId = randomUUID();
    const jobId = await this.dataSource.transaction((m) =>
      this.outbox.enqueue(m, JobName.IntakeBackfill, {
        correlationId: correlationId(),
        backfillId,
        from: range.from,
        to: range.to,
        requestedBy,
        seq: 0,
      }),
    );
    return { backfillId, jobId };
  }

  async run(input: BackfillRange & { onProgress?: (p: BackfillProgress) => void }): Promise<BackfillCounts> {
    let total = zeroCounts();
    let at: InboxPosition | null = { from: wibDayStart(input.from), page: 1 };
    for (let pages = 0; at; pages++) {
      this.checkPageBound(pages);
      const step = await this.step(input, at);
      total = addCounts(total, step.counts);
      at = step.next;
      input.onProgress?.({
        ...total,
        reachedAt: step.reachedAt,
        fraction: at ? progressOf(input, step.reachedAt) : 1,
      });
    }
    return total;
  }

  /** A LAPOR! that pages forever must not keep a backfill going forever. */
  checkPageBound(pagesDone: number): void {
    if (pagesDone >= this.opts.maxPagesPerBackfill)
      throw new BackfillTooLongError(`backfill stopped after ${pagesDone} pages: split the range`);
  }

  /** One inbox page of the range: its items up to the end of `to`, each with its follow-ups. */
  async step(range: BackfillRange, at: InboxPosition): Promise<BackfillStep> {
    const end = wibDayEnd(range.to);
    const page = await this.retry.execute(() =>
      this.lapor.inboxPage({ updatedFrom: at.from, page: at.page, pageSize: this.opts.pageSize }),
    );
    const inRange = page.items.filter((c) => c.updatedAt <= end);
    const counts = zeroCounts();
    for (const c of inRange) {
      counts.seen++;
      const followUps = await this.followUpsOf(c);
      count(
        counts,
        followUps === null
          ? 'rejected'
          : await this.items.ingest('backfill', c, { eventType: 'backfill', followUps, imported: true }),
      );
    }
    for (const r of page.rejected) {
      counts.seen++;
      counts.rejected++;
      await this.items.reject('backfill', r, `backfill-${range.from}-${at.from.getTime()}-${at.page}`);
    }
    const reachedAt = inRange.length ? inRange[inRange.length - 1].updatedAt : null;
    const done = page.nextPageUrl === null || inRange.length < page.items.length;
    return { counts, reachedAt, next: done ? null : nextInboxPosition(at, page.items) };
  }

  /** Follow-ups of one complaint; null (recorded as rejected) when LAPOR! refuses them for good. */
  private async followUpsOf(c: UpstreamComplaint): Promise<UpstreamFollowUp[] | null> {
    try {
      return await this.retry.execute(() => this.lapor.allFollowUps(c.laporId));
    } catch (e) {
      if (!isLaporError(e) || e.retryable) throw e;
      this.logger.warn({ laporId: c.laporId, code: e.code }, 'backfill: follow-ups unreadable');
      await this.items.reject(
        'backfill',
        { index: 0, laporId: c.laporId, reason: `follow-ups: ${e.code}: ${e.message}` },
        'followups',
      );
      return null;
    }
  }
}

/** How far through the range an instant is, 0..1. */
export function progressOf(range: BackfillRange, reachedAt: Date | null): number {
  if (!reachedAt) return 0;
  const start = wibDayStart(range.from).getTime();
  const span = wibDayEnd(range.to).getTime() - start;
  return Math.min(1, Math.max(0, (reachedAt.getTime() - start) / span));
}

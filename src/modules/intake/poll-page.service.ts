import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { createHash } from 'node:crypto';
import { correlationId } from '../../core/http/correlation';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { LaporClient } from '../../integrations/lapor/lapor.client';
import { isLaporError } from '../../integrations/lapor/lapor.errors';
import type { UpstreamComplaint, UpstreamPage } from '../../integrations/lapor/lapor.types';
import { PollCursorService } from './poll-cursor.service';
import { PollItemService, type ItemOutcome } from './poll-item.service';
import {
  INTAKE_POLL_OPTIONS,
  jobIdPart,
  pollPageJobId,
  pollPageJobOptions,
  REFRESH_JOB_OPTIONS,
  type PollOptions,
} from './poll.options';
import { nextInboxPosition } from './poll-window';

type Payload = JobPayloads[typeof JobName.IntakePollPage];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface PageResult {
  outcome: 'superseded' | 'next' | 'finished';
  items: number;
  rejected: number;
  outcomes: Partial<Record<ItemOutcome, number>>;
}

/** What an error may say in poll_cursors.last_error: LAPOR! errors are safe, others by name and code only. */
function describe(e: unknown): string {
  if (isLaporError(e)) return `${e.code}: ${e.message}`;
  const err = e as { name?: string; code?: unknown };
  return `${err.name ?? 'Error'}${typeof err.code === 'string' ? ` (${err.code})` : ''}`;
}

/**
 * One page of a poll run (SPEC.md "Intake"): read it, ingest each item, record the unreadable ones,
 * then enqueue the next page or, after the last, move the cursor to the run's start. Every step is
 * idempotent: a retried page re-ingests as duplicates and re-adds its successor as a no-op; a page
 * of a run that another run replaced does nothing.
 */
@Injectable()
export class PollPageService {
  private readonly logger = new Logger(PollPageService.name);

  constructor(
    private readonly lapor: LaporClient,
    private readonly items: PollItemService,
    private readonly cursors: PollCursorService,
    private readonly queues: QueueRegistry,
    @Inject(INTAKE_POLL_OPTIONS) private readonly opts: PollOptions,
  ) {}

  async process(p: Payload, attempt: { last: boolean }): Promise<PageResult> {
    const result: PageResult = { outcome: 'superseded', items: 0, rejected: 0, outcomes: {} };
    if (!(await this.cursors.isCurrent(p.cursor, p.runId))) return result;

    const page = await this.read(p, attempt.last);
    result.items = page.items.length;
    result.rejected = page.rejected.length;
    try {
      for (const c of page.items) {
        const outcome = await this.items.ingest('poll', c, { eventType: `poll.${p.cursor}` });
        result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
        if (outcome === 'created' || outcome === 'updated' || outcome === 'unchanged')
          await this.readFollowUpsSoon(c);
      }
      for (const r of page.rejected) await this.items.reject('poll', r, `${p.runId}-${p.seq}`);
      return { ...result, outcome: await this.advance(p, page) };
    } catch (e) {
      // The database or Redis failed (not LAPOR!): retried; the last attempt ends the run.
      if (!(e instanceof UnrecoverableError)) await this.failed(p, e, attempt.last);
      throw e;
    }
  }

  /** After the last page the run ends and the cursor moves; otherwise the next page is enqueued. */
  private async advance(p: Payload, page: UpstreamPage<UpstreamComplaint>): Promise<PageResult['outcome']> {
    const seen = p.seen + page.items.length + page.rejected.length;
    if (page.nextPageUrl === null) {
      const finished = await this.cursors.finishRun(p.cursor, p.runId, new Date(p.startedAt), seen);
      return finished ? 'finished' : 'superseded';
    }
    if (p.seq + 1 >= this.opts.maxPagesPerRun) {
      const reason = `more than ${this.opts.maxPagesPerRun} pages in one run; stopped`;
      await this.cursors.failRun(p.cursor, p.runId, reason);
      throw new UnrecoverableError(reason);
    }
    const next = nextInboxPosition({ from: new Date(p.from), page: p.page }, page.items);
    await this.queues.add(
      JobName.IntakePollPage,
      { ...p, from: next.from.toISOString(), page: next.page, seq: p.seq + 1, seen },
      pollPageJobId(p.runId, p.seq + 1),
      pollPageJobOptions(this.opts),
    );
    await this.cursors.advanceRun(p.cursor, p.runId, p.seq + 1);
    return 'next';
  }

  /**
   * Reads the page. Retryable LAPOR! errors are thrown for BullMQ to retry with backoff (the run
   * stays open; its last attempt ends the run so the next tick starts over from the same cursor).
   * A permanent one ends the run at once and is not retried.
   */
  private async read(p: Payload, lastAttempt: boolean): Promise<UpstreamPage<UpstreamComplaint>> {
    try {
      return await this.lapor.inboxPage({
        updatedFrom: new Date(p.from),
        page: p.page,
        pageSize: this.opts.pageSize,
      });
    } catch (e) {
      await this.failed(p, e, lastAttempt || (isLaporError(e) && !e.retryable));
      if (isLaporError(e) && !e.retryable) throw new UnrecoverableError(describe(e));
      throw e;
    }
  }

  private async failed(p: Payload, e: unknown, endsRun: boolean): Promise<void> {
    const error = describe(e);
    this.logger.warn(
      { cursor: p.cursor, runId: p.runId, page: p.page, endsRun },
      `poll page failed: ${error}`,
    );
    try {
      if (endsRun) await this.cursors.failRun(p.cursor, p.runId, error);
      else await this.cursors.recordError(p.cursor, error);
    } catch {
      // The database may be what failed; the job's own retry and the stale-run rule still apply.
    }
  }

  /**
   * Inbox items carry no follow-ups. A new complaint may already have some (the KPI needs the first
   * public one), and a moved updated_at may be a reporter reply: ask for them now rather than at the
   * refresh cadence, where a just-read complaint comes last. Best effort: the refresh catches it later.
   */
  private async readFollowUpsSoon(c: UpstreamComplaint): Promise<void> {
    try {
      await this.queues.add(
        JobName.IntakeFetchComplaint,
        { correlationId: correlationId(), laporId: c.laporId, reason: 'refresh' },
        // One per new poll delivery (a retried page re-adds it as a no-op).
        `refresh-${jobIdPart(c.laporId)}-d${sha256(PollItemService.deliveryKey(c)).slice(0, 20)}`,
        REFRESH_JOB_OPTIONS,
      );
    } catch (e) {
      this.logger.warn(`follow-up read of ${c.laporId} not enqueued: ${(e as Error).message}`);
    }
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { randomUUID } from 'node:crypto';
import { ConfigService } from '../../core/config/config.service';
import { LeaseService } from '../../core/database/lease.service';
import { correlationId } from '../../core/http/correlation';
import { JobName, QueueName } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { PollCursorService, type CursorName } from './poll-cursor.service';
import {
  INTAKE_POLL_OPTIONS,
  pollPageJobId,
  pollPageJobOptions,
  pollSchedulesEnabled,
  type PollOptions,
} from './poll.options';
import { overlapStart, rescanSlot } from './poll-window';

/** BullMQ job states of a page still to run. */
const PENDING = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** A run this tick started (null: another run is in progress, another replica holds the lease, or not due). */
export interface StartedRun {
  runId: string;
  from: Date;
}

/**
 * Starts LAPOR! inbox poll runs (SPEC.md "Intake"): every POLL_INTERVAL_S, and the nightly 24 h
 * re-scan. Schedules only enqueue, under a lease (STYLE.md habit 7); the pages are jobs on the
 * `intake` queue (poll-page.handler.ts), each enqueuing the next.
 */
@Injectable()
export class PollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PollScheduler.name);

  constructor(
    private readonly config: ConfigService,
    private readonly lease: LeaseService,
    private readonly queues: QueueRegistry,
    private readonly cursors: PollCursorService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(INTAKE_POLL_OPTIONS) private readonly opts: PollOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!pollSchedulesEnabled(this.config)) return;
    const intervalMs = this.config.get('POLL_INTERVAL_S') * 1000;
    this.every('intake-poll', intervalMs, () => this.tick());
    // The re-scan is due once a night; checking at the refresh cadence is plenty.
    this.every('intake-rescan', intervalMs * this.opts.refreshEveryIntervals, () => this.rescanTick());
    // A first poll soon after boot, so complaints show up without waiting an interval.
    const first = setTimeout(() => void this.tick(), 2000);
    first.unref();
    this.scheduler.addTimeout('intake-poll-first', first);
  }

  onApplicationShutdown(): void {
    for (const name of ['intake-poll', 'intake-rescan'])
      if (this.scheduler.doesExist('interval', name)) this.scheduler.deleteInterval(name);
    if (this.scheduler.doesExist('timeout', 'intake-poll-first'))
      this.scheduler.deleteTimeout('intake-poll-first');
  }

  /** One inbox poll tick: starts a run from the cursor (minus the overlap) unless one is running. */
  async tick(now = new Date()): Promise<StartedRun | null> {
    return this.start('inbox', now, (cursorAt) => overlapStart(cursorAt, this.config.get('POLL_INTERVAL_S')));
  }

  /** The nightly re-scan: the last 24 h again, once after rescanHourWib:00 WIB each day. */
  async rescanTick(now = new Date()): Promise<StartedRun | null> {
    return this.start(
      'rescan',
      now,
      () => new Date(now.getTime() - this.opts.rescanWindowMs),
      rescanSlot(now, this.opts.rescanHourWib),
    );
  }

  private async start(
    cursor: CursorName,
    now: Date,
    windowStart: (cursorAt: Date) => Date,
    dueBefore?: Date,
  ): Promise<StartedRun | null> {
    try {
      const result = await this.lease.runExclusive('intakePoll', async () => {
        const runId = `${cursor}-${randomUUID()}`;
        const claimed = await this.cursors.claimRun({
          name: cursor,
          runId,
          now,
          initialCursorAt: new Date(now.getTime() - this.firstRunLookbackMs),
          staleMs: this.opts.staleRunMs,
          dueBefore,
          deadRunId: await this.orphanedRun(cursor, now),
        });
        if (!claimed) return null;
        if (claimed.replacedRunId)
          this.logger.warn(`poll ${cursor}: run ${claimed.replacedRunId} looked dead; starting ${runId}`);
        const from = windowStart(claimed.cursorAt);
        try {
          await this.queues.add(
            JobName.IntakePollPage,
            {
              correlationId: correlationId(),
              cursor,
              runId,
              from: from.toISOString(),
              page: 1,
              startedAt: now.toISOString(),
              seq: 0,
              seen: 0,
            },
            pollPageJobId(runId, 0),
            pollPageJobOptions(this.opts),
          );
        } catch (e) {
          // Nothing was enqueued: free the cursor so the next tick tries again.
          await this.cursors.failRun(cursor, runId, null);
          throw e;
        }
        return { runId, from };
      });
      return result.ran ? result.value : null;
    } catch (e) {
      this.logger.warn(`poll ${cursor} not started: ${(e as Error).message}`);
      return null;
    }
  }

  /**
   * The cursor's run in progress, if it has run longer than orphanCheckMs and none of its page jobs
   * is pending in Redis any more: lost with Redis (a restart without persistence, a failover), it
   * would otherwise hold the cursor until staleRunMs. `run_seq` names the newest page the run
   * enqueued; a live run has that page, its predecessor (still completing, or retrying) or its
   * successor (just enqueued) waiting, delayed or active. Completed pages may already be evicted,
   * so only these three are asked about. Redis unreachable: assume alive (nothing is started).
   */
  private async orphanedRun(cursor: CursorName, now: Date): Promise<string | undefined> {
    const row = (await this.cursors.read()).get(cursor);
    if (!row?.runId || !row.runStartedAt) return undefined;
    if (now.getTime() - row.runStartedAt.getTime() < this.opts.orphanCheckMs) return undefined;
    const queue = this.queues.queue(QueueName.Intake);
    try {
      for (const seq of [row.runSeq + 1, row.runSeq, row.runSeq - 1].filter((s) => s >= 0)) {
        const state = await queue.getJobState(pollPageJobId(row.runId, seq));
        if (PENDING.has(state)) return undefined;
      }
    } catch {
      return undefined;
    }
    return row.runId;
  }

  /** A newcomer's `npm start` (bundled sandbox) should show every demo complaint, not one day's. */
  private get firstRunLookbackMs(): number {
    return this.config.lapor.sandbox ? this.opts.sandboxFirstRunLookbackMs : this.opts.firstRunLookbackMs;
  }

  private every(name: string, ms: number, fn: () => Promise<unknown>): void {
    const interval = setInterval(() => void fn(), ms);
    interval.unref();
    this.scheduler.addInterval(name, interval);
  }
}

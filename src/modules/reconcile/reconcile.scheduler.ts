import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../core/config/config.service';
import { LeaseService } from '../../core/database/lease.service';
import { correlationId } from '../../core/http/correlation';
import { JobName } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { pollSchedulesEnabled } from '../intake/poll.options';
import { ReconcileRunsService } from './reconcile-runs.service';
import { RECONCILE_JOB_OPTIONS, reconcileJobId } from './reconcile.options';

/** The first tick after boot: a process that restarts often still reconciles (when due). */
const FIRST_TICK_MS = 60_000;

/**
 * Queues a reconciler run every RECONCILE_INTERVAL_S (schedules only enqueue, under a lease: STYLE.md
 * habit 7). The run is a reconcile_runs row plus a `sync.reconcile` job, written only when none is
 * queued or running and the last one is an interval old, so N replicas queue one run per interval.
 * Off with the poll schedules (POLL_ENABLED; off under NODE_ENV=test: tests call tick()).
 */
@Injectable()
export class ReconcileScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileScheduler.name);

  constructor(
    private readonly config: ConfigService,
    private readonly lease: LeaseService,
    private readonly queues: QueueRegistry,
    private readonly runs: ReconcileRunsService,
    private readonly dataSource: DataSource,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  private get periodMs(): number {
    return this.config.get('RECONCILE_INTERVAL_S') * 1000;
  }

  onApplicationBootstrap(): void {
    if (!pollSchedulesEnabled(this.config)) return;
    const interval = setInterval(() => void this.tick(), this.periodMs);
    interval.unref();
    this.scheduler.addInterval('reconcile', interval);
    const first = setTimeout(() => void this.tick(), FIRST_TICK_MS);
    first.unref();
    this.scheduler.addTimeout('reconcile-first', first);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'reconcile')) this.scheduler.deleteInterval('reconcile');
    if (this.scheduler.doesExist('timeout', 'reconcile-first'))
      this.scheduler.deleteTimeout('reconcile-first');
  }

  /** Queues a run if one is due; its id, or null (not due, one in progress, or another replica's lease). */
  async tick(now = new Date()): Promise<string | null> {
    try {
      const result = await this.lease.runExclusive('reconcileSchedule', async () => {
        // The row commits before the job is added: a worker takes the job at once, and a run it
        // cannot see yet would be taken for a finished one and never run. A failed add takes the
        // row back, so nothing stays queued that no job will run.
        const runId = await this.dataSource.transaction((m) => this.runs.queueIfDue(m, now, this.periodMs));
        if (!runId) return null;
        try {
          await this.queues.add(
            JobName.SyncReconcile,
            { correlationId: correlationId(), runId },
            reconcileJobId(runId),
            RECONCILE_JOB_OPTIONS,
          );
        } catch (e) {
          // If even this fails, the row is queued until it is stale (staleRunMs): a later tick queues anew.
          await this.runs.unqueue(runId).catch(() => undefined);
          throw e;
        }
        return runId;
      });
      return result.ran ? result.value : null;
    } catch (e) {
      this.logger.warn(`reconcile run not queued: ${(e as Error).message}`);
      return null;
    }
  }
}

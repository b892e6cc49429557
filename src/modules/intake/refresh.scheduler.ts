import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../core/config/config.service';
import { LeaseService } from '../../core/database/lease.service';
import { correlationId } from '../../core/http/correlation';
import { JobName } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { ComplaintIngestService } from '../complaints/complaint-ingest.service';
import {
  INTAKE_POLL_OPTIONS,
  jobIdPart,
  pollSchedulesEnabled,
  REFRESH_JOB_OPTIONS,
  type PollOptions,
} from './poll.options';

/**
 * Re-reads open complaints on a slower cadence than the poll (SPEC.md "Intake": reporter replies
 * and status changes of open complaints). Every refreshEveryIntervals × POLL_INTERVAL_S, under a
 * lease, the refreshBatch open complaints checked longest ago get an `intake.fetch-complaint`
 * (detail and follow-ups). Only enqueues (STYLE.md habit 7).
 */
@Injectable()
export class RefreshScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RefreshScheduler.name);

  constructor(
    private readonly config: ConfigService,
    private readonly lease: LeaseService,
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintIngestService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(INTAKE_POLL_OPTIONS) private readonly opts: PollOptions,
  ) {}

  private get periodMs(): number {
    return this.config.get('POLL_INTERVAL_S') * 1000 * this.opts.refreshEveryIntervals;
  }

  onApplicationBootstrap(): void {
    if (!pollSchedulesEnabled(this.config)) return;
    const interval = setInterval(() => void this.tick(), this.periodMs);
    interval.unref();
    this.scheduler.addInterval('intake-refresh', interval);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'intake-refresh'))
      this.scheduler.deleteInterval('intake-refresh');
  }

  /** Enqueues one batch; returns the LAPOR! ids (an empty list when another replica holds the lease). */
  async tick(now = new Date()): Promise<string[]> {
    try {
      const result = await this.lease.runExclusive('intakeRefresh', () =>
        // Claimed by stamping upstream_checked_at, in a transaction that commits only once the jobs
        // are enqueued: the next tick takes the next batch, and a re-read that finds nothing new (a
        // duplicate delivery stamps nothing) cannot keep the same complaints first forever.
        this.dataSource.transaction(async (m) => {
          const laporIds = await this.complaints.claimForRefresh(m, this.opts.refreshBatch, now);
          const slot = Math.floor(now.getTime() / this.periodMs);
          for (const laporId of laporIds) {
            await this.queues.add(
              JobName.IntakeFetchComplaint,
              { correlationId: correlationId(), laporId, reason: 'refresh' },
              `refresh-${jobIdPart(laporId)}-s${slot}`,
              REFRESH_JOB_OPTIONS,
            );
          }
          return laporIds;
        }),
      );
      return result.ran ? result.value : [];
    } catch (e) {
      this.logger.warn(`refresh not scheduled: ${(e as Error).message}`);
      return [];
    }
  }
}

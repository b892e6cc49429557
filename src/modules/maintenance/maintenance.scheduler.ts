import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ConfigService } from '../../core/config/config.service';
import { correlationId } from '../../core/http/correlation';
import { LeaseService } from '../../core/database/lease.service';
import { JobName } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';

/** Relayed outbox rows are kept this many days. */
export const OUTBOX_RETENTION_DAYS = 7;
const TICK_MS = 60 * 60 * 1000;

/**
 * Schedules only enqueue, under a lease (STYLE.md habit 7): once a day the outbox purge job, with a
 * job id per day so replicas that both get the lease on the same day still add it once.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(
    private readonly config: ConfigService,
    private readonly lease: LeaseService,
    private readonly queues: QueueRegistry,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    const interval = setInterval(() => void this.tick(), TICK_MS);
    interval.unref();
    this.scheduler.addInterval('maintenance', interval);
    // Also once shortly after boot, so a process that never lives an hour still does its housekeeping.
    const first = setTimeout(() => void this.tick(), 30_000);
    first.unref();
    this.scheduler.addTimeout('maintenance-first', first);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'maintenance')) this.scheduler.deleteInterval('maintenance');
    if (this.scheduler.doesExist('timeout', 'maintenance-first'))
      this.scheduler.deleteTimeout('maintenance-first');
  }

  async tick(now = new Date()): Promise<boolean> {
    try {
      const result = await this.lease.runExclusive('maintenanceScheduler', async () => {
        const day = now.toISOString().slice(0, 10);
        await this.queues.add(
          JobName.OutboxPurge,
          { correlationId: correlationId(), olderThanDays: OUTBOX_RETENTION_DAYS },
          // BullMQ refuses ':' in custom job ids.
          `${JobName.OutboxPurge}-${day}`,
        );
      });
      return result.ran;
    } catch (e) {
      this.logger.warn(`maintenance schedule skipped: ${(e as Error).message}`);
      return false;
    }
  }
}

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ConfigService } from '../../core/config/config.service';
import { correlationId } from '../../core/http/correlation';
import { LeaseService } from '../../core/database/lease.service';
import { JobName } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { SyncItemsService } from './sync-items.service';

const TICK_MS = 15_000;

/**
 * The safety net under the sync jobs (schedules only enqueue, under a lease — STYLE.md habit 7):
 * every 15 s, a job for each complaint whose head item is due — a retry whose delayed job was lost
 * with Redis, an item claimed by a worker that died (its claim expired) — with a job id per complaint
 * and time slot, so replicas and overlapping ticks add it once; and the alert for items unconfirmed
 * for a day.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncScheduler.name);

  constructor(
    private readonly config: ConfigService,
    private readonly lease: LeaseService,
    private readonly queues: QueueRegistry,
    private readonly items: SyncItemsService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    const interval = setInterval(() => void this.tick(), TICK_MS);
    interval.unref();
    this.scheduler.addInterval('sync-sweep', interval);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'sync-sweep')) this.scheduler.deleteInterval('sync-sweep');
  }

  /** Enqueues a job per complaint with a due head item; returns those complaint ids. */
  async tick(now = new Date()): Promise<string[]> {
    try {
      const result = await this.lease.runExclusive('syncSweep', async () => {
        const due = await this.items.dueComplaints(500);
        const slot = Math.floor(now.getTime() / TICK_MS);
        await this.items.alertOld();
        for (const complaintId of due)
          await this.queues.add(
            JobName.SyncComplaint,
            { correlationId: correlationId(), complaintId },
            `sync-sweep-${complaintId}-s${slot}`,
          );
        return due;
      });
      return result.ran ? result.value : [];
    } catch (e) {
      this.logger.warn(`sync sweep skipped: ${(e as Error).message}`);
      return [];
    }
  }
}

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DateTime } from 'luxon';
import { ConfigService } from '../../core/config/config.service';
import { correlationId } from '../../core/http/correlation';
import { LeaseService } from '../../core/database/lease.service';
import { JobName } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { MINISTRY_OFFICE } from '../complaints/complaint-scope';
import { SyncItemsService } from './sync-items.service';

const TICK_MS = 15_000;
const DIGEST_TICK_MS = 60 * 60 * 1000;
/** An unsent item older than this puts its office in the daily digest. */
const DIGEST_MIN_AGE_S = 60 * 60;

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
    const digest = setInterval(() => void this.digest(), DIGEST_TICK_MS);
    digest.unref();
    this.scheduler.addInterval('sync-digest', digest);
  }

  onApplicationShutdown(): void {
    for (const name of ['sync-sweep', 'sync-digest'])
      if (this.scheduler.doesExist('interval', name)) this.scheduler.deleteInterval(name);
  }

  /**
   * The daily digest per office (issue 6): checked hourly, sent once per WIB day to each office with
   * open dead letters or an item unsent for an hour — counts only. The job id and the notification's
   * dedupe key both carry the day, so replicas and later ticks of the same day add nothing.
   */
  async digest(now = new Date()): Promise<string[]> {
    try {
      const result = await this.lease.runExclusive('syncSweep', async () => {
        const day = DateTime.fromJSDate(now, { zone: 'Asia/Jakarta' }).toISODate();
        const offices = (await this.items.statusByMission()).filter(
          (o) => o.deadLetters > 0 || (o.oldestAgeSeconds ?? 0) >= DIGEST_MIN_AGE_S,
        );
        for (const o of offices) {
          const office = o.missionCode ?? MINISTRY_OFFICE;
          await this.queues.add(
            JobName.NotificationDeliver,
            {
              correlationId: correlationId(),
              kind: 'sync.digest',
              missionCode: office,
              complaintId: null,
              priority: 'normal',
              facts: {
                syncBacklog: o.backlog,
                oldestSyncAgeSeconds: o.oldestAgeSeconds,
                deadLetters: o.deadLetters,
              },
              dedupeKey: `sync.digest-${office}-${day}`,
            },
            `sync-digest-${office}-${day}`,
          );
        }
        return offices.map((o) => o.missionCode ?? MINISTRY_OFFICE);
      });
      return result.ran ? result.value : [];
    } catch (e) {
      this.logger.warn(`sync digest skipped: ${(e as Error).message}`);
      return [];
    }
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

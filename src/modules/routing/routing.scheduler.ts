import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../core/config/config.service';
import { LeaseService } from '../../core/database/lease.service';
import { correlationId } from '../../core/http/correlation';
import { JobName } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { ComplaintRoutingService } from '../complaints/complaint-routing.service';

const TICK_MS = 15_000;
/** A routing job runs within milliseconds of the commit; one still `received` this long after is stuck. */
export const ROUTING_STUCK_AFTER_S = 30;
const BATCH = 500;

/**
 * The safety net under the routing jobs (SPEC.md "Architecture": losing Redis entirely loses no
 * complaint; schedules only enqueue, under a lease — STYLE.md habit 7). The outbox row of a new
 * complaint is relayed to Redis once; if Redis then loses the job (a restart without persistence, a
 * failover) before a worker ran it, nothing else would route the complaint. Every 15 s, a
 * `complaint.route` job for each complaint still `received` ROUTING_STUCK_AFTER_S after it was
 * stored, with a job id per complaint and time slot. The processor acts only on `received`, so a job
 * for a complaint routed meanwhile changes nothing.
 */
@Injectable()
export class RoutingScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingScheduler.name);

  constructor(
    private readonly config: ConfigService,
    private readonly lease: LeaseService,
    private readonly queues: QueueRegistry,
    private readonly complaints: ComplaintRoutingService,
    private readonly dataSource: DataSource,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    const interval = setInterval(() => void this.tick(), TICK_MS);
    interval.unref();
    this.scheduler.addInterval('routing-sweep', interval);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'routing-sweep')) this.scheduler.deleteInterval('routing-sweep');
  }

  /** Enqueues a routing job per stuck complaint; returns their ids. */
  async tick(now = new Date()): Promise<string[]> {
    try {
      const result = await this.lease.runExclusive('routingSweep', async () => {
        const stuck = await this.complaints.waitingToBeRouted(this.dataSource, ROUTING_STUCK_AFTER_S, BATCH);
        const slot = Math.floor(now.getTime() / TICK_MS);
        for (const complaintId of stuck)
          await this.queues.add(
            JobName.ComplaintRoute,
            { correlationId: correlationId(), complaintId },
            `route-sweep-${complaintId}-s${slot}`,
          );
        if (stuck.length)
          this.logger.warn(`re-queued routing of ${stuck.length} complaint(s) left in received`);
        return stuck;
      });
      return result.ran ? result.value : [];
    } catch (e) {
      this.logger.warn(`routing sweep skipped: ${(e as Error).message}`);
      return [];
    }
  }
}

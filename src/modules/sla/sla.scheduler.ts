import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ConfigService } from '../../core/config/config.service';
import { correlationId } from '../../core/http/correlation';
import { JobName } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';

/**
 * Queues an SLA sweep every SLA_SWEEP_INTERVAL_S (schedules only enqueue — STYLE.md habit 7). The job
 * id is the time slot, so replicas ticking in the same slot add one job; the sweep itself runs under
 * the slaSweep lease. Off under NODE_ENV=test, where tests run sweeps themselves at chosen times.
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaScheduler.name);

  constructor(
    private readonly config: ConfigService,
    private readonly queues: QueueRegistry,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker || this.config.get('NODE_ENV') === 'test') return;
    const interval = setInterval(() => void this.tick(), this.config.get('SLA_SWEEP_INTERVAL_S') * 1000);
    interval.unref();
    this.scheduler.addInterval('sla-sweep', interval);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'sla-sweep')) this.scheduler.deleteInterval('sla-sweep');
  }

  async tick(now = Date.now()): Promise<void> {
    const slot = Math.floor(now / (this.config.get('SLA_SWEEP_INTERVAL_S') * 1000));
    try {
      await this.queues.add(JobName.SlaSweep, { correlationId: correlationId() }, `sla-sweep-${slot}`, {
        removeOnComplete: { age: 3600, count: 100 },
        removeOnFail: { age: 24 * 3600 },
      });
    } catch (e) {
      this.logger.warn(`SLA sweep not queued: ${(e as Error).message}`);
    }
  }
}

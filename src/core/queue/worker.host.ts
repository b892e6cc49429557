import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import { ConfigService } from '../config/config.service';
import { withCorrelation } from '../http/correlation';
import { JobHandler, type JobHandlerFor } from './job-handler.decorator';
import { jobsOfQueue, type BasePayload, type JobName, type QueueName } from './queue.contract';
import { workerRedisOptions } from './redis-options';

/** Extra BullMQ worker options (tests shorten lockDuration to see released jobs come back quickly). */
export const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');
export type ExtraWorkerOptions = Pick<WorkerOptions, 'lockDuration' | 'stalledInterval'>;

/** Thrown at startup when a consumed queue has a job name that no provider handles. */
export class MissingJobHandlerError extends Error {}

/**
 * Runs the BullMQ consumers of the queues in WORKER_QUEUES (only when ROLE runs a worker). Startup
 * fails if a job name of a consumed queue has no handler, so a job can never sit unprocessed
 * because a module was left out. On shutdown (the first hook Nest runs, before connections close)
 * active jobs get SHUTDOWN_TIMEOUT_S to finish; what is still running after that is abandoned: its
 * lock expires and BullMQ's stalled-job check gives it to another worker.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];
  private readonly concurrency: Partial<Record<QueueName, number>> = {
    intake: 4,
    routing: 8,
    sync: 4,
    notify: 4,
    maintenance: 1,
  };

  constructor(
    private readonly config: ConfigService,
    private readonly discovery: DiscoveryService,
    @Inject(WORKER_OPTIONS) private readonly extraOptions: ExtraWorkerOptions,
  ) {}

  get consumedQueues(): QueueName[] {
    return this.workers.map((w) => w.name as QueueName);
  }

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    const handlers = this.discoverHandlers();
    for (const queue of this.config.get('WORKER_QUEUES') as QueueName[]) {
      const jobs = jobsOfQueue(queue);
      if (!jobs.length) continue;
      const missing = jobs.filter((j) => !handlers.has(j));
      if (missing.length) {
        throw new MissingJobHandlerError(
          `Queue "${queue}" has job(s) without a handler: ${missing.join(', ')}. ` +
            `Import the module that provides the @JobHandler, or remove "${queue}" from WORKER_QUEUES.`,
        );
      }
      this.workers.push(this.createWorker(queue, handlers));
    }
    this.logger.log(`consuming queues: ${this.consumedQueues.join(', ') || '(none)'}`);
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.workers.length) return;
    const timeoutMs = this.config.get('SHUTDOWN_TIMEOUT_S') * 1000;
    let timer: NodeJS.Timeout | undefined;
    // pause(false): take no new jobs and wait for the active ones. (A second close() would only
    // return the first one's promise, so the deadline is enforced here, before any close.)
    const drained = await Promise.race([
      Promise.all(this.workers.map((w) => w.pause(false))).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!drained) this.logger.warn(`jobs still active after ${timeoutMs} ms; abandoning them to be retried`);
    await Promise.all(this.workers.map((w) => w.close(!drained)));
  }

  private discoverHandlers(): Map<JobName, JobHandlerFor<JobName>> {
    const map = new Map<JobName, JobHandlerFor<JobName>>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: JobHandler.KEY })) {
      const name = this.discovery.getMetadataByDecorator(JobHandler, wrapper);
      if (!name || !wrapper.instance) continue;
      if (map.has(name)) throw new MissingJobHandlerError(`Two handlers for job "${name}"`);
      map.set(name, wrapper.instance as JobHandlerFor<JobName>);
    }
    return map;
  }

  private createWorker(queue: QueueName, handlers: Map<JobName, JobHandlerFor<JobName>>): Worker {
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const handler = handlers.get(job.name as JobName);
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        const payload = job.data as BasePayload;
        return withCorrelation(payload.correlationId, () => handler.handle(job.data as never, job as never));
      },
      {
        connection: workerRedisOptions(this.config.get('REDIS_URL'), this.config.redisSentinel),
        prefix: this.config.get('QUEUE_PREFIX'),
        concurrency: this.concurrency[queue] ?? 1,
        lockDuration: this.config.get('JOB_LOCK_S') * 1000,
        stalledInterval: this.config.get('JOB_LOCK_S') * 1000,
        // Toward LAPOR!: at most SYNC_RATE_PER_S items a second, counted in Redis across every worker.
        ...(queue === 'sync' ? { limiter: { max: this.config.get('SYNC_RATE_PER_S'), duration: 1000 } } : {}),
        ...this.extraOptions,
      },
    );
    worker.on('error', (e) => this.logger.warn(`worker ${queue}: ${e.message}`));
    worker.on('failed', (job, e) =>
      this.logger.warn(
        { queue, jobId: job?.id, job: job?.name, attempts: job?.attemptsMade },
        `job failed: ${e.message}`,
      ),
    );
    return worker;
  }
}

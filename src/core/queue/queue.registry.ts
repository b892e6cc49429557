import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import Redis from 'ioredis';
import { ConfigService } from '../config/config.service';
import { JOB_QUEUE, QUEUE_NAMES, type JobName, type JobPayloads, type QueueName } from './queue.contract';
import { producerRedisOptions } from './redis-options';

/**
 * Defaults for every job. Completed jobs are kept for a while so that a second enqueue of the same
 * outbox row (same jobId) is absorbed by BullMQ instead of running the work twice.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 200_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Redis is not connected: the work stays in the outbox and is retried. */
export class RedisUnavailableError extends Error {
  constructor(status: string) {
    super(`Redis is not available (connection ${status})`);
    this.name = 'RedisUnavailableError';
  }
}

const PRODUCER_TIMEOUT_MS = 5000;
/** How long a producer waits for a connection attempt that is already under way. */
const CONNECT_WAIT_MS = 1000;

export interface BulkJob<J extends JobName = JobName> {
  name: J;
  data: JobPayloads[J];
  jobId: string;
}

/** The producer side of BullMQ: one Queue per queue name over one fail-fast connection. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: ConfigService) {
    this.connection = new Redis({
      ...producerRedisOptions(config.get('REDIS_URL'), config.redisSentinel),
      lazyConnect: true,
    });
    this.connection.connect().catch(() => undefined);
    // Errors surface on the calls that need Redis; an 'error' listener keeps them out of stderr noise.
    this.connection.on('error', () => undefined);
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.config.get('QUEUE_PREFIX'),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  allQueues(): Queue[] {
    return QUEUE_NAMES.map((n) => this.queue(n));
  }

  /**
   * Producers fail fast (SPEC.md "Architecture"): BullMQ would otherwise wait for a reconnect, and
   * a request or the relay's transaction would hang with it.
   */
  private async produce<T>(fn: () => Promise<T>): Promise<T> {
    await this.ensureReady();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RedisUnavailableError('timed out')), PRODUCER_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Ready now, or about to be (a connection attempt is under way): wait at most a moment. Down
   * (reconnecting, closed): refuse at once.
   */
  private async ensureReady(): Promise<void> {
    const c = this.connection;
    if (c.status === 'ready') return;
    if (c.status === 'wait') c.connect().catch(() => undefined);
    if (!['wait', 'connecting', 'connect'].includes(c.status)) throw new RedisUnavailableError(c.status);
    await new Promise<void>((resolve, reject) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        c.off('ready', onReady);
        c.off('close', onClose);
        if (ok) resolve();
        else reject(new RedisUnavailableError(c.status));
      };
      const onReady = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), CONNECT_WAIT_MS);
      c.once('ready', onReady);
      c.once('close', onClose);
    });
  }

  /** Adds one typed job; the job id makes a repeated add a no-op. */
  async add<J extends JobName>(
    name: J,
    data: JobPayloads[J],
    jobId: string,
    opts: JobsOptions = {},
  ): Promise<void> {
    await this.produce(() => this.queue(JOB_QUEUE[name]).add(name, data, { ...opts, jobId }));
  }

  /** Adds jobs of possibly several queues, one round trip per queue. */
  async addBulk(jobs: BulkJob[]): Promise<void> {
    const byQueue = new Map<QueueName, BulkJob[]>();
    for (const j of jobs) {
      const q = JOB_QUEUE[j.name];
      byQueue.set(q, [...(byQueue.get(q) ?? []), j]);
    }
    for (const [q, list] of byQueue) {
      await this.produce(() =>
        this.queue(q).addBulk(list.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } }))),
      );
    }
  }

  /** True when Redis answers a PING now. */
  async ping(): Promise<boolean> {
    try {
      return (await this.connection.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Last: workers have drained (they may still enqueue while draining) before the producer closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}

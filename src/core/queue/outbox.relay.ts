import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ConfigService } from '../config/config.service';
import { isJobName, type JobName } from './queue.contract';
import { QueueRegistry, type BulkJob } from './queue.registry';

export interface RelayOptions {
  batchSize: number;
  /** Fallback poll when no NOTIFY arrives (also picks up delayed rows). */
  pollMs: number;
}

interface OutboxRow {
  id: string;
  job_name: string;
  payload: Record<string, unknown>;
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * relays (replicas) share the work without overlap; each becomes a job whose jobId is the outbox id.
 *
 * A crash after the enqueue but before the commit leaves the rows unrelayed: they are enqueued
 * again and BullMQ absorbs the duplicate jobId. When Redis is down the enqueue fails fast, the rows
 * stay in Postgres, and the relay backs off and retries until Redis is back.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private listening = false;
  private wakeRequested = false;
  private stopped = true;
  private failures = 0;
  private current?: Promise<void>;
  readonly options: RelayOptions = { batchSize: 200, pollMs: 1000 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runsWorker) await this.start();
  }

  /** First on shutdown: no new claims while the producer and the database are closing. */
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.listening = true;
    await this.listen().finally(() => (this.listening = false));
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current?.catch(() => undefined);
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
  }

  /** Relays everything that is due now; returns how many rows were relayed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < this.options.batchSize) return total;
    }
  }

  /** One batch in one transaction: claim, enqueue, mark relayed. */
  async relayBatch(): Promise<number> {
    let failure: Error | undefined;
    const count = await this.dataSource.transaction(async (m) => {
      const rows: OutboxRow[] = await m.query(
        `SELECT id, job_name, payload FROM outbox
         WHERE relayed_at IS NULL AND available_at <= now()
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (!rows.length) return 0;
      const known = rows.filter((r) => isJobName(r.job_name));
      const unknown = rows.filter((r) => !isJobName(r.job_name));
      const jobs: BulkJob[] = known.map((r) => ({
        name: r.job_name as JobName,
        data: r.payload as never,
        jobId: r.id,
      }));
      try {
        await this.queues.addBulk(jobs);
      } catch (e) {
        // Remember why on the rows (visible to admins), in this transaction: the rows are locked by
        // it. They stay unrelayed and are retried.
        failure = e instanceof Error ? e : new Error(String(e));
        await m.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)`, [
          rows.map((r) => r.id),
          String((e as Error).message ?? e).slice(0, 500),
        ]);
        return 0;
      }
      await m.query(
        `UPDATE outbox SET relayed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)`,
        [jobs.map((j) => j.jobId)],
      );
      if (unknown.length) {
        // A row written by a newer version of the bridge: leave it for a relay that knows the job.
        await m.query(
          `UPDATE outbox SET last_error = 'unknown job name', available_at = now() + interval '1 minute' WHERE id = ANY($1)`,
          [unknown.map((r) => r.id)],
        );
      }
      return rows.length;
    });
    if (failure) throw failure;
    return count;
  }

  /** LISTEN on a dedicated connection so a commit wakes the relay at once. */
  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.get('DATABASE_URL'),
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    client.on('notification', () => this.wake());
    client.on('error', () => {
      // The connection died (Postgres restart): fall back to polling and listen again later.
      if (this.listener === client) this.listener = undefined;
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.current = this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    this.wakeRequested = false;
    let delay = this.options.pollMs;
    try {
      await this.drain();
      if (this.failures > 0) this.logger.log(`outbox relay recovered after ${this.failures} failed attempts`);
      this.failures = 0;
    } catch (e) {
      this.failures++;
      // Exponential backoff while Redis or Postgres is away, capped so recovery is noticed quickly.
      delay = Math.min(250 * 2 ** Math.min(this.failures, 4), 4000);
      if (this.failures === 1 || this.failures % 20 === 0) {
        this.logger.warn(`outbox relay cannot enqueue (${(e as Error).message}); retrying`);
      }
    } finally {
      this.running = false;
    }
    // Listen again after a Postgres restart, in the background: a hung connect must not stall relaying.
    if (!this.listener && !this.listening && !this.stopped) {
      this.listening = true;
      void this.listen().finally(() => (this.listening = false));
    }
    this.schedule(this.wakeRequested && this.failures === 0 ? 0 : delay);
  }
}

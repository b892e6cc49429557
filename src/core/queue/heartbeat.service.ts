import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { ConfigService } from '../config/config.service';

/** How often a worker says it is alive, and how old a heartbeat may be before it counts as dead. */
export const HEARTBEAT_INTERVAL_MS = 5000;
export const HEARTBEAT_STALE_MS = 30_000;

/** Writes this worker's heartbeat to Postgres, for /health/ready and the sync status page. */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private timer?: NodeJS.Timeout;
  private readonly startedAt = new Date();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorker) return;
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  /** First thing on shutdown, while the database is still open: readiness stops counting us at once. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (!this.config.runsWorker) return;
    await this.dataSource
      .query(`DELETE FROM worker_heartbeats WHERE instance_id = $1`, [this.instanceId])
      .catch(() => undefined);
  }

  async beat(): Promise<void> {
    await this.dataSource
      .query(
        `INSERT INTO worker_heartbeats (instance_id, hostname, pid, queues, started_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (instance_id) DO UPDATE SET last_seen_at = now(), queues = EXCLUDED.queues`,
        [this.instanceId, hostname(), process.pid, this.config.get('WORKER_QUEUES'), this.startedAt],
      )
      // Postgres away: readiness reports that separately; the next beat tries again.
      .catch(() => undefined);
  }

  /** Workers whose heartbeat is recent. */
  async liveWorkers(): Promise<{ instanceId: string; queues: string[]; lastSeenAt: Date }[]> {
    const rows: { instance_id: string; queues: string[]; last_seen_at: Date }[] = await this.dataSource.query(
      `SELECT instance_id, queues, last_seen_at FROM worker_heartbeats
       WHERE last_seen_at > now() - make_interval(secs => $1::double precision / 1000) ORDER BY instance_id`,
      [HEARTBEAT_STALE_MS],
    );
    return rows.map((r) => ({ instanceId: r.instance_id, queues: r.queues, lastSeenAt: r.last_seen_at }));
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HeartbeatService } from '../../core/queue/heartbeat.service';
import { QueueRegistry } from '../../core/queue/queue.registry';

export interface Check {
  status: 'up' | 'down';
  detail?: string;
  [k: string]: unknown;
}
export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { postgres: Check; redis: Check; worker: Check };
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), CHECK_TIMEOUT_MS)),
    ),
  ]);
}

/** What /health/ready reports: each dependency the bridge needs to do its work. */
@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly heartbeats: HeartbeatService,
  ) {}

  async readiness(): Promise<Readiness> {
    const [postgres, redis, worker] = await Promise.all([this.postgres(), this.redis(), this.worker()]);
    const ok = postgres.status === 'up' && redis.status === 'up' && worker.status === 'up';
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis, worker } };
  }

  private async postgres(): Promise<Check> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 'postgres');
      return { status: 'up' };
    } catch (e) {
      // The endpoint is public: the real reason (host names, user names) goes to the log only.
      this.logger.warn(`readiness: postgres check failed: ${(e as Error).message}`);
      return { status: 'down', detail: 'PostgreSQL does not answer' };
    }
  }

  private async redis(): Promise<Check> {
    return (await withTimeout(this.queues.ping(), 'redis').catch(() => false))
      ? { status: 'up' }
      : { status: 'down', detail: 'Redis does not answer PING' };
  }

  private async worker(): Promise<Check> {
    try {
      const live = await withTimeout(this.heartbeats.liveWorkers(), 'worker heartbeat');
      return live.length
        ? { status: 'up', live: live.length }
        : {
            status: 'down',
            live: 0,
            detail: 'no worker heartbeat in the last 30 s (start ROLE=worker or ROLE=all)',
          };
    } catch (e) {
      this.logger.warn(`readiness: heartbeat check failed: ${(e as Error).message}`);
      return { status: 'down', detail: 'worker heartbeats cannot be read' };
    }
  }
}

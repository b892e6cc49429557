import type { RedisOptions as BullRedisOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';

export interface RedisEndpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: Record<string, never>;
}

/** ioredis options from a redis:// or rediss:// URL (user, password, db and TLS included). */
export function redisOptionsFromUrl(redisUrl: string): RedisEndpoint {
  const u = new URL(redisUrl);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: db ? Number(db) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Reconnect quickly after a Redis restart, without hammering it while it is down. */
export const reconnectQuickly = (times: number): number => Math.min(times * 250, 3000);

/**
 * Producers fail fast when Redis is down (no offline queue, short command timeout): the outbox in
 * Postgres keeps the work and the relay retries, so no request waits on Redis.
 */
export function producerRedisOptions(redisUrl: string): RedisOptions {
  return {
    ...redisOptionsFromUrl(redisUrl),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 5000,
    connectTimeout: 5000,
    retryStrategy: reconnectQuickly,
    connectionName: 'lapor-bridge:producer',
  };
}

/** Workers block on Redis and must keep retrying through an outage (BullMQ requires null here). */
export function workerRedisOptions(redisUrl: string): BullRedisOptions {
  return {
    ...redisOptionsFromUrl(redisUrl),
    maxRetriesPerRequest: null,
    retryStrategy: reconnectQuickly,
    connectionName: 'lapor-bridge:worker',
  };
}

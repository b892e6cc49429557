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

/** Redis Sentinel discovery (REDIS_SENTINELS): where to ask for the master, and its name. */
export interface SentinelSettings {
  sentinels: { host: string; port: number }[];
  name: string;
  password?: string;
}

/** The Sentinel settings of the environment; undefined when REDIS_SENTINELS is not set. */
export function sentinelSettings(env: {
  REDIS_SENTINELS: string[];
  REDIS_SENTINEL_NAME: string;
  REDIS_SENTINEL_PASSWORD?: string;
}): SentinelSettings | undefined {
  if (!env.REDIS_SENTINELS.length) return undefined;
  return {
    sentinels: env.REDIS_SENTINELS.map((s) => {
      const at = s.lastIndexOf(':');
      return { host: s.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(s.slice(at + 1)) };
    }),
    name: env.REDIS_SENTINEL_NAME,
    password: env.REDIS_SENTINEL_PASSWORD,
  };
}

/**
 * ioredis connection options: the URL's endpoint, or with Sentinels the master they name (ioredis
 * asks them again after a failover); credentials, database and TLS always from the URL.
 */
export function connectionOptions(redisUrl: string, sentinel?: SentinelSettings): RedisOptions {
  const endpoint = redisOptionsFromUrl(redisUrl);
  if (!sentinel) return endpoint;
  const { host: _host, port: _port, ...rest } = endpoint;
  return {
    ...rest,
    sentinels: sentinel.sentinels,
    name: sentinel.name,
    sentinelPassword: sentinel.password,
    enableTLSForSentinelMode: !!endpoint.tls,
    sentinelRetryStrategy: reconnectQuickly,
  };
}

/** Reconnect quickly after a Redis restart, without hammering it while it is down. */
export const reconnectQuickly = (times: number): number => Math.min(times * 250, 3000);

/**
 * Producers fail fast when Redis is down (no offline queue, short command timeout): the outbox in
 * Postgres keeps the work and the relay retries, so no request waits on Redis.
 */
export function producerRedisOptions(redisUrl: string, sentinel?: SentinelSettings): RedisOptions {
  return {
    ...connectionOptions(redisUrl, sentinel),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 5000,
    connectTimeout: 5000,
    retryStrategy: reconnectQuickly,
    connectionName: 'lapor-bridge:producer',
  };
}

/** Workers block on Redis and must keep retrying through an outage (BullMQ requires null here). */
export function workerRedisOptions(redisUrl: string, sentinel?: SentinelSettings): BullRedisOptions {
  return {
    ...connectionOptions(redisUrl, sentinel),
    maxRetriesPerRequest: null,
    retryStrategy: reconnectQuickly,
    connectionName: 'lapor-bridge:worker',
  };
}

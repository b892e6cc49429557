import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { ConfigService } from '../../core/config/config.service';
import { producerRedisOptions } from '../../core/queue/redis-options';

/**
 * One fixed window per key, in one atomic step: count the hit; the first hit starts the window; the
 * hit that goes over the limit stretches the window to the block duration, so the caller waits at
 * least that long and the count starts afresh once the key expires. Returns [hits, ms left].
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if hits == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
elseif hits == tonumber(ARGV[2]) + 1 and tonumber(ARGV[3]) > ttl then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  ttl = tonumber(ARGV[3])
end
return {hits, ttl}`;

/** Redis cannot count right now: the guard lets the request through rather than fail the API. */
export class RateLimitStoreUnavailableError extends Error {
  constructor(cause: string) {
    super(`rate-limit counters unavailable: ${cause}`);
    this.name = 'RateLimitStoreUnavailableError';
  }
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
type HitCommand = (key: string, ttlMs: number, limit: number, blockMs: number) => Promise<[number, number]>;

/** How long boot waits for the first connection; later, a Redis that is not ready is skipped at once. */
const CONNECT_WAIT_MS = 2000;

/**
 * Rate-limit counters in Redis, so every API replica counts against the same limit (SPEC.md
 * "Reliability and security promises": rate limits on the API). Keys live under QUEUE_PREFIX and
 * expire with their window. The connection fails fast like the queue producers': a request never
 * waits on a Redis that is down.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(config: ConfigService) {
    this.prefix = `${config.get('QUEUE_PREFIX')}:ratelimit:`;
    this.redis = new Redis({
      ...producerRedisOptions(config.get('REDIS_URL'), config.redisSentinel),
      commandTimeout: 1000,
      // Nothing to flush at shutdown: don't wait 2 s for a connection attempt to a Redis that is down.
      disconnectTimeout: 200,
      connectionName: 'lapor-bridge:ratelimit',
      lazyConnect: true,
    });
    this.redis.defineCommand('laporRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    // Failures surface as RateLimitStoreUnavailableError on the calls; keep them out of stderr.
    this.redis.on('error', () => undefined);
  }

  async onModuleInit(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.redis.connect().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    if (this.redis.status !== 'ready') throw new RateLimitStoreUnavailableError(this.redis.status);
    const hit = (this.redis as unknown as { laporRateHit: HitCommand }).laporRateHit;
    let hits: number;
    let msLeft: number;
    try {
      [hits, msLeft] = await hit.call(this.redis, this.prefix + key, ttl, limit, blockDuration);
    } catch (e) {
      throw new RateLimitStoreUnavailableError((e as Error).message);
    }
    const secondsLeft = Math.max(1, Math.ceil(msLeft / 1000));
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

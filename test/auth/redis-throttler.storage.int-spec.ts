import Redis from 'ioredis';
import { ConfigService } from '../../src/core/config/config.service';
import { loadEnv } from '../../src/core/config/load-env';
import {
  RateLimitStoreUnavailableError,
  RedisThrottlerStorage,
} from '../../src/modules/auth/redis-throttler.storage';
import { freePort } from '../helpers/free-port';
import { deleteQueuePrefix, uniqueQueuePrefix } from '../helpers/redis-cleanup';
import { TEST_REDIS_URL } from '../helpers/test-env';

/** The rate-limit counters against the real Redis: atomic, shared, expiring. */
describe('RedisThrottlerStorage', () => {
  const prefix = uniqueQueuePrefix('ratelimit');
  const started: RedisThrottlerStorage[] = [];

  async function storage(redisUrl = TEST_REDIS_URL): Promise<RedisThrottlerStorage> {
    const s = new RedisThrottlerStorage(
      new ConfigService(loadEnv({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix })),
    );
    await s.onModuleInit();
    started.push(s);
    return s;
  }

  afterAll(async () => {
    for (const s of started) s.onApplicationShutdown();
    await deleteQueuePrefix(prefix);
  });

  it('counts concurrent hits of two replicas exactly once each', async () => {
    const [a, b] = [await storage(), await storage()];
    const hits = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).increment('k-concurrent', 60_000, 1000, 60_000)),
    );
    expect(hits.map((h) => h.totalHits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    expect(hits.every((h) => !h.isBlocked && h.timeToExpire > 0 && h.timeToExpire <= 60)).toBe(true);
  });

  it('blocks the hit over the limit, for the rest of the window, then starts afresh', async () => {
    const s = await storage();
    const window = 400;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await s.increment('k-window', window, 2, window));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, true, true]);
    expect(results[2].timeToBlockExpire).toBe(1); // seconds, rounded up
    expect(results[0].timeToBlockExpire).toBe(0);

    await new Promise((r) => setTimeout(r, window + 100));
    expect(await s.increment('k-window', window, 2, window)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('keeps a caller blocked for the block duration when it is longer than the window', async () => {
    const s = await storage();
    await s.increment('k-block', 1000, 1, 30_000);
    const over = await s.increment('k-block', 1000, 1, 30_000);
    expect(over).toMatchObject({ isBlocked: true });
    expect(over.timeToBlockExpire).toBeGreaterThan(25);
  });

  it('keeps keys apart and under QUEUE_PREFIX', async () => {
    const s = await storage();
    await s.increment('k-a', 60_000, 10, 60_000);
    expect(await s.increment('k-b', 60_000, 10, 60_000)).toMatchObject({ totalHits: 1 });
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.get(`${prefix}:ratelimit:k-a`)).toBe('1');
      expect(await redis.pttl(`${prefix}:ratelimit:k-a`)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('fails fast with RateLimitStoreUnavailableError when Redis is unreachable', async () => {
    const s = await storage(`redis://127.0.0.1:${await freePort()}`);
    await expect(s.increment('k-down', 60_000, 10, 60_000)).rejects.toBeInstanceOf(
      RateLimitStoreUnavailableError,
    );
  });
});

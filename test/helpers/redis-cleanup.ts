import Redis from 'ioredis';
import { TEST_REDIS_URL } from './test-env';

/** Deletes every key under a test's own queue prefix. */
export async function deleteQueuePrefix(prefix: string): Promise<void> {
  if (!prefix.includes('test'))
    throw new Error(`refusing to delete keys of prefix ${prefix}: not a test prefix`);
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function uniqueQueuePrefix(label: string): string {
  return `test-${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

import { producerRedisOptions, redisOptionsFromUrl, workerRedisOptions } from './redis-options';

describe('redis options', () => {
  it('reads host, port, credentials, database and TLS from the URL', () => {
    expect(redisOptionsFromUrl('rediss://user:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
    });
    expect(redisOptionsFromUrl('redis://127.0.0.1')).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0 });
  });

  it('lets producers fail fast and workers wait through an outage', () => {
    expect(producerRedisOptions('redis://x')).toMatchObject({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    expect(workerRedisOptions('redis://x')).toMatchObject({ maxRetriesPerRequest: null });
  });
});

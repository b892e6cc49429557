import {
  connectionOptions,
  producerRedisOptions,
  redisOptionsFromUrl,
  workerRedisOptions,
} from './redis-options';

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

  it('with Sentinels, asks them for the master and keeps only credentials, database and TLS from the URL', () => {
    const options = connectionOptions('rediss://user:pw@ignored.host:1/3', {
      sentinels: [{ host: 's1', port: 26379 }],
      name: 'mymaster',
      password: 'sentinel-pw',
    });
    expect(options).toMatchObject({
      sentinels: [{ host: 's1', port: 26379 }],
      name: 'mymaster',
      sentinelPassword: 'sentinel-pw',
      username: 'user',
      password: 'pw',
      db: 3,
      tls: {},
      enableTLSForSentinelMode: true,
    });
    expect(options).not.toHaveProperty('host');
    expect(options).not.toHaveProperty('port');
  });
});

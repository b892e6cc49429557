import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../src/core/queue/outbox.service';
import { JobName } from '../../src/core/queue/queue.contract';
import { TcpProxy } from '../helpers/tcp-proxy';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { TestDatabase } from '../helpers/test-database';
import { TEST_REDIS_URL } from '../helpers/test-env';
import { waitFor } from '../helpers/wait-for';

/** The app reaches Postgres and Redis through proxies that the tests take down and bring back. */
describe('when Postgres or Redis goes away', () => {
  const redisProxy = new TcpProxy('127.0.0.1', Number(new URL(TEST_REDIS_URL).port || 6379));
  let pgProxy: TcpProxy;
  let db: TestDatabase;
  let t: TestApp;

  const ready = async () => request(t.url).get('/health/ready');

  async function relayedAndPurged(): Promise<boolean> {
    const ds = t.app.get(DataSource);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox WHERE relayed_at < now() - interval '1 day'`,
    );
    return n === 0;
  }

  /** An old relayed outbox row, and a purge job asked for through the outbox (relay → queue → worker). */
  async function askForPurge(): Promise<void> {
    const ds = t.app.get(DataSource);
    await ds.query(
      `INSERT INTO outbox (queue, job_name, payload, relayed_at) VALUES ('maintenance', 'outbox.purge', '{}', now() - interval '30 days')`,
    );
    await ds.transaction((m) =>
      t.app
        .get(OutboxService)
        .enqueue(m, JobName.OutboxPurge, { correlationId: 'test-purge', olderThanDays: 7 }),
    );
  }

  beforeAll(async () => {
    db = await TestDatabase.create('deps');
    const dbUrl = new URL(db.url);
    pgProxy = new TcpProxy(dbUrl.hostname, Number(dbUrl.port || 5432));
    const pgPort = await pgProxy.up();
    const redisPort = await redisProxy.up();
    dbUrl.host = `127.0.0.1:${pgPort}`;
    t = await startTestApp({
      db,
      label: 'deps',
      env: { DATABASE_URL: dbUrl.toString(), REDIS_URL: `redis://127.0.0.1:${redisPort}` },
    });
    await waitFor(async () => (await ready()).status === 200, 'ready');
  });
  afterAll(async () => {
    await t?.close();
    await redisProxy.down();
    await pgProxy?.down();
    await db?.drop();
  });

  it('runs outbox → relay → BullMQ → worker → handler end to end', async () => {
    await askForPurge();
    await waitFor(relayedAndPurged, 'old outbox row purged by the worker');
  });

  it('reports Redis down in readiness, and the worker picks up work again when Redis is back', async () => {
    await redisProxy.down();
    await waitFor(async () => (await ready()).status === 503, 'not ready');
    const res = await ready();
    expect(res.body.checks.redis.status).toBe('down');
    expect(res.body.checks.postgres.status).toBe('up');

    await askForPurge(); // written while Redis is away: kept in the outbox
    await redisProxy.up();
    await waitFor(async () => (await ready()).status === 200, 'ready again');
    await waitFor(relayedAndPurged, 'work done after Redis came back', 20_000);
  });

  it('reports Postgres down in readiness without crashing, and recovers', async () => {
    await pgProxy.down();
    await waitFor(async () => (await ready()).status === 503, 'not ready');
    const res = await ready();
    expect(res.body.checks.postgres.status).toBe('down');
    expect(res.headers['content-type']).toMatch(/json/);

    await pgProxy.up();
    await waitFor(async () => (await ready()).status === 200, 'ready again', 20_000);
    await request(t.url).get('/health/live').expect(200);
  });
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../src/core/config/config.service';
import { loadEnv } from '../../src/core/config/load-env';
import { dataSourceOptions } from '../../src/core/database/data-source-options';
import { OutboxRelay } from '../../src/core/queue/outbox.relay';
import { OutboxService } from '../../src/core/queue/outbox.service';
import { JobName, QueueName } from '../../src/core/queue/queue.contract';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { redisOptionsFromUrl } from '../../src/core/queue/redis-options';
import { deleteQueuePrefix, uniqueQueuePrefix } from '../helpers/redis-cleanup';
import { TcpProxy } from '../helpers/tcp-proxy';
import { TestDatabase } from '../helpers/test-database';
import { TEST_REDIS_URL } from '../helpers/test-env';
import { waitFor } from '../helpers/wait-for';

describe('outbox relay', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let prefix: string;
  let inspect: Queue;
  const outbox = new OutboxService();

  const configFor = (redisUrl = TEST_REDIS_URL) =>
    new ConfigService(loadEnv({ DATABASE_URL: db.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix }));

  async function writeRows(n: number, perTransaction = 50): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i += perTransaction) {
      await ds.transaction(async (m) => {
        for (let j = i; j < Math.min(n, i + perTransaction); j++) {
          ids.push(
            await outbox.enqueue(m, JobName.OutboxPurge, { correlationId: `c-${j}`, olderThanDays: j }),
          );
        }
      });
    }
    return ids;
  }

  async function jobIdsInRedis(): Promise<string[]> {
    const jobs = await inspect.getJobs([
      'waiting',
      'delayed',
      'active',
      'completed',
      'failed',
      'prioritized',
    ]);
    return jobs.map((j) => j.id!).sort();
  }

  async function unrelayed(): Promise<number> {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
    return n as number;
  }

  beforeEach(async () => {
    db = await TestDatabase.create('outbox');
    ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 4 })).initialize();
    prefix = uniqueQueuePrefix('outbox');
    inspect = new Queue(QueueName.Maintenance, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
  });

  afterEach(async () => {
    await inspect.close();
    await deleteQueuePrefix(prefix);
    await ds.destroy();
    await db.drop();
  });

  it('turns every committed row into one job whose id is the outbox id, and absorbs a second enqueue', async () => {
    const config = configFor();
    const queues = new QueueRegistry(config);
    const relay = new OutboxRelay(ds, queues, config);
    const ids = await writeRows(450);

    expect(await relay.drain()).toBe(450);
    expect(await jobIdsInRedis()).toEqual([...ids].sort());

    // As if the relay had crashed after enqueueing but before its commit: the rows come round again.
    await ds.query(`UPDATE outbox SET relayed_at = NULL WHERE seq % 3 = 0`);
    await relay.drain();
    expect(await jobIdsInRedis()).toEqual([...ids].sort());
    expect(await unrelayed()).toBe(0);
    const [job] = await inspect.getJobs(['waiting'], 0, 0);
    expect(Object.keys(job.data as object).sort()).toEqual(['correlationId', 'olderThanDays']);
    await queues.onApplicationShutdown();
  });

  it('delivers every row exactly once when the relay process is killed mid-batch', async () => {
    const ids = await writeRows(600, 100);
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'fixtures', 'relay-child.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          REDIS_URL: TEST_REDIS_URL,
          QUEUE_PREFIX: prefix,
          BATCH_SIZE: '50',
          KILL_AFTER_BATCHES: '3',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    expect({ ...exit, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });

    // The killed batch reached Redis but its rows were not marked: they are still due.
    expect(await jobIdsInRedis()).toHaveLength(150);
    expect(await unrelayed()).toBe(500);

    const config = configFor();
    const queues = new QueueRegistry(config);
    await new OutboxRelay(ds, queues, config).drain();
    expect(await jobIdsInRedis()).toEqual([...ids].sort());
    expect(await unrelayed()).toBe(0);
    await queues.onApplicationShutdown();
  });

  it('keeps the work in Postgres while Redis is down and relays it all when Redis is back', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(TEST_REDIS_URL).port || 6379));
    const port = await proxy.up();
    const config = configFor(`redis://127.0.0.1:${port}`);
    const queues = new QueueRegistry(config);
    const relay = new OutboxRelay(ds, queues, config);
    relay.options.pollMs = 100;
    await relay.start();
    try {
      const before = await writeRows(30);
      await waitFor(async () => (await unrelayed()) === 0, 'first rows relayed');

      await proxy.down();
      // Producers fail fast instead of hanging the request that enqueues.
      await expect(
        queues.add(JobName.OutboxPurge, { correlationId: 'x', olderThanDays: 1 }, 'direct-add'),
      ).rejects.toThrow();
      const during = await writeRows(200);
      await waitFor(
        async () =>
          (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE last_error IS NOT NULL`))[0].n > 0,
        'relay noticed Redis is down',
      );
      expect(await unrelayed()).toBe(200);

      await proxy.up();
      await waitFor(async () => (await unrelayed()) === 0, 'backlog relayed after Redis came back', 20_000);
      expect(await jobIdsInRedis()).toEqual([...before, ...during].sort());
    } finally {
      await relay.stop();
      await queues.onApplicationShutdown();
      await proxy.down();
    }
  });

  it('is woken by NOTIFY: a committed row is relayed without waiting for the poll', async () => {
    const config = configFor();
    const queues = new QueueRegistry(config);
    const relay = new OutboxRelay(ds, queues, config);
    relay.options.pollMs = 60_000; // only NOTIFY can wake it within the test
    await relay.start();
    try {
      await waitFor(async () => (await unrelayed()) === 0, 'idle');
      const [id] = await writeRows(1);
      await waitFor(async () => (await jobIdsInRedis()).includes(id), 'row relayed after NOTIFY', 5000);
    } finally {
      await relay.stop();
      await queues.onApplicationShutdown();
    }
  });
});

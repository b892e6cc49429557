import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../../src/core/queue/queue.contract';
import { SANDBOX_API_KEY, SANDBOX_TOKEN, SANDBOX_WEBHOOK_SECRET } from '../../src/sandbox/sandbox.defaults';
import { event, signedWebhook, wireComplaint } from '../helpers/lapor-wire';
import { spawnBridge, type SpawnedBridge } from '../helpers/spawn-bridge';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { TEST_REDIS_URL } from '../helpers/test-env';
import { freePort } from '../helpers/free-port';
import { waitFor } from '../helpers/wait-for';

const CASES = readFileSync(join(__dirname, '..', '..', 'config', 'data', 'routing-cases.dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { title: string; content: string });

const TOTAL = 1200;

/**
 * Issue 4, "Done when": with the worker killed (SIGKILL) in the middle of a routing backlog, every
 * complaint is still routed exactly once after the worker comes back.
 */
describe('routing survives a worker killed mid-batch', () => {
  let api: TestApp;
  let ds: DataSource;
  const workers: SpawnedBridge[] = [];

  let port = 0;
  const workerEnv = () => ({
    DATABASE_URL: api.db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: api.config.get('QUEUE_PREFIX'),
    ROLE: 'worker',
    WORKER_QUEUES: 'routing',
    JOB_LOCK_S: '2',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    LAPOR_BASE_URL: 'http://127.0.0.1:9',
    LAPOR_API_KEY: SANDBOX_API_KEY,
    LAPOR_TOKEN: SANDBOX_TOKEN,
  });
  const count = async (sql: string): Promise<number> => (await ds.query(sql))[0].n as number;
  const routed = () => count(`SELECT count(*)::int AS n FROM complaints WHERE status <> 'received'`);

  beforeAll(async () => {
    // The API alone: complaints are stored with their routing job in the outbox; nothing routes yet.
    api = await startTestApp({
      label: 'routecrash',
      env: {
        ROLE: 'api',
        LAPOR_BASE_URL: 'http://127.0.0.1:9',
        LAPOR_API_KEY: SANDBOX_API_KEY,
        LAPOR_TOKEN: SANDBOX_TOKEN,
        LAPOR_WEBHOOK_SECRETS: SANDBOX_WEBHOOK_SECRET,
      },
    });
    ds = api.app.get(DataSource);
    port = await freePort();
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await api?.close();
  });

  it('routes every complaint exactly once', async () => {
    const bodies = Array.from({ length: TOTAL }, (_, i) => {
      const c = CASES[i % CASES.length];
      return signedWebhook(
        SANDBOX_WEBHOOK_SECRET,
        event('complaint.dispositioned', wireComplaint({ title: c.title, content: c.content })),
      );
    });
    for (let i = 0; i < bodies.length; i += 25) {
      await Promise.all(
        bodies
          .slice(i, i + 25)
          .map((b) => request(api.url).post('/webhooks/lapor').set(b.headers).send(b.body).expect(202)),
      );
    }
    expect(await count(`SELECT count(*)::int AS n FROM complaints`)).toBe(TOTAL);
    expect(await routed()).toBe(0);

    // A worker starts on the backlog and is killed while it is part-way through.
    const first = spawnBridge(workerEnv());
    workers.push(first);
    await waitFor(
      async () => (await routed()) >= 50,
      () => `the first worker routed some complaints; its output:\n${first.output()}`,
      45_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const atKill = await routed();
    expect(atKill).toBeLessThan(TOTAL);

    // Its jobs (active, locked) and the rest of the outbox go to the next worker.
    const second = spawnBridge(workerEnv());
    workers.push(second);
    await waitFor(async () => (await routed()) === TOTAL, `all ${TOTAL} complaints routed`, 50_000);
    second.child.kill('SIGTERM');
    await second.exited;

    const perComplaint: { routed: number; n: number }[] = await ds.query(
      `SELECT routed::int, count(*)::int AS n FROM (
         SELECT c.id, count(e.id) FILTER (WHERE e.type = 'routed') AS routed
         FROM complaints c LEFT JOIN complaint_events e ON e.complaint_id = c.id GROUP BY c.id) x
       GROUP BY routed`,
    );
    expect(perComplaint).toEqual([{ routed: 1, n: TOTAL }]);
    // And each office was told once per complaint.
    expect(
      await count(
        `SELECT count(DISTINCT payload->>'dedupeKey')::int AS n FROM outbox WHERE job_name = 'notification.deliver'`,
      ),
    ).toBe(TOTAL);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'notification.deliver'`)).toBe(
      TOTAL,
    );
    // How many jobs the killed worker held (taken over by the second after JOB_LOCK_S): informative.
    const queue = new Queue(QueueName.Routing, {
      connection: { url: TEST_REDIS_URL },
      prefix: api.config.get('QUEUE_PREFIX'),
    });
    const jobs = await queue.getJobs(['completed'], 0, -1);
    await queue.close();
    const takenOver = jobs.filter((j) => j.stalledCounter > 0).length;
    process.stdout.write(
      `routing crash: ${atKill}/${TOTAL} routed when the worker was killed, ${takenOver} job(s) taken over; ` +
        `all ${TOTAL} routed once after the restart\n`,
    );
  }, 150_000);
});

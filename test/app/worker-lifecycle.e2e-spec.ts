import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobHandler, type JobHandlerFor } from '../../src/core/queue/job-handler.decorator';
import { OutboxRelay } from '../../src/core/queue/outbox.relay';
import { OutboxService } from '../../src/core/queue/outbox.service';
import { JobName, QueueName } from '../../src/core/queue/queue.contract';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { redisOptionsFromUrl } from '../../src/core/queue/redis-options';
import { WORKER_OPTIONS, WorkerHost } from '../../src/core/queue/worker.host';
import { MaintenanceScheduler } from '../../src/modules/maintenance/maintenance.scheduler';
import { OutboxPurgeHandler } from '../../src/modules/maintenance/outbox-purge.handler';
import { deleteQueuePrefix, uniqueQueuePrefix } from '../helpers/redis-cleanup';
import { startTestApp } from '../helpers/test-app';
import { TestDatabase } from '../helpers/test-database';
import { TEST_REDIS_URL } from '../helpers/test-env';
import { waitFor } from '../helpers/wait-for';

/** A purge handler that takes `delayMs` and counts its runs, to watch workers start, drain and stop. */
function countingHandler(delayMs: number) {
  @Injectable()
  @JobHandler(JobName.OutboxPurge)
  class CountingPurgeHandler implements JobHandlerFor<typeof JobName.OutboxPurge> {
    static started = 0;
    static finished = 0;
    async handle(): Promise<{ deleted: number }> {
      CountingPurgeHandler.started++;
      // unref: an abandoned run must not keep the test process alive after the test.
      await new Promise((r) => setTimeout(r, delayMs).unref());
      CountingPurgeHandler.finished++;
      return { deleted: 0 };
    }
  }
  return CountingPurgeHandler;
}

const inspectQueue = (prefix: string) =>
  new Queue(QueueName.Maintenance, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });

describe('worker lifecycle', () => {
  it('drains an active job on shutdown before closing', async () => {
    const prefix = uniqueQueuePrefix('drain');
    const Handler = countingHandler(1500);
    const t = await startTestApp({
      label: 'drain',
      env: { QUEUE_PREFIX: prefix },
      customize: (b) => b.overrideProvider(OutboxPurgeHandler).useClass(Handler),
    });
    const inspect = inspectQueue(prefix);
    try {
      await t.app
        .get(QueueRegistry)
        .add(JobName.OutboxPurge, { correlationId: 'drain', olderThanDays: 7 }, 'drain-1');
      await waitFor(() => Handler.started === 1, 'job started');
      expect(Handler.finished).toBe(0);

      await t.stop(); // what SIGTERM does: Nest's shutdown hooks

      expect(Handler.finished).toBe(1);
      expect(await (await inspect.getJob('drain-1'))?.getState()).toBe('completed');
    } finally {
      await inspect.close();
      await t.close();
    }
  });

  it('abandons a job still running at SHUTDOWN_TIMEOUT_S, and another worker completes it', async () => {
    const prefix = uniqueQueuePrefix('abandon');
    const db = await TestDatabase.create('abandon');
    const Slow = countingHandler(6000);
    const Fast = countingHandler(0);
    const shortLocks = { lockDuration: 1000, stalledInterval: 500 };
    const first = await startTestApp({
      db,
      label: 'abandon1',
      env: { QUEUE_PREFIX: prefix, SHUTDOWN_TIMEOUT_S: '1' },
      customize: (b) =>
        b
          .overrideProvider(OutboxPurgeHandler)
          .useClass(Slow)
          .overrideProvider(WORKER_OPTIONS)
          .useValue(shortLocks),
    });
    const inspect = inspectQueue(prefix);
    try {
      await first.app
        .get(QueueRegistry)
        .add(JobName.OutboxPurge, { correlationId: 'a', olderThanDays: 7 }, 'slow-1');
      await waitFor(() => Slow.started === 1, 'slow job started');
      await first.stop();
      expect(Slow.finished).toBe(0); // shutdown did not wait the whole 6 s

      const second = await startTestApp({
        db,
        label: 'abandon2',
        env: { QUEUE_PREFIX: prefix },
        customize: (b) =>
          b
            .overrideProvider(OutboxPurgeHandler)
            .useClass(Fast)
            .overrideProvider(WORKER_OPTIONS)
            .useValue(shortLocks),
      });
      try {
        await waitFor(
          async () => (await (await inspect.getJob('slow-1'))?.getState()) === 'completed',
          'job completed',
          20_000,
        );
        expect(Fast.finished).toBe(1);
      } finally {
        await second.stop();
      }
    } finally {
      await inspect.close();
      await deleteQueuePrefix(prefix);
      await db.drop();
    }
  });

  it('does not run a completed job again when its outbox row is relayed a second time', async () => {
    const prefix = uniqueQueuePrefix('again');
    const Handler = countingHandler(0);
    const t = await startTestApp({
      label: 'again',
      env: { QUEUE_PREFIX: prefix },
      customize: (b) => b.overrideProvider(OutboxPurgeHandler).useClass(Handler),
    });
    try {
      const ds = t.app.get(DataSource);
      await ds.transaction((m) =>
        t.app
          .get(OutboxService)
          .enqueue(m, JobName.OutboxPurge, { correlationId: 'again', olderThanDays: 7 }),
      );
      await waitFor(() => Handler.finished === 1, 'job ran once');
      // As if a relay had crashed after enqueueing and before its commit, long after the job completed.
      await ds.query(`UPDATE outbox SET relayed_at = NULL`);
      await t.app.get(OutboxRelay).drain();
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
      expect(n).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(Handler.started).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('schedules the daily outbox purge under a lease, once per day', async () => {
    const prefix = uniqueQueuePrefix('sched');
    const t = await startTestApp({ label: 'sched', env: { QUEUE_PREFIX: prefix, ROLE: 'api' } });
    const inspect = inspectQueue(prefix);
    try {
      const scheduler = t.app.get(MaintenanceScheduler);
      const day = new Date('2026-11-23T03:00:00Z');
      expect(await scheduler.tick(day)).toBe(true);
      expect(await scheduler.tick(day)).toBe(true);
      const jobs = await inspect.getJobs(['waiting', 'active', 'completed']);
      expect(jobs.map((j) => j.id)).toEqual(['outbox.purge-2026-11-23']);
    } finally {
      await inspect.close();
      await t.close();
    }
  });

  it('refuses to start a worker whose queue has a job without a handler', async () => {
    await expect(
      startTestApp({
        label: 'nohandler',
        customize: (b) =>
          b.overrideProvider(OutboxPurgeHandler).useValue({ handle: () => Promise.resolve() }),
      }),
    ).rejects.toThrow(/Queue "maintenance" has job\(s\) without a handler: outbox\.purge/);
  });

  it('ROLE=api consumes nothing and writes no heartbeat; ROLE=worker serves no API routes', async () => {
    const api = await startTestApp({ label: 'apionly', env: { ROLE: 'api' } });
    try {
      expect(api.app.get(WorkerHost).consumedQueues).toEqual([]);
      const rows = await api.app.get(DataSource).query(`SELECT * FROM worker_heartbeats`);
      expect(rows).toEqual([]);
      await request(api.url).get('/api/v1/auth/whoami').expect(401); // the route exists
    } finally {
      await api.close();
    }
    const worker = await startTestApp({ label: 'workeronly', env: { ROLE: 'worker' } });
    try {
      expect(worker.app.get(WorkerHost).consumedQueues).toEqual([
        'intake',
        'routing',
        'sync',
        'notify',
        'maintenance',
      ]);
      await request(worker.url).get('/api/v1/auth/whoami').expect(404);
      await request(worker.url).get('/health/live').expect(200);
      const rows = await worker.app.get(DataSource).query(`SELECT queues FROM worker_heartbeats`);
      expect(rows).toHaveLength(1);
    } finally {
      await worker.stop();
      // Shutdown removes the heartbeat while the database is still open.
      const pg = new Client({ connectionString: worker.db.url });
      await pg.connect();
      const { rows } = await pg.query(`SELECT * FROM worker_heartbeats`);
      await pg.end();
      expect(rows).toEqual([]);
      await worker.close();
    }
  });
});

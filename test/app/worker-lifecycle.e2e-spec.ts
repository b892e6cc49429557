import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandler, type JobHandlerFor } from '../../src/core/queue/job-handler.decorator';
import { JobName, QueueName } from '../../src/core/queue/queue.contract';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { redisOptionsFromUrl } from '../../src/core/queue/redis-options';
import { OutboxPurgeHandler } from '../../src/modules/maintenance/outbox-purge.handler';
import { uniqueQueuePrefix } from '../helpers/redis-cleanup';
import { startTestApp } from '../helpers/test-app';
import { TEST_REDIS_URL } from '../helpers/test-env';
import { waitFor } from '../helpers/wait-for';

/** A purge handler that takes its time, to watch shutdown wait for it. */
@Injectable()
@JobHandler(JobName.OutboxPurge)
class SlowPurgeHandler implements JobHandlerFor<typeof JobName.OutboxPurge> {
  static started = 0;
  static finished = 0;
  async handle(): Promise<{ deleted: number }> {
    SlowPurgeHandler.started++;
    await new Promise((r) => setTimeout(r, 1500));
    SlowPurgeHandler.finished++;
    return { deleted: 0 };
  }
}

describe('worker lifecycle', () => {
  it('drains an active job on shutdown before closing', async () => {
    const prefix = uniqueQueuePrefix('drain');
    const t = await startTestApp({
      label: 'drain',
      env: { QUEUE_PREFIX: prefix },
      customize: (b) => b.overrideProvider(OutboxPurgeHandler).useClass(SlowPurgeHandler),
    });
    const inspect = new Queue(QueueName.Maintenance, {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix,
    });
    try {
      await t.app
        .get(QueueRegistry)
        .add(JobName.OutboxPurge, { correlationId: 'drain', olderThanDays: 7 }, 'drain-1');
      await waitFor(() => SlowPurgeHandler.started === 1, 'job started');
      expect(SlowPurgeHandler.finished).toBe(0);

      await t.stop(); // what SIGTERM does: Nest's shutdown hooks

      expect(SlowPurgeHandler.finished).toBe(1);
      expect(await (await inspect.getJob('drain-1'))?.getState()).toBe('completed');
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

  it('starts an API-only process without consumers (ROLE=api)', async () => {
    const t = await startTestApp({
      label: 'apionly',
      env: { ROLE: 'api' },
      customize: (b) => b.overrideProvider(OutboxPurgeHandler).useValue({}),
    });
    await t.close();
  });
});

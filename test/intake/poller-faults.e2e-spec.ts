import { PollScheduler } from '../../src/modules/intake/poll.scheduler';
import type { SandboxServer } from '../../src/sandbox/sandbox.server';
import { uniqueQueuePrefix } from '../helpers/redis-cleanup';
import type { TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait-for';
import {
  control,
  intakeQueries,
  pollOnce,
  startIntakeApp,
  startSandbox,
  waitForRunEnd,
} from './poller.helper';

/**
 * The poller when LAPOR! misbehaves and when replicas race: nothing missed, nothing twice. Faults
 * come from the sandbox's control API; job retries are shortened (poller.helper.ts FAST_POLL).
 */
describe('LAPOR! inbox poller under faults', () => {
  let sandbox: SandboxServer;
  let url: string;
  let lapor: ReturnType<typeof control>;
  let a: TestApp;
  let b: TestApp;
  let q: ReturnType<typeof intakeQueries>;

  beforeAll(async () => {
    ({ sandbox, url } = await startSandbox());
    lapor = control(url);
    // Two replicas on one database and one queue prefix, as in production.
    const prefix = uniqueQueuePrefix('poll-race');
    a = await startIntakeApp(url, { label: 'poll_faults', env: { QUEUE_PREFIX: prefix } });
    // b enqueues page jobs with only two attempts, to see a run outlast its retries.
    b = await startIntakeApp(url, {
      label: 'poll_faults_b',
      db: a.db,
      env: { QUEUE_PREFIX: prefix },
      poll: { pageAttempts: 2 },
    });
    q = intakeQueries(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await sandbox?.stop();
  });
  afterEach(() => lapor.clearFaults());

  const exactlyOnce = async (ids: string[]) => {
    const stored = await q.complaints(ids);
    expect(stored.map((c) => c.lapor_id).sort()).toEqual([...ids].sort());
    const received = (await q.events(ids)).filter((e) => e.type === 'received');
    expect(received.map((e) => e.lapor_id).sort()).toEqual([...ids].sort());
  };

  it('starts one run when two replicas tick at the same moment', async () => {
    const ids = await lapor.create(Array.from({ length: 5 }, (_, i) => ({ title: `Balapan ${i}` })));
    const pollers = [a.app.get(PollScheduler), b.app.get(PollScheduler)];
    const runs = (await Promise.all([...pollers, ...pollers].map((p) => p.tick()))).filter((r) => r !== null);
    expect(runs).toHaveLength(1);
    await waitForRunEnd(a, runs[0], 'inbox');
    await exactlyOnce(ids);
    // Each item was delivered once by that one run: no second run read it.
    expect((await q.deliveries(ids)).filter((d) => d.source === 'poll')).toHaveLength(5);
  });

  it('catches up with nothing missed after 5xx, 429 with Retry-After and timeouts', async () => {
    const before = (await q.cursor())!.cursor_at;
    const ids = await lapor.create(Array.from({ length: 7 }, (_, i) => ({ title: `Saat gangguan ${i}` })));
    await lapor.fault({ kind: 'status', status: 503, path: '/complaints/inbox', times: 5 });
    await lapor.fault({ kind: 'rate_limit', retryAfterS: 1, path: '/complaints/inbox', times: 2 });
    await lapor.fault({ kind: 'timeout', path: '/complaints/inbox', times: 2 });
    const run = await a.app.get(PollScheduler).tick();
    expect(run).not.toBeNull();
    // While LAPOR! fails the run stays open and says why.
    await waitFor(async () => !!(await q.cursor())?.last_error, 'the failure recorded on the cursor');
    expect((await q.cursor())!.run_id).toBe(run!.runId);

    await waitForRunEnd(a, run!, 'inbox', 45_000);
    expect((await lapor.faults()).every((f) => f.remaining === 0)).toBe(true);
    const cursor = (await q.cursor())!;
    expect(cursor.last_success_at!.getTime()).toBeGreaterThan(Date.now() - 45_000);
    expect(cursor.cursor_at.getTime()).toBeGreaterThan(before.getTime());
    await exactlyOnce(ids);
  }, 60_000);

  it('ends a run whose page failed every attempt, and the next tick reads the same window again', async () => {
    const before = (await q.cursor())!.cursor_at;
    const ids = await lapor.create([{ title: 'Gangguan panjang' }]);
    // Two job attempts of two calls each: four failures exhaust the run's retries.
    await lapor.fault({ kind: 'status', status: 502, path: '/complaints/inbox', times: 4 });
    const failed = await b.app.get(PollScheduler).tick();
    await waitForRunEnd(a, failed!, 'inbox');
    const cursor = (await q.cursor())!;
    expect(cursor.cursor_at).toEqual(before);
    expect(cursor.last_error).toMatch(/^LAPOR_UNAVAILABLE/);
    expect(await q.complaints(ids)).toEqual([]);

    await pollOnce(a);
    await exactlyOnce(ids);
  });

  it('ends the run on a permanent error without moving the cursor, and the next tick reads the window again', async () => {
    const before = (await q.cursor())!.cursor_at;
    const ids = await lapor.create([{ title: 'Setelah 401' }]);
    await lapor.fault({ kind: 'status', status: 401, path: '/complaints/inbox', times: 1 });
    const failed = await a.app.get(PollScheduler).tick();
    await waitForRunEnd(a, failed!, 'inbox');
    const cursor = (await q.cursor())!;
    expect(cursor.cursor_at).toEqual(before);
    expect(cursor.last_error).toMatch(/^LAPOR_AUTH/);
    expect(await q.complaints(ids)).toEqual([]);

    await pollOnce(a);
    await exactlyOnce(ids);
  });
});

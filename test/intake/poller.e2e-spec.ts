import { JobName, QueueName } from '../../src/core/queue/queue.contract';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { pollPageJobId } from '../../src/modules/intake/poll.options';
import { PollScheduler } from '../../src/modules/intake/poll.scheduler';
import type { SandboxServer } from '../../src/sandbox/sandbox.server';
import type { TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait-for';
import {
  control,
  intakeQueries,
  pollOnce,
  refresher,
  startIntakeApp,
  startSandbox,
  waitForRunEnd,
} from './poller.helper';

/**
 * The LAPOR! inbox poller end to end: the real app (API, worker, outbox relay, routing) against the
 * sandbox over HTTP. Runs are started with tick() rather than waiting for POLL_INTERVAL_S.
 */
describe('LAPOR! inbox poller', () => {
  let sandbox: SandboxServer;
  let lapor: ReturnType<typeof control>;
  let t: TestApp;
  let q: ReturnType<typeof intakeQueries>;

  beforeAll(async () => {
    const s = await startSandbox();
    sandbox = s.sandbox;
    lapor = control(s.url);
    t = await startIntakeApp(s.url, { label: 'poller' });
    q = intakeQueries(t);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });
  afterEach(() => lapor.clearFaults());

  /** The follow-up read a poll asks for after creating a complaint (a `reconcile` delivery). */
  const followUpsRead = (ids: string[]) =>
    waitFor(
      async () => (await q.deliveries(ids)).filter((d) => d.source === 'reconcile').length >= ids.length,
      `follow-ups of ${ids.join(',')} read`,
    );
  const routed = (ids: string[]) =>
    waitFor(
      async () => (await q.complaints(ids)).every((c) => c.status === 'triage' || c.status === 'assigned'),
      `complaints ${ids.join(',')} routed`,
    );

  it('brings a complaint created in LAPOR! in with one poll run, routes it, and moves the cursor', async () => {
    const [id] = await lapor.create([
      { title: 'Paspor hilang di Osaka', content: 'Mohon bantuan penggantian paspor.' },
    ]);
    const run = await pollOnce(t);
    await routed([id]);
    await followUpsRead([id]);
    const [c] = await q.complaints([id]);
    expect(c).toMatchObject({ lapor_id: id, imported: false, quarantine_reason: null });
    expect((await q.events([id])).map((e) => e.type)).toEqual(['received', 'routed']);
    // The poll created it; the detail and follow-ups read right after agree with it.
    expect(await q.deliveries([id])).toEqual([
      expect.objectContaining({
        source: 'poll',
        outcome: 'created',
        delivery_key: expect.stringMatching(`^${id}@`),
      }),
      expect.objectContaining({ source: 'reconcile', outcome: 'unchanged' }),
    ]);
    const cursor = (await q.cursor())!;
    expect(cursor.run_id).toBeNull();
    expect(cursor.last_success_at).not.toBeNull();
    // The cursor moved to the run's start; the run read from 24 h back (first run ever) minus the overlap.
    expect(Date.now() - cursor.cursor_at.getTime()).toBeLessThan(30_000);
    expect(Date.now() - run.from.getTime()).toBeGreaterThan(24 * 3600_000);
  });

  it('reads every page of a run (keyset paging over pages of 3)', async () => {
    const ids = await lapor.create(
      Array.from({ length: 8 }, (_, i) => ({ title: `Keluhan visa nomor ${i}` })),
    );
    await pollOnce(t);
    expect(await q.complaints(ids)).toHaveLength(8);
    expect(sandbox.requests.list({ path: '/complaints/inbox' }).length).toBeGreaterThanOrEqual(3);
  });

  it('sees the same items again in the overlap of the next run, and adds no event or delivery for them', async () => {
    const ids = await lapor.create([{ title: 'Legalisasi ijazah' }, { title: 'SPLP untuk pulang' }]);
    await pollOnce(t);
    await routed(ids);
    await followUpsRead(ids);
    const events = await q.events(ids);
    const deliveries = await q.deliveries(ids);
    const seenBefore = Number((await q.cursor())!.items_seen);

    await pollOnce(t); // the window starts two intervals before the cursor: both items again
    expect(Number((await q.cursor())!.items_seen)).toBeGreaterThanOrEqual(seenBefore + 2);
    expect(await q.events(ids)).toEqual(events);
    expect(await q.deliveries(ids)).toEqual(deliveries);
  });

  it('records a status change once, and reads a reporter reply the next poll reveals', async () => {
    const [id] = await lapor.create([{ title: 'Visa ditolak tanpa alasan' }]);
    await pollOnce(t);
    await routed([id]);
    await followUpsRead([id]);
    await lapor.patch(id, { status_code: 'done' });
    await lapor.reply(id, 'Terima kasih, sudah selesai.');
    await pollOnce(t);
    await waitFor(
      async () => (await q.events([id])).some((e) => e.type === 'followup_received'),
      'the reply read through the follow-ups',
    );
    await pollOnce(t);
    const types = (await q.events([id])).map((e) => e.type);
    expect(types.filter((e) => e === 'upstream_updated')).toHaveLength(1);
    expect(types.filter((e) => e === 'followup_received')).toHaveLength(1);
  });

  it('ingests the good items of a page with a poisoned one and records the bad one as rejected', async () => {
    const ids = await lapor.create([
      { title: 'Paspor rusak' },
      { title: 'Lampiran aneh', attachments: [{ name: 'klik.html', url: 'javascript:alert(1)' }] },
      { title: 'Kartu Peduli WNI' },
    ]);
    await pollOnce(t);
    const stored = await q.complaints(ids);
    expect(stored.map((c) => c.lapor_id)).toEqual([ids[0], ids[2]].sort());
    expect(await q.deliveries([ids[1]])).toEqual([
      expect.objectContaining({
        source: 'poll',
        outcome: 'rejected',
        detail: 'attachments[0].url: expected an http(s) URL',
      }),
    ]);
    // The run still finished: the cursor moved past the page.
    expect((await q.cursor())!.run_id).toBeNull();
    // Seen again by the overlap of the next run, the bad item is not recorded twice.
    await pollOnce(t);
    expect(await q.deliveries([ids[1]])).toHaveLength(1);
  });

  it('starts no second run while one is in progress, and replaces a run that looks dead', async () => {
    const poller = t.app.get(PollScheduler);
    const intake = t.app.get(QueueRegistry).queue(QueueName.Intake);
    const now = new Date();
    // A run started two minutes ago by another replica, still going: its sixth page waits in Redis
    // (delayed, as a page retrying through a LAPOR! outage would), its first five done and evicted.
    await q.ds.query(
      `INSERT INTO poll_cursors (name, cursor_at, run_id, run_started_at, run_seq) VALUES ('inbox', $1, 'inbox-alive', $2, 5)
       ON CONFLICT (name) DO UPDATE SET run_id = 'inbox-alive', run_started_at = $2, run_seq = 5`,
      [new Date(now.getTime() - 3600_000), new Date(now.getTime() - 120_000)],
    );
    const page = {
      correlationId: 'poller-test',
      cursor: 'inbox' as const,
      runId: 'inbox-alive',
      from: new Date(now.getTime() - 3600_000).toISOString(),
      page: 1,
      startedAt: new Date(now.getTime() - 120_000).toISOString(),
      seq: 5,
      seen: 15,
    };
    await intake.add(JobName.IntakePollPage, page, {
      jobId: pollPageJobId('inbox-alive', 5),
      delay: 3600_000,
    });
    expect(await poller.tick(now)).toBeNull();
    // Its replica died 16 minutes ago (more than the 15 of staleRunMs): the next tick takes over.
    await q.ds.query(`UPDATE poll_cursors SET run_started_at = $1 WHERE name = 'inbox'`, [
      new Date(now.getTime() - 16 * 60_000),
    ]);
    const run = await poller.tick(now);
    expect(run?.runId).toMatch(/^inbox-/);
    await waitForRunEnd(t, run!, 'inbox');
    const cursor = (await q.cursor())!;
    expect(cursor.run_id).toBeNull();
    expect(cursor.cursor_at).toEqual(now);
    await intake.remove(pollPageJobId('inbox-alive', 5));
  });

  it('replaces at once a run whose page jobs were lost with Redis, without waiting 15 minutes', async () => {
    const poller = t.app.get(PollScheduler);
    const [id] = await lapor.create([{ title: 'Behind a lost run' }]);
    const now = new Date();
    // A run claimed 10 s ago whose jobs are nowhere in Redis: too young to judge, left alone.
    await q.ds.query(
      `UPDATE poll_cursors SET run_id = 'inbox-lost', run_started_at = $1 WHERE name = 'inbox'`,
      [new Date(now.getTime() - 10_000)],
    );
    expect(await poller.tick(now)).toBeNull();
    // Two minutes on (past orphanCheckMs, 20 s), still no page of it anywhere: lost, so the next tick starts over from the cursor.
    await q.ds.query(`UPDATE poll_cursors SET run_started_at = $1 WHERE name = 'inbox'`, [
      new Date(now.getTime() - 120_000),
    ]);
    const run = await poller.tick(now);
    expect(run?.runId).toMatch(/^inbox-/);
    await waitForRunEnd(t, run!, 'inbox');
    expect(await q.complaints([id])).toHaveLength(1);
  });

  it('runs the nightly re-scan over the last 24 h once a day', async () => {
    const poller = t.app.get(PollScheduler);
    const [id] = await lapor.create([{ title: 'Rescan me' }]);
    const now = new Date();
    const run = await poller.rescanTick(now);
    expect(run).not.toBeNull();
    expect(now.getTime() - run!.from.getTime()).toBe(24 * 3600_000);
    await waitForRunEnd(t, run!, 'rescan');
    expect(await q.complaints([id])).toHaveLength(1);
    expect((await q.cursor('rescan'))!.last_success_at).not.toBeNull();
    expect(await poller.rescanTick(now)).toBeNull(); // done for today
    const tomorrow = await poller.rescanTick(new Date(now.getTime() + 24 * 3600_000));
    expect(tomorrow).not.toBeNull();
    await waitForRunEnd(t, tomorrow!, 'rescan');
  });

  it('re-reads open complaints on the refresh cadence, oldest check first, never closed ones', async () => {
    const ids = await lapor.create([{ title: 'Open one' }, { title: 'Closed one' }]);
    await pollOnce(t);
    await routed(ids);
    await followUpsRead(ids);
    await q.ds.query(`UPDATE complaints SET status = 'closed' WHERE lapor_id = $1`, [ids[1]]);
    await q.ds.query(
      `UPDATE complaints SET upstream_checked_at = now() - interval '30 days' WHERE lapor_id = ANY($1)`,
      [ids],
    );
    // A reply that does not move updated_at is invisible to the inbox: only the refresh finds it.
    await lapor.call('POST', `/complaints/${ids[0]}/followups`, {
      content: 'Mohon kabarnya',
      created_at: '2026-01-01T00:00:00Z',
    });
    const picked = await refresher(t).tick();
    expect(picked).toContain(ids[0]);
    expect(picked).not.toContain(ids[1]);
    await waitFor(
      async () => (await q.events([ids[0]])).some((e) => e.type === 'followup_received'),
      'the refresh read the reply',
    );
    // Stamped when enqueued, so the next ticks take the complaints checked longest ago first.
    const [{ checked }] = await q.ds.query(
      `SELECT upstream_checked_at AS checked FROM complaints WHERE lapor_id = $1`,
      [ids[0]],
    );
    expect(Date.now() - (checked as Date).getTime()).toBeLessThan(60_000);
  });
});

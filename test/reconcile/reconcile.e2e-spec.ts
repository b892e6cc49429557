import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReconcileModule } from '../../src/modules/reconcile/reconcile.module';
import { DEFAULT_RECONCILE_OPTIONS } from '../../src/modules/reconcile/reconcile.options';
import { ReconcileScheduler } from '../../src/modules/reconcile/reconcile.scheduler';
import { ReconcileService, type RunOutcome } from '../../src/modules/reconcile/reconcile.service';
import { NOT_UPSTREAM_CODE, SyncRepairService } from '../../src/modules/sync/sync-repair.service';
import { runCli } from '../helpers/run-cli';
import { waitFor } from '../helpers/wait-for';
import { control, laporEnv } from '../intake/poller.helper';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';

/**
 * Issue 6, the reconciler: drift made behind the bridge's back (in the sandbox, or in the database
 * as a bug or a lost write would) is found by a run, recorded for the sync status, and repaired by
 * re-enqueued jobs that the real workers run. Runs are driven by run() and tick(), not by waiting
 * for RECONCILE_INTERVAL_S.
 */

/** The instant a run judges by: past the grace period, so what the test just changed counts as settled. */
const settled = () => new Date(Date.now() + DEFAULT_RECONCILE_OPTIONS.graceMs + 60_000);

/** A reporter whose identity must never reach a drift row. */
const reporter = { name: 'Siti Rahmawati', email: 'siti.r@example.id', phone: '+62 812-0000-4411' };

interface DriftRow {
  lapor_id: string;
  complaint_id: string | null;
  mission_code: string | null;
  kind: string;
  subject: string;
  detail: Record<string, unknown>;
  repair: string | null;
  repairs: number;
  resolved_at: Date | null;
}

describe('reconciler: drift between the bridge and LAPOR!, found, reported and repaired', () => {
  let bed: WorkflowBed;
  let ds: DataSource;
  let reconcile: ReconcileService;
  let lapor: ReturnType<typeof control>;
  /** The three drifts of the first test, by kind. */
  const made = {
    missingLaporId: '',
    finished: { id: '', laporId: '' },
    lost: { complaintId: '', laporId: '', itemId: '', marker: '' },
  };

  beforeAll(async () => {
    // ReconcileModule is loaded besides AppModule until AppModule imports it (a repeat is harmless).
    bed = await startWorkflowBed('reconcile', {}, { imports: [ReconcileModule] });
    ds = bed.t.app.get(DataSource);
    reconcile = bed.t.app.get(ReconcileService);
    lapor = control(bed.laporUrl);
  });
  afterAll(async () => {
    await bed?.close();
  });
  afterEach(() => lapor.clearFaults());

  const drift = (open = true) =>
    ds.query<DriftRow[]>(
      `SELECT lapor_id, complaint_id, mission_code, kind, subject, detail, repair, repairs, resolved_at
       FROM sync_drift ${open ? 'WHERE resolved_at IS NULL' : ''} ORDER BY kind, lapor_id`,
    );
  const complaint = async (laporId: string) =>
    (
      await ds.query<{ id: string; status: string; lapor_status_name: string | null }[]>(
        `SELECT id, status, lapor_status_name FROM complaints WHERE lapor_id = $1`,
        [laporId],
      )
    )[0];
  const ran = (r: RunOutcome) => {
    if (r.outcome !== 'ran') throw new Error(`the run did not run: ${r.outcome}`);
    return r;
  };

  it('finds a complaint never polled, one LAPOR! finished, and a confirmed follow-up LAPOR! does not show; repairs each', async () => {
    // Polled in and routed: (b) and (c) below. Nothing is polled after this.
    const [finished, answered] = await bed.intake([
      osakaComplaint({ reporter }),
      osakaComplaint({ reporter }),
    ]);
    // (a) Created in LAPOR!, never polled in.
    [made.missingLaporId] = await lapor.create([osakaComplaint({ title: 'Paspor anak', reporter })]);
    // (b) LAPOR! finishes it, and the bridge is not told.
    made.finished = { id: finished.id, laporId: finished.laporId };
    await lapor.patch(finished.laporId, { status_code: 'done' });
    // (c) A public follow-up the bridge believes delivered (confirmed) whose marker LAPOR! never got.
    const marker = `lb-${randomBytes(8).toString('hex')}`;
    const [{ id: followUpId }] = await ds.query<{ id: string }[]>(
      `INSERT INTO follow_ups (complaint_id, origin, author_type, visibility, kind, content, actor, marker, posted_at)
       VALUES ($1, 'bridge', 'institution', 'public', 'followup', 'Silakan datang ke KJRI Osaka dengan laporan polisi.',
               'token:test', $2, now() - interval '1 hour')
       RETURNING id`,
      [answered.id, marker],
    );
    const [{ id: itemId }] = await ds.query<{ id: string }[]>(
      `INSERT INTO sync_items (complaint_id, seq, kind, follow_up_id, marker, status, attempts, confirmed_at,
                               give_up_at, created_at, next_attempt_at)
       VALUES ($1, 1, 'followup', $2, $3, 'confirmed', 1, now() - interval '1 hour',
               now() + interval '71 hours', now() - interval '1 hour', now() - interval '1 hour')
       RETURNING id`,
      [answered.id, followUpId, marker],
    );
    made.lost = { complaintId: answered.id, laporId: answered.laporId, itemId, marker };

    const run = ran(await reconcile.run(settled()));
    expect(run).toMatchObject({
      ok: true,
      error: null,
      errors: 0,
      checked: 2,
      inboxSeen: 3,
      found: 3,
      repaired: 3,
    });

    const rows = await drift();
    expect(rows.map((r) => [r.kind, r.lapor_id, r.complaint_id, r.subject, r.repair])).toEqual([
      ['followup_not_upstream', answered.laporId, answered.id, itemId, 'sync.complaint'],
      ['missing_locally', made.missingLaporId, null, '', 'intake.fetch-complaint'],
      ['status_mismatch', finished.laporId, finished.id, '', 'intake.fetch-complaint'],
    ]);
    expect(rows.find((r) => r.kind === 'status_mismatch')!.detail).toMatchObject({
      localStatus: 'assigned',
      upstreamStatus: 'Selesai',
      upstreamMeaning: 'finished',
    });
    expect(rows.find((r) => r.kind === 'followup_not_upstream')!.detail).toMatchObject({
      syncItemId: itemId,
      marker,
    });
    // Ids and status names only: never the reporter or the complaint's words.
    const stored = JSON.stringify(rows);
    for (const secret of [reporter.name, reporter.email, reporter.phone, 'Paspor', 'Osaka', 'Umeda'])
      expect(stored).not.toContain(secret);

    // What GET /api/v1/sync/status shows.
    const summary = await reconcile.summary();
    expect(summary.lastRun).toMatchObject({
      ok: true,
      checked: 2,
      errors: 0,
      finishedAt: expect.any(String),
    });
    expect(summary.drift).toMatchObject({
      open: 3,
      byKind: { missing_locally: 1, status_mismatch: 1, followup_not_upstream: 1 },
      byMission: { osaka: 2 },
    });

    // The repairs, by the real workers. (a) ingested by the normal path, and routed:
    await waitFor(
      async () =>
        !!(await complaint(made.missingLaporId)) &&
        (await complaint(made.missingLaporId)).status !== 'received',
      'the missing complaint ingested and routed',
    );
    // (b) closed, as LAPOR! finished it:
    await waitFor(
      async () => (await complaint(finished.laporId)).status === 'closed',
      'the finished complaint closed',
    );
    expect((await complaint(finished.laporId)).lapor_status_name).toBe('Selesai');
    // (c) back in the queue (below, in detail), looked for upstream first, then sent: LAPOR! shows it
    // exactly once.
    const upstreamWithMarker = async () =>
      (
        (await lapor.call('GET', `/followups?complaint_id=${answered.laporId}`)).data as { content: string }[]
      ).filter((f) => f.content.includes(marker)).length;
    await waitFor(
      async () =>
        (await upstreamWithMarker()) === 1 &&
        (await ds.query(`SELECT status FROM sync_items WHERE id = $1`, [itemId]))[0].status === 'confirmed',
      'the follow-up re-sent and confirmed',
      20_000,
    );
  });

  it('puts a follow-up back in its queue so the sender looks before it sends, with its job, in one transaction', async () => {
    // The repair itself, frozen inside its transaction (the sender would otherwise take the item at once).
    const { complaintId, itemId } = made.lost;
    const repair = bed.t.app.get(SyncRepairService);
    const rollback = new Error('rollback');
    await expect(
      ds.transaction(async (m) => {
        await m.query(
          `UPDATE sync_items SET give_up_at = now() - interval '1 hour', next_attempt_at = now() + interval '1 day'
           WHERE id = $1`,
          [itemId],
        );
        const before = (await m.query(`SELECT max(seq) AS seq FROM outbox`))[0].seq as string;
        expect(await repair.requeue(m, itemId)).toBe(true);
        const [item] = await m.query(
          `SELECT status, maybe_sent, confirmed_at, lapor_ref, last_error_code,
                  next_attempt_at <= now() AS due, give_up_at > now() + interval '71 hours' AS fresh_retry_period
           FROM sync_items WHERE id = $1`,
          [itemId],
        );
        expect(item).toEqual({
          status: 'pending',
          maybe_sent: true,
          confirmed_at: null,
          lapor_ref: null,
          last_error_code: NOT_UPSTREAM_CODE,
          due: true,
          fresh_retry_period: true,
        });
        const jobs = await m.query(`SELECT queue, job_name, payload FROM outbox WHERE seq > $1`, [before]);
        expect(jobs).toEqual([
          { queue: 'sync', job_name: 'sync.complaint', payload: expect.objectContaining({ complaintId }) },
        ]);
        // Only a confirmed item is put back: a second repair changes nothing and queues nothing.
        expect(await repair.requeue(m, itemId)).toBe(false);
        expect(await m.query(`SELECT 1 FROM outbox WHERE seq > $1`, [before])).toHaveLength(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('a second run finds nothing new and resolves what was repaired; a third changes nothing', async () => {
    const second = ran(await reconcile.run(settled()));
    expect(second).toMatchObject({ ok: true, errors: 0, found: 0, repaired: 0, resolved: 3 });
    expect(await drift()).toEqual([]);
    const all = await drift(false);
    expect(all.every((r) => r.resolved_at !== null && r.repairs === 1)).toBe(true);
    expect((await reconcile.summary()).drift).toEqual({
      open: 0,
      byKind: { missing_locally: 0, status_mismatch: 0, followup_not_upstream: 0 },
      byMission: {},
    });

    const third = ran(await reconcile.run(settled()));
    expect(third).toMatchObject({ ok: true, found: 0, repaired: 0, resolved: 0 });
    // The follow-up was re-sent once, never twice.
    const upstream = (await lapor.call('GET', `/followups?complaint_id=${made.lost.laporId}`)).data as {
      content: string;
    }[];
    expect(upstream.filter((f) => f.content.includes(made.lost.marker))).toHaveLength(1);
  });

  it('keeps one open row per drift while it lasts: later runs update it instead of adding another', async () => {
    // LAPOR! shows the complaint it finished (closed here) in process again: the re-read stores
    // LAPOR!'s status, but nothing reopens a closed complaint — a person must look.
    await lapor.patch(made.finished.laporId, { status_code: 'process' });
    const first = ran(await reconcile.run(settled()));
    expect(first).toMatchObject({ found: 1, repaired: 1 });
    await waitFor(
      async () => (await complaint(made.finished.laporId)).lapor_status_name === 'Dalam Proses',
      "LAPOR!'s status stored by the re-read",
      // Outbox relay → intake worker → LAPOR!: seconds on a quiet machine, more beside the browser tests.
      30_000,
    );
    for (let i = 0; i < 2; i++) {
      const again = ran(await reconcile.run(settled()));
      expect(again).toMatchObject({ found: 0, repaired: 0, resolved: 0 });
    }
    const rows = await drift();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      lapor_id: made.finished.laporId,
      kind: 'status_mismatch',
      repair: 'intake.fetch-complaint',
      repairs: 1,
    });
    expect(rows[0].detail).toMatchObject({ localStatus: 'closed', upstreamStatus: 'Dalam Proses' });
    expect((await complaint(made.finished.laporId)).status).toBe('closed');
  });

  it('runs never overlap: concurrent ticks queue one run, which a worker runs; concurrent runs run once', async () => {
    const scheduler = bed.t.app.get(ReconcileScheduler);
    // Due: nearly an interval (RECONCILE_INTERVAL_S, 3600 s) after every run so far, the slack of
    // replicas' timers included; and a run queued now is not yet old enough to be taken for dead.
    const later = new Date(Date.now() + 57 * 60_000);
    const queued = (await Promise.all([1, 2, 3].map(() => scheduler.tick(later)))).filter(
      (id) => id !== null,
    );
    expect(queued).toHaveLength(1);
    // Queued or running: no second one.
    expect(await scheduler.tick(later)).toBeNull();
    const runRow = async () =>
      (
        await ds.query<{ source: string; ok: boolean | null; finished_at: Date | null }[]>(
          `SELECT source, ok, finished_at FROM reconcile_runs WHERE id = $1`,
          [queued[0]],
        )
      )[0];
    await waitFor(async () => (await runRow()).finished_at !== null, 'the queued run run by the sync worker');
    expect(await runRow()).toMatchObject({ source: 'schedule', ok: true });
    // Finished, and the interval has not passed: not due.
    expect(await scheduler.tick(new Date())).toBeNull();

    const outcomes = await Promise.all([reconcile.run(settled()), reconcile.run(settled())]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['busy', 'ran']);
  });

  it('skips and counts a complaint LAPOR! fails for; an open circuit ends the run early, recorded as not ok', async () => {
    await bed.intake([1, 2, 3, 4].map((i) => osakaComplaint({ title: `Legalisasi dokumen ${i}` })));
    const candidates = (
      await ds.query(`SELECT count(*)::int AS n FROM complaints WHERE status <> 'forwarded'`)
    )[0].n as number;

    await lapor.fault({ kind: 'status', status: 500, path: `/complaints/${made.lost.laporId}/complaint` });
    const one = ran(await reconcile.run(settled()));
    expect(one).toMatchObject({ ok: true, errors: 1, checked: candidates - 1 });
    await lapor.clearFaults();

    const before = await drift();
    await lapor.fault({ kind: 'status', status: 503, path: '/complaints' });
    const down = ran(await reconcile.run(settled()));
    expect(down).toMatchObject({
      ok: false,
      error: 'LAPOR_CIRCUIT_OPEN',
      found: 0,
      repaired: 0,
      resolved: 0,
    });
    expect(down.checked).toBe(0);
    expect(down.errors).toBeGreaterThanOrEqual(1);
    expect((await reconcile.summary()).lastRun).toMatchObject({ ok: false, error: 'LAPOR_CIRCUIT_OPEN' });
    // Nothing was taken for resolved while LAPOR! could not be read.
    expect(await drift()).toEqual(before);
    await lapor.clearFaults();
    // Let the breaker half-open before anything else calls LAPOR!.
    await new Promise((r) => setTimeout(r, 400));
  });

  it('npm run cli -- reconcile: one run now, printed as JSON', async () => {
    const r = await runCli({ DATABASE_URL: bed.t.db.url, ...laporEnv(bed.laporUrl) }, 'reconcile');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const out = JSON.parse(r.stdout) as { run: RunOutcome; drift: { open: number } };
    expect(out.run).toMatchObject({ outcome: 'ran', ok: true, errors: 0 });
    expect(out.drift.open).toBe((await drift()).length);
  });
});

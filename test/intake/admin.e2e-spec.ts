import request from 'supertest';
import type { SandboxServer } from '../../src/sandbox/sandbox.server';
import type { TestApp } from '../helpers/test-app';
import { control, intakeQueries, pollOnce, startIntakeApp, startSandbox, tokenFor } from './poller.helper';

/** The admin views of intake: the quarantine list and the sync status. */
describe('intake admin views', () => {
  let sandbox: SandboxServer;
  let lapor: ReturnType<typeof control>;
  let t: TestApp;
  let q: ReturnType<typeof intakeQueries>;
  let admin: string;
  let monitor: string;

  beforeAll(async () => {
    const s = await startSandbox();
    sandbox = s.sandbox;
    lapor = control(s.url);
    t = await startIntakeApp(s.url, { label: 'intake_admin' });
    q = intakeQueries(t);
    admin = await tokenFor(t, 'admin');
    monitor = await tokenFor(t, 'monitor');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  const get = (path: string, token: string) =>
    request(t.url).get(path).set('Authorization', `Bearer ${token}`);

  describe('GET /api/v1/admin/quarantine', () => {
    it('lists complaints with unknown LAPOR! codes, newest first, paged by an opaque cursor, without reporter data', async () => {
      const ids = await lapor.create([
        {
          title: 'Kategori baru 1',
          category_id: '999',
          category_name: 'Kategori Baru',
          reporter: { name: 'Budi Contoh' },
        },
        { title: 'Biasa saja' },
        { title: 'Status baru', status_code: '77', status_name: 'Status Aneh' },
        { title: 'Kategori baru 2', category_id: '999', category_name: 'Kategori Baru' },
      ]);
      await pollOnce(t);
      const quarantined = [ids[0], ids[2], ids[3]];
      const stored = await q.complaints(ids);
      const idOf = (laporId: string) => stored.find((c) => c.lapor_id === laporId)!.id;

      const first = await get('/api/v1/admin/quarantine?limit=2', admin).expect(200);
      expect(first.body.data).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get(
        `/api/v1/admin/quarantine?limit=2&cursor=${first.body.nextCursor}`,
        admin,
      ).expect(200);
      expect(second.body.nextCursor).toBeNull();
      const all = [...first.body.data, ...second.body.data] as Record<string, unknown>[];
      expect(all.map((c) => c.laporId).sort()).toEqual([...quarantined].sort());
      const times = all.map((c) => c.quarantinedAt as string);
      expect([...times].sort().reverse()).toEqual(times);

      expect(all.find((c) => c.laporId === ids[0])).toEqual({
        id: idOf(ids[0]),
        laporId: ids[0],
        quarantineReason: 'unknown category 999 (Kategori Baru)',
        quarantinedAt: expect.stringMatching(/Z$/),
        status: expect.stringMatching(/^(received|triage|assigned)$/),
      });
      expect(all.find((c) => c.laporId === ids[2])!.quarantineReason).toMatch(
        /^unknown status 77 \(Status Aneh\)/,
      );
      expect(JSON.stringify(all)).not.toMatch(/Budi|Kategori baru 1/);
    });

    it('refuses a cursor it did not give out, a bad limit, and non-admins', async () => {
      const bad = await get('/api/v1/admin/quarantine?cursor=bm9wZQ', admin).expect(400);
      expect(bad.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'cursor' })],
      });
      await get('/api/v1/admin/quarantine?limit=0', admin).expect(400);
      await get('/api/v1/admin/quarantine?limit=many', admin).expect(400);
      await get('/api/v1/admin/quarantine', monitor).expect(403);
      await request(t.url).get('/api/v1/admin/quarantine').expect(401);
    });
  });

  describe('GET /api/v1/sync/status', () => {
    it('shows the poll cursor and its lag, the re-scan, webhooks, the outbox and the LAPOR! breaker', async () => {
      await pollOnce(t);
      // Two webhook deliveries today (one refused), one yesterday; an outbox row waiting ten minutes.
      await q.ds.query(
        `INSERT INTO inbound_deliveries (source, delivery_key, lapor_id, outcome, received_at) VALUES
           ('webhook', 'wh-1', '1', 'created', now() - interval '2 hours'),
           ('webhook', 'wh-2', '1', 'rejected', now() - interval '1 hour'),
           ('webhook', 'wh-0', '1', 'created', now() - interval '30 hours')`,
      );
      await q.ds.query(
        `INSERT INTO outbox (queue, job_name, payload, available_at, created_at)
         VALUES ('maintenance', 'outbox.purge', '{}', now() + interval '1 day', now() - interval '10 minutes')`,
      );
      const res = await get('/api/v1/sync/status', monitor).expect(200);
      expect(res.body).toEqual({
        asOf: expect.any(String),
        intake: {
          poll: {
            cursorAt: expect.any(String),
            lastSuccessAt: expect.any(String),
            lagSeconds: expect.any(Number),
            lastError: null,
            lastErrorAt: null,
            runInProgress: false,
          },
          rescan: {
            cursorAt: null,
            lastSuccessAt: null,
            lagSeconds: null,
            lastError: null,
            lastErrorAt: null,
            runInProgress: false,
          },
          webhook: {
            lastReceivedAt: expect.any(String),
            last24h: { accepted: 1, duplicate: null, rejected: 1 },
          },
        },
        outbox: { backlog: expect.any(Number), oldestPendingAgeSeconds: expect.any(Number) },
        // Nothing sent to LAPOR! yet, and the reconciler has not run (sync e2e and reconcile e2e fill these).
        sync: { backlog: 0, deadLetters: 0, drift: 0 },
        reconcile: {
          lastRun: null,
          drift: {
            open: 0,
            byKind: { followup_not_upstream: 0, missing_locally: 0, status_mismatch: 0 },
            byMission: {},
          },
        },
        byMission: [],
        lapor: { breaker: 'closed' },
      });
      expect(res.body.intake.poll.lagSeconds).toBeLessThan(30);
      expect(Date.now() - Date.parse(res.body.intake.webhook.lastReceivedAt)).toBeGreaterThan(3500_000);
      expect(res.body.outbox.backlog).toBeGreaterThanOrEqual(1);
      expect(res.body.outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(600);
    });

    it('reports the lag of a poller that fell behind, a run in progress and the last error', async () => {
      await q.ds.query(
        `UPDATE poll_cursors SET cursor_at = now() - interval '1 hour', run_id = 'inbox-busy', run_started_at = now(),
           last_error = 'LAPOR_UNAVAILABLE: 503', last_error_at = now() WHERE name = 'inbox'`,
      );
      const { body } = await get('/api/v1/sync/status', admin).expect(200);
      expect(body.intake.poll).toMatchObject({
        runInProgress: true,
        lastError: 'LAPOR_UNAVAILABLE: 503',
        lastErrorAt: expect.any(String),
      });
      expect(body.intake.poll.lagSeconds).toBeGreaterThanOrEqual(3600);
      expect(body.intake.poll.lagSeconds).toBeLessThan(3700);
      await q.ds.query(`UPDATE poll_cursors SET run_id = NULL WHERE name = 'inbox'`);
    });

    it('is for monitors and admins only', async () => {
      await get('/api/v1/sync/status', await tokenFor(t, 'handler')).expect(403);
    });
  });
});

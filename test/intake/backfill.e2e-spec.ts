import { Client } from 'pg';
import request from 'supertest';
import type { SandboxServer } from '../../src/sandbox/sandbox.server';
import { runCli } from '../helpers/run-cli';
import type { TestApp } from '../helpers/test-app';
import { TestDatabase } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';
import { control, intakeQueries, laporEnv, startIntakeApp, startSandbox, tokenFor } from './poller.helper';

const DAY = 24 * 3600_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const dateOf = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10); // WIB

/** History in LAPOR!: two complaints whose latest update is 20-40 days ago, one before, one after. */
async function seedHistory(lapor: ReturnType<typeof control>, tag: string) {
  const [inA, inB, before, after] = await lapor.create([
    {
      title: `${tag}: paspor tertahan`,
      created_at: daysAgo(35).toISOString(),
      dispositioned_at: daysAgo(34).toISOString(),
      updated_at: daysAgo(30).toISOString(),
      followups: [
        { author_type: 'institution', content: 'Sedang kami proses', created_at: daysAgo(33).toISOString() },
        { author_type: 'reporter', content: 'Terima kasih', created_at: daysAgo(31).toISOString() },
      ],
    },
    { title: `${tag}: visa`, created_at: daysAgo(25).toISOString(), updated_at: daysAgo(22).toISOString() },
    {
      title: `${tag}: too old`,
      created_at: daysAgo(60).toISOString(),
      updated_at: daysAgo(50).toISOString(),
    },
    {
      title: `${tag}: too new`,
      created_at: daysAgo(12).toISOString(),
      updated_at: daysAgo(10).toISOString(),
    },
  ]);
  return { inRange: [inA, inB], outside: [before, after], withFollowUps: inA };
}

const range = { from: dateOf(daysAgo(40)), to: dateOf(daysAgo(20)) };

describe('backfill', () => {
  let sandbox: SandboxServer;
  let url: string;
  let lapor: ReturnType<typeof control>;

  beforeAll(async () => {
    ({ sandbox, url } = await startSandbox());
    lapor = control(url);
  });
  afterAll(() => sandbox?.stop());

  describe('npm run cli -- backfill', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await TestDatabase.create('backfill_cli');
    });
    afterAll(() => db?.drop());

    const cli = (...args: string[]) => runCli({ DATABASE_URL: db.url, ...laporEnv(url) }, ...args);

    it('imports a date range as imported history, with follow-ups, and prints a summary', async () => {
      const seeded = await seedHistory(lapor, 'cli');
      const r = await cli('backfill', '--from', range.from, '--to', range.to);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        `backfill ${range.from}..${range.to} (21 days): 2 read, 2 created, 0 updated, 0 unchanged, 0 rejected\n`,
      );
      expect(r.stderr).toMatch(/backfill .*\| 100% \|/);

      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      try {
        const { rows } = await pg.query(
          `SELECT lapor_id, imported, status FROM complaints ORDER BY lapor_id`,
        );
        expect(rows).toEqual(
          seeded.inRange.sort().map((id) => ({ lapor_id: id, imported: true, status: 'received' })),
        );
        const followUps = await pg.query(
          `SELECT f.author_type, f.posted_at FROM follow_ups f JOIN complaints c ON c.id = f.complaint_id
           WHERE c.lapor_id = $1 ORDER BY f.posted_at`,
          [seeded.withFollowUps],
        );
        expect(followUps.rows.map((f: { author_type: string }) => f.author_type)).toEqual([
          'institution',
          'reporter',
        ]);
        // Routing waits in the outbox for a running bridge to relay it (the CLI has no Redis).
        const outbox = await pg.query(`SELECT job_name FROM outbox WHERE relayed_at IS NULL`);
        expect(outbox.rows).toEqual([{ job_name: 'complaint.route' }, { job_name: 'complaint.route' }]);
      } finally {
        await pg.end();
      }

      const again = await cli('backfill', '--from', range.from, '--to', range.to);
      expect(again.stdout).toContain('2 read, 0 created, 0 updated, 2 unchanged, 0 rejected');
    });

    it('explains a bad range and exits 1', async () => {
      const r = await cli('backfill', '--from', '2026-02-30', '--to', '2026-01-01');
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toContain('--from must be a real date written yyyy-mm-dd');
    });
  });

  describe('POST /api/v1/admin/backfill', () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await startIntakeApp(url, { label: 'backfill_api' });
      admin = await tokenFor(t, 'admin');
    });
    afterAll(() => t?.close());

    const post = (token: string, body: unknown) =>
      request(t.url)
        .post('/api/v1/admin/backfill')
        .set('Authorization', `Bearer ${token}`)
        .send(body as object);

    it('answers 202 with a job id, and the job imports the range page by page', async () => {
      const seeded = await seedHistory(lapor, 'api');
      const res = await post(admin, range).expect(202);
      expect(res.body).toEqual({ backfillId: expect.any(String), jobId: expect.any(String), ...range });
      const q = intakeQueries(t);
      await waitFor(async () => (await q.complaints(seeded.inRange)).length === 2, 'the range imported');
      expect((await q.complaints(seeded.inRange)).every((c) => c.imported)).toBe(true);
      expect(await q.complaints(seeded.outside)).toEqual([]);
      const events = await q.events([seeded.withFollowUps]);
      expect(events.filter((e) => e.type === 'followup_received')).toHaveLength(2);
    });

    it('is for admins only', async () => {
      const res = await post(await tokenFor(t, 'monitor'), range).expect(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    });

    it('answers 400 problem+json naming each bad field', async () => {
      const bad = await post(admin, { from: '2026-13-01', to: 'tomorrow' }).expect(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'to']);

      const reversed = await post(admin, { from: range.to, to: range.from }).expect(400);
      expect(reversed.body.errors).toEqual([
        { field: 'to', message: 'must be the same day as from or later' },
      ]);
      const long = await post(admin, { from: '2024-01-01', to: '2025-06-01' }).expect(400);
      expect(long.body.errors).toEqual([{ field: 'to', message: 'the range may cover at most 366 days' }]);
      await post(admin, { ...range, extra: 1 }).expect(400);
      await post(admin, {}).expect(400);
    });
  });
});

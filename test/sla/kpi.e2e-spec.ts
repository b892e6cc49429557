import { parse } from 'csv-parse/sync';
import { SlaSweepService } from '../../src/modules/sla/sla-sweep.service';
import { runCli } from '../helpers/run-cli';
import { waitFor } from '../helpers/wait-for';
import { control, intakeQueries } from '../intake/poller.helper';
import { startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';

/*
 * A fixed history imported through the sandbox, with hand-computed figures (issue 7 "Done when").
 * November 2025 has no Indonesian holiday; 09:00 WIB = 02:00Z.
 *
 *   A  dispositioned Mon 3 Nov 09:00, first institution follow-up Wed 5 Nov 15:00
 *      calendar 2.25 days; working: Mon 15 h (0.625) + Tue (1) + Wed 15 h (0.625) = 2.25
 *   B  dispositioned Fri 7 Nov 12:00, follow-up Mon 10 Nov 12:00
 *      calendar 3 days; working: Fri 12 h (0.5) + Mon 12 h (0.5) = 1
 *   C  dispositioned Thu 13 Nov 09:00, follow-up Fri 21 Nov 09:00
 *      calendar 8 days; working: Thu 0.625 + Fri 1 + Mon–Thu 4 + Fri 0.375 = 6 (over the limit of 5)
 *   D  dispositioned Mon 24 Nov 09:00, never followed up (due Mon 1 Dec 09:00: breached)
 *
 *   average follow-up: (2.25 + 3 + 8) / 3 = 4.41667 calendar days; (2.25 + 1 + 6) / 3 = 3.08333 working days
 *   median 3 and 2.25; p90 (linear between ranks, pos 1.8): 3 + 0.8 × 5 = 7 and 2.25 + 0.8 × 3.75 = 5.25
 *   within 5 working days: A and B of the four decided = 50 %
 *
 * By category: A and B are 610 (Pelayanan Kekonsuleran), C and D 614 (Keimigrasian).
 *   610: 2.25 and 3 calendar days: average = median = 2.625, p90 (pos 0.9) 2.25 + 0.9 × 0.75 = 2.925;
 *        2.25 and 1 working days: average = median = 1.625, p90 1 + 0.9 × 1.25 = 2.125; both within: 100 %
 *   614: only C followed up: 8 calendar days, 6 working days (all three figures); C late, D past due: 0 %
 * By month: all four in 2025-11, so the month's figures are the total's.
 */
const HISTORY = [
  { tag: 'A', category: '610', dispositioned: '2025-11-03T02:00:00Z', followUp: '2025-11-05T08:00:00Z' },
  { tag: 'B', category: '610', dispositioned: '2025-11-07T05:00:00Z', followUp: '2025-11-10T05:00:00Z' },
  { tag: 'C', category: '614', dispositioned: '2025-11-13T02:00:00Z', followUp: '2025-11-21T02:00:00Z' },
  { tag: 'D', category: '614', dispositioned: '2025-11-24T02:00:00Z', followUp: null },
];
const RANGE = { from: '2025-11-01', to: '2025-11-30' };

describe('KPI report over imported history (sandbox → backfill → SLA sweep → GET /api/v1/reports/kpi)', () => {
  let bed: WorkflowBed;
  let sweep: () => Promise<unknown>;

  beforeAll(async () => {
    bed = await startWorkflowBed('sla_kpi');
    sweep = () => bed.t.app.get(SlaSweepService).sweep();
    const ids = await control(bed.laporUrl).create(
      HISTORY.map((h) => ({
        title: `KPI ${h.tag}: paspor hilang di Osaka`,
        content: 'Paspor saya hilang di stasiun Umeda, Osaka. Bagaimana mengurus SPLP?',
        category_id: h.category,
        created_at: h.dispositioned,
        dispositioned_at: h.dispositioned,
        updated_at: '2025-11-28T00:00:00Z',
        followups: h.followUp
          ? [{ author_type: 'institution', content: `Tindak lanjut ${h.tag}`, created_at: h.followUp }]
          : [],
      })),
    );
    await (await bed.as('admin')).post('/api/v1/admin/backfill').send(RANGE).expect(202);
    const q = intakeQueries(bed.t);
    await waitFor(
      async () => (await q.complaints(ids)).filter((c) => c.status !== 'received').length === ids.length,
      'the history imported and routed',
    );
    await sweep();
  });
  afterAll(() => bed?.close());

  const kpi = async (query = `from=${RANGE.from}&to=${RANGE.to}`) =>
    (await (await bed.as('monitor')).get(`/api/v1/reports/kpi?${query}`).expect(200)).body;

  const EXPECTED = {
    count: 4,
    followedUp: 3,
    avgFollowUpDays: 4.417,
    medianFollowUpDays: 3,
    p90FollowUpDays: 7,
    avgFollowUpWorkingDays: 3.083,
    medianFollowUpWorkingDays: 2.25,
    p90FollowUpWorkingDays: 5.25,
    withinSlaPct: 50,
  };

  it('gives the hand-computed follow-up times in calendar and working days, per mission too', async () => {
    const r = await kpi();
    expect(r).toMatchObject(EXPECTED);
    expect(r.byMission).toEqual([expect.objectContaining({ missionCode: 'osaka', ...EXPECTED })]);
    expect(r.byRegion).toEqual([expect.objectContaining({ region: 'Asia Timur dan Pasifik', count: 4 })]);
    expect(r.byMonth).toEqual([expect.objectContaining({ month: '2025-11', ...EXPECTED })]);
    // Imported history: no acknowledgement clock; D is open and breached.
    expect(r.withinSla).toEqual({ acknowledgement: null, followUp: 50, completion: expect.any(Number) });
    expect(r.backlog).toMatchObject({ open: expect.any(Number), breached: expect.any(Number) });
  });

  it('gives the same figures per category, with its own median and p90', async () => {
    const r = await kpi();
    expect(r.byCategory).toEqual([
      {
        category: '610',
        count: 2,
        followedUp: 2,
        avgFollowUpDays: 2.625,
        medianFollowUpDays: 2.625,
        p90FollowUpDays: 2.925,
        avgFollowUpWorkingDays: 1.625,
        medianFollowUpWorkingDays: 1.625,
        p90FollowUpWorkingDays: 2.125,
        withinSlaPct: 100,
        open: expect.any(Number),
        breached: expect.any(Number),
      },
      {
        category: '614',
        count: 2,
        followedUp: 1,
        avgFollowUpDays: 8,
        medianFollowUpDays: 8,
        p90FollowUpDays: 8,
        avgFollowUpWorkingDays: 6,
        medianFollowUpWorkingDays: 6,
        p90FollowUpWorkingDays: 6,
        withinSlaPct: 0,
        open: expect.any(Number),
        breached: expect.any(Number),
      },
    ]);
    // The backlog splits over the categories: D (614) is open and breached.
    const [c610, c614] = r.byCategory as { open: number; breached: number }[];
    expect([c610.open + c614.open, c610.breached + c614.breached]).toEqual([r.open, r.breached]);
    expect(c614.breached).toBeGreaterThanOrEqual(1);
  });

  it('answers "as of" an earlier instant with what was known then', async () => {
    // 8 Nov 00:00Z: A and B dispositioned, only A followed up; B's due (Fri 14 Nov 12:00 WIB) not yet passed.
    const r = await kpi(`from=${RANGE.from}&to=${RANGE.to}&asOf=2025-11-08T00:00:00Z`);
    expect(r).toMatchObject({
      count: 2,
      followedUp: 1,
      avgFollowUpDays: 2.25,
      avgFollowUpWorkingDays: 2.25,
      withinSlaPct: 100,
    });
    // A and B (610) were in; only A followed up, and B's follow-up was not due yet.
    expect(r.byCategory).toEqual([
      expect.objectContaining({
        category: '610',
        count: 2,
        followedUp: 1,
        medianFollowUpDays: 2.25,
        p90FollowUpDays: 2.25,
        withinSlaPct: 100,
      }),
    ]);
    expect(r.byMonth).toEqual([
      expect.objectContaining({
        month: '2025-11',
        count: 2,
        medianFollowUpDays: 2.25,
        p90FollowUpWorkingDays: 2.25,
      }),
    ]);
  });

  it('keeps the figures after an unrelated holiday edit, and after a holiday inside a closed cycle (frozen)', async () => {
    const admin = await bed.as('admin');
    const unrelated = await admin
      .post('/api/v1/calendars/holidays')
      .send({ scope: 'national', date: '2027-08-19', kind: 'libur_nasional', name: 'Uji: libur tak terkait' })
      .expect(201);
    await sweep();
    expect(await kpi()).toMatchObject(EXPECTED);

    // Thursday 20 Nov 2025 lies inside C's follow-up interval; C's cycle is closed, so nothing moves.
    await admin
      .post('/api/v1/calendars/holidays')
      .send({
        scope: 'national',
        date: '2025-11-20',
        kind: 'libur_nasional',
        name: 'Uji: libur di masa lalu',
      })
      .expect(201);
    await sweep();
    expect(await kpi()).toMatchObject(EXPECTED);

    // The edit history stays readable: as of before the first edit the 2027 day was not there.
    const list = await admin.get('/api/v1/calendars/holidays?year=2027').expect(200);
    expect(list.body.data.map((h: { id: string }) => h.id)).toContain(unrelated.body.id);
    await admin.delete(`/api/v1/calendars/holidays/${unrelated.body.id}`).expect(200);
    const before = await admin
      .get(`/api/v1/calendars/holidays?year=2027&asOf=${encodeURIComponent(unrelated.body.validFrom)}`)
      .expect(200);
    expect(before.body.data.map((h: { id: string }) => h.id)).toContain(unrelated.body.id);
    const now = await admin.get('/api/v1/calendars/holidays?year=2027').expect(200);
    expect(now.body.data.map((h: { id: string }) => h.id)).not.toContain(unrelated.body.id);
  });

  /** A CSV export as records by its header, and the header itself. */
  const csvOf = async (path: string) => {
    const res = await (await bed.as('monitor')).get(path).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const header = res.text.split('\n')[0];
    const records = parse<Record<string, string>>(res.text, { columns: true });
    return { header, records, text: res.text };
  };
  /** A JSON row as its CSV cells: null as empty, numbers as written. */
  const cells = (row: Record<string, string | number | null>, columns: string[]) =>
    Object.fromEntries(
      columns.map((c) => [c, row[c] === null || row[c] === undefined ? '' : String(row[c])]),
    );
  const KPI_COLUMNS = [
    'missionCode',
    'missionName',
    'region',
    'count',
    'followedUp',
    'avgFollowUpDays',
    'medianFollowUpDays',
    'p90FollowUpDays',
    'avgFollowUpWorkingDays',
    'medianFollowUpWorkingDays',
    'p90FollowUpWorkingDays',
    'withinSlaPct',
    'open',
    'breached',
  ];
  const PEKPPP_COLUMNS = [
    'missionCode',
    'missionName',
    'region',
    'received',
    'followedUp',
    'resolved',
    'withinLimitPct',
    'avgFollowUpDays',
    'avgFollowUpWorkingDays',
  ];
  const ALL = { missionCode: '', missionName: 'Kementerian Luar Negeri (semua perwakilan)', region: 'Semua' };

  it('exports the KPI as CSV: one row per mission, then the total row', async () => {
    const r = await kpi();
    const { header, records, text } = await csvOf(`/api/v1/reports/kpi?from=${RANGE.from}&to=${RANGE.to}`);
    expect(header).toBe(KPI_COLUMNS.join(','));
    expect(text.split('\n')[1]).toMatch(
      /^osaka,KJRI Osaka,Asia Timur dan Pasifik,4,3,4\.417,3,7,3\.083,2\.25,5\.25,50,/,
    );
    expect(records).toEqual([cells(r.byMission[0], KPI_COLUMNS), { ...cells(r, KPI_COLUMNS), ...ALL }]);
    expect(records[1]).toMatchObject({
      count: '4',
      followedUp: '3',
      medianFollowUpDays: '3',
      p90FollowUpDays: '7',
    });
    // Filtered, the total is named for the offices selected, never as the whole ministry's.
    const one = await csvOf(`/api/v1/reports/kpi?from=${RANGE.from}&to=${RANGE.to}&mission=osaka`);
    expect(one.records[one.records.length - 1]).toMatchObject({
      missionCode: '',
      missionName: 'Jumlah perwakilan terpilih (selected offices)',
      count: '4',
    });
  });

  it('exports the SLA compliance as CSV, the same rows as the JSON', async () => {
    const q = `from=${RANGE.from}&to=${RANGE.to}`;
    const json = (await (await bed.as('monitor')).get(`/api/v1/reports/sla?${q}`).expect(200)).body;
    const columns = [
      'missionCode',
      'missionName',
      'region',
      'clock',
      'total',
      'met',
      'breached',
      'running',
      'compliancePct',
    ];
    const { header, records } = await csvOf(`/api/v1/reports/sla?${q}`);
    expect(header).toBe(columns.join(','));
    expect(records).toEqual(
      json.data.map((row: Record<string, string | number | null>) => cells(row, columns)),
    );
    // The first follow-up clock: A and B met, C late, D past due (hand-computed above).
    expect(records.find((c) => c.clock === 'first_follow_up')).toEqual({
      missionCode: 'osaka',
      missionName: 'KJRI Osaka',
      region: 'Asia Timur dan Pasifik',
      clock: 'first_follow_up',
      total: '4',
      met: '2',
      breached: '2',
      running: '0',
      compliancePct: '50',
    });
  });

  it('gives the PEKPPP recap for the year as JSON and as CSV, with the total row last', async () => {
    const monitor = await bed.as('monitor');
    const p = (await monitor.get('/api/v1/reports/pekppp?year=2025').expect(200)).body;
    expect(p.total).toMatchObject({ received: 4, followedUp: 3, withinLimitPct: 50, avgFollowUpDays: 4.417 });
    expect(p.data).toEqual([expect.objectContaining({ missionCode: 'osaka', received: 4, followedUp: 3 })]);
    const { header, records } = await csvOf('/api/v1/reports/pekppp?year=2025');
    expect(header).toBe(PEKPPP_COLUMNS.join(','));
    expect(records).toEqual([
      cells(p.data[0], PEKPPP_COLUMNS),
      { ...cells(p.total, PEKPPP_COLUMNS), ...ALL },
    ]);
    expect(records[0]).toMatchObject({
      missionCode: 'osaka',
      received: '4',
      followedUp: '3',
      withinLimitPct: '50',
    });
    const bad = await monitor.get('/api/v1/reports/pekppp').expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('npm run cli -- report --year: the same PEKPPP figures as the API, as table, JSON and CSV', async () => {
    const monitor = await bed.as('monitor');
    const api = (await monitor.get('/api/v1/reports/pekppp?year=2025').expect(200)).body;
    const cli = (...args: string[]) =>
      runCli({ DATABASE_URL: bed.t.db.url }, 'report', '--year', '2025', ...args);

    // Each run starts Node on the sources (about 8 s of CPU): the three at once. The default runs one
    // SLA sweep first (nothing left to do here), then prints a table.
    const [table, json, csv] = await Promise.all([
      cli(),
      cli('--format', 'json', '--no-sweep'),
      cli('--format', 'csv', '--no-sweep'),
    ]);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toBe(`PEKPPP 2025 — pengaduan LAPOR! per perwakilan (as of ${api.asOf})`);
    const row = (line: string) => line.trim().split(/\s{2,}/);
    expect(row(lines[1])).toEqual([
      'mission',
      'received',
      'followed up',
      'resolved',
      '% within',
      'avg days',
      'avg working',
    ]);
    const figures = (r: typeof api.total, code: string) => [
      code,
      String(r.received),
      String(r.followedUp),
      String(r.resolved),
      r.withinLimitPct.toFixed(1),
      r.avgFollowUpDays.toFixed(2),
      r.avgFollowUpWorkingDays.toFixed(2),
    ];
    expect(lines.slice(3).map(row)).toEqual([figures(api.data[0], 'osaka'), figures(api.total, 'TOTAL')]);
    expect(row(lines[3])).toEqual(['osaka', '4', '3', expect.any(String), '50.0', '4.42', '3.08']);

    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(api);

    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe((await csvOf('/api/v1/reports/pekppp?year=2025')).text);
  }, 120_000);

  it('refuses impossible dates and instants with 400, naming the field', async () => {
    const monitor = await bed.as('monitor');
    const admin = await bed.as('admin');
    const field = (res: { body: { code: string; errors: { field: string }[] } }) => [
      res.body.code,
      res.body.errors.map((e) => e.field),
    ];
    expect(field(await monitor.get('/api/v1/reports/kpi?asOf=20260630').expect(400))).toEqual([
      'VALIDATION_FAILED',
      ['asOf'],
    ]);
    expect(field(await monitor.get('/api/v1/reports/sla?from=2026-02-30').expect(400))).toEqual([
      'VALIDATION_FAILED',
      ['from'],
    ]);
    expect(field(await admin.get('/api/v1/calendars/holidays?asOf=2026-123').expect(400))).toEqual([
      'VALIDATION_FAILED',
      ['asOf'],
    ]);
    const holiday = { scope: 'national', kind: 'libur_nasional', name: 'Uji' };
    expect(
      field(
        await admin
          .post('/api/v1/calendars/holidays')
          .send({ ...holiday, date: '2026-02-30' })
          .expect(400),
      ),
    ).toEqual(['VALIDATION_FAILED', ['date']]);
    const unknown = await admin
      .post('/api/v1/calendars/holidays')
      .send({ ...holiday, scope: 'atlantis', kind: 'closure', date: '2026-03-02' })
      .expect(400);
    expect(unknown.body.code).toBe('HOLIDAY_SCOPE_UNKNOWN');
  });

  it('keeps reports from handlers and scopes a supervisor to their own mission', async () => {
    await (await bed.as('handler', 'osaka')).get('/api/v1/reports/kpi').expect(403);
    const other = (
      await (
        await bed.as('supervisor', 'tokyo')
      )
        .get(`/api/v1/reports/kpi?from=${RANGE.from}&to=${RANGE.to}`)
        .expect(200)
    ).body;
    expect(other.count).toBe(0);
    const own = (
      await (
        await bed.as('supervisor', 'osaka')
      )
        .get(`/api/v1/reports/kpi?from=${RANGE.from}&to=${RANGE.to}`)
        .expect(200)
    ).body;
    expect(own.count).toBe(4);
  });
});

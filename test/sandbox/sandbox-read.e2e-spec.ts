import { api, control, makeSandbox, NOW, rows } from './sandbox.helper';

const WIB = /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/;
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

describe('LAPOR! sandbox: reading complaints', () => {
  const sandbox = makeSandbox();
  const lapor = api(sandbox);

  beforeEach(() => sandbox.reset());

  async function seed(count: number) {
    const complaints = Array.from({ length: count }, (_, i) => ({
      id: String(500 + i),
      title: `Keluhan ${i}`,
      // Lower ids changed last, in pairs: the inbox order tests both sort keys (updated_at, then id).
      created_at: hoursAgo(100),
      updated_at: hoursAgo(1 + Math.floor(i / 2)),
    }));
    await control(sandbox).post('/_sandbox/complaints').send({ complaints }).expect(201);
  }

  it('formats instants as d-m-Y H:i:s in WIB and dates as d-m-Y', async () => {
    await control(sandbox)
      .post('/_sandbox/complaints')
      .send({ id: '42', created_at: '2026-11-23T07:05:09Z', date_of_incident: '2026-11-20' })
      .expect(201);
    const res = await lapor.get('/complaints/42/complaint').expect(200);
    const c = res.body.results.data;
    expect(c.created_at).toBe('23-11-2026 14:05:09');
    expect(c.updated_at).toBe('23-11-2026 14:05:09');
    expect(c.dispositioned_at).toBe('23-11-2026 14:05:09');
    expect(c.date_of_incident).toBe('20-11-2026');
    expect(res.body.results.data_logs[0].created_at).toMatch(WIB);
  });

  it('returns the complaint fields of LAPOR-API.md and its logs', async () => {
    await control(sandbox).post('/_sandbox/complaints').send({ id: '43' }).expect(201);
    const res = await lapor.get('/complaints/43/complaint').expect(200);
    expect(res.body.success).toBe(true);
    expect(Object.keys(res.body.results.data).sort()).toEqual(
      [
        'id',
        'complaint_id',
        'tracking_id',
        'title',
        'content',
        'classification_id',
        'classification_name',
        'category_id',
        'category_name',
        'location_id',
        'location_name',
        'date_of_incident',
        'is_anonymous',
        'is_secret',
        'reporter',
        'status_code',
        'status_name',
        'disposition_id',
        'disposition_name',
        'dispositioned_at',
        'created_at',
        'updated_at',
        'attachments',
      ].sort(),
    );
    expect(res.body.results.data).toMatchObject({ id: 43, complaint_id: 43, status_name: 'Dalam Proses' });
    expect(res.body.results.data_logs[0]).toEqual(
      expect.objectContaining({
        id: expect.anything(),
        status_name: expect.any(String),
        description: expect.any(String),
      }),
    );
  });

  it('answers 404 for an unknown complaint', async () => {
    const res = await lapor.get('/complaints/999999/complaint').expect(404);
    expect(res.body.success).toBe(false);
  });

  it('pages the inbox with page_size and an absolute next_page_url, null on the last page', async () => {
    await seed(5);
    const first = await lapor.get('/complaints/inbox?page_size=2').expect(200);
    expect(first.body.results.data).toHaveLength(2);
    const next = new URL(first.body.results.next_page_url as string);
    expect(next.protocol).toBe('http:');
    expect(next.searchParams.get('page')).toBe('2');
    expect(next.searchParams.get('page_size')).toBe('2');
    const second = await lapor.get(`${next.pathname}${next.search}`).expect(200);
    const third = await lapor.get('/complaints/inbox?page_size=2&page=3').expect(200);
    expect(third.body.results.data).toHaveLength(1);
    expect(third.body.results.next_page_url).toBeNull();
    const ids = [first, second, third].flatMap((r) => rows(r.body.results.data).map((c) => c.id));
    expect(new Set(ids).size).toBe(5);
  });

  it('defaults page_size to 100 and caps it at 1000', async () => {
    await seed(3);
    const res = await lapor.get('/complaints/inbox').expect(200);
    expect(res.body.results.per_page).toBe(100);
    expect(res.body.results.next_page_url).toBeNull();
    const capped = await lapor.get('/complaints/inbox?page_size=5000').expect(200);
    expect(capped.body.results.per_page).toBe(1000);
    await lapor.get('/complaints/inbox?page=0').expect(400);
  });

  it('orders the inbox by updated_at (oldest first) and filters by updated_from in WIB', async () => {
    await seed(5);
    const all = await lapor.get('/complaints/inbox').expect(200);
    expect(rows(all.body.results.data).map((c) => c.id)).toEqual([504, 502, 503, 500, 501]);
    const times = rows(all.body.results.data).map((c) => String(c.updated_at));
    const asDates = times.map((t) => t.replace(/^(\d{2})-(\d{2})-(\d{4}) (.*)$/, '$3-$2-$1T$4'));
    expect([...asDates].sort()).toEqual(asDates);
    // From the second change on, inclusive: both complaints changed at that second come back.
    const from = encodeURIComponent(times[1]);
    const since = await lapor.get(`/complaints/inbox?updated_from=${from}`).expect(200);
    expect(rows(since.body.results.data).map((c) => c.id)).toEqual([502, 503, 500, 501]);
    expect(times[1]).toBe('23-11-2026 12:05:09');
  });

  it('leaves out complaints dispositioned elsewhere or not yet dispositioned', async () => {
    await control(sandbox)
      .post('/_sandbox/complaints')
      .send({
        complaints: [{ id: '1' }, { id: '2', disposition_id: '1003' }, { id: '3', disposition_id: null }],
      })
      .expect(201);
    const res = await lapor.get('/complaints/inbox').expect(200);
    expect(rows(res.body.results.data).map((c) => c.id)).toEqual([1]);
    const undisposed = await lapor.get('/complaints/3/complaint').expect(200);
    expect(undisposed.body.results.data).toMatchObject({
      disposition_id: null,
      disposition_name: 'Belum Terdisposisi',
      status_name: 'Belum Terverifikasi',
      dispositioned_at: null,
    });
  });

  it.each(['2026-11-23 14:05:09', '23/11/2026 14:05:09', 'yesterday'])(
    'refuses a malformed updated_from %p with 400',
    async (value) => {
      const res = await lapor.get(`/complaints/inbox?updated_from=${encodeURIComponent(value)}`).expect(400);
      expect(res.body.success).toBe(false);
    },
  );

  it('hides the reporter of an anonymous complaint', async () => {
    await control(sandbox)
      .post('/_sandbox/complaints')
      .send({ id: '7', is_anonymous: true, reporter: { name: 'Orang Contoh', email: 'o@example.com' } })
      .expect(201);
    const res = await lapor.get('/complaints/7/complaint').expect(200);
    expect(res.body.results.data.reporter).toEqual({ name: '', email: '', phone: '' });
  });

  it('serves the institution and template masters', async () => {
    const institutions = await lapor.get('/masters/institutions/external?page_size=1000').expect(200);
    const names = rows(institutions.body.results.data)
      .map((i) => i.name)
      .join('|');
    expect(institutions.body.results.data[0]).toEqual({ id: 1001, name: 'Kementerian Luar Negeri' });
    expect(names).toMatch(/Imigrasi/);
    expect(names).toMatch(/BP2MI/);
    const templates = await lapor.get('/masters/templates?page_size=1000').expect(200);
    expect(templates.body.results.data[0]).toEqual({
      template_code: expect.any(String),
      title: expect.any(String),
      type: expect.any(String),
      content: expect.any(String),
    });
  });

  it('seeds ~25 realistic demo complaints spread over the last 30 days', () => {
    sandbox.reset(true);
    const all = sandbox.store.list();
    expect(all.length).toBeGreaterThanOrEqual(25);
    const oldest = Math.min(...all.map((c) => c.createdAt.getTime()));
    expect(NOW.getTime() - oldest).toBeLessThanOrEqual(31 * 24 * 3_600_000);
    expect(all.some((c) => c.isAnonymous && c.isSecret)).toBe(true);
    expect(all.some((c) => c.location === null)).toBe(true);
    expect(sandbox.store.allFollowups().length).toBeGreaterThan(5);
    expect(JSON.stringify(all)).not.toMatch(/@(?!example\.(com|id))[a-z0-9.-]+\.[a-z]+/i);
  });
});

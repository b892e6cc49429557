import { api, control, makeSandbox, rows } from './sandbox.helper';

describe('LAPOR! sandbox: control API for fixtures', () => {
  const sandbox = makeSandbox();
  const lapor = api(sandbox);

  beforeEach(() => sandbox.reset());

  it('creates history with explicit times and embedded follow-ups, in LAPOR! wire format', async () => {
    const res = await control(sandbox)
      .post('/_sandbox/complaints')
      .send({
        complaints: [
          {
            id: 9001,
            title: 'Paspor anak belum jadi di KJRI Jeddah',
            created_at: '2025-03-01T02:00:00Z',
            dispositioned_at: '2025-03-03T04:00:00Z',
            status_code: 'done',
            followups: [
              { author_type: 'institution', content: 'Sedang diproses', created_at: '2025-03-05T03:00:00Z' },
              { author_type: 'reporter', content: 'Terima kasih', created_at: '2025-03-06T03:00:00Z' },
            ],
          },
          { id: 9002, created_at: '01-04-2025 09:00:00' },
        ],
      })
      .expect(201);
    const [first, second] = res.body.data;
    expect(first).toMatchObject({
      id: 9001,
      created_at: '01-03-2025 09:00:00',
      dispositioned_at: '03-03-2025 11:00:00',
      updated_at: '06-03-2025 10:00:00',
      status_name: 'Selesai',
    });
    expect(rows(first.followups).map((f) => f.author_type)).toEqual(['institution', 'reporter']);
    expect(first.followups[0].institution_from_name).toBe('Kementerian Luar Negeri');
    expect(second.created_at).toBe('01-04-2025 09:00:00');
    const since = await lapor.get('/complaints/inbox?updated_from=01-01-2025%2000:00:00').expect(200);
    expect(rows(since.body.results.data).map((c) => c.id)).toEqual([9001, 9002]);
  });

  it('accepts unknown status, classification and category codes when named, for quarantine tests', async () => {
    const res = await control(sandbox)
      .post('/_sandbox/complaints')
      .send({
        status_code: '77',
        status_name: 'Menunggu Verifikasi Ulang',
        classification_id: 9,
        classification_name: 'WBS',
        category_id: 999,
        category_name: 'Kategori Baru',
      })
      .expect(201);
    expect(res.body.data[0]).toMatchObject({
      status_code: '77',
      status_name: 'Menunggu Verifikasi Ulang',
      classification_id: 9,
      category_name: 'Kategori Baru',
    });
    const unnamed = await control(sandbox)
      .post('/_sandbox/complaints')
      .send({ status_code: '78' })
      .expect(422);
    expect(unnamed.body.errors.status_name).toBeDefined();
  });

  it('refuses a batch with a bad item or an existing id, and unknown fields, storing nothing', async () => {
    await control(sandbox).post('/_sandbox/complaints').send({ id: '1' }).expect(201);
    await control(sandbox)
      .post('/_sandbox/complaints')
      .send({ complaints: [{ id: '2' }, { id: '1' }] })
      .expect(409);
    await control(sandbox)
      .post('/_sandbox/complaints')
      .send({ complaints: [{ id: '3' }, { created_at: 'kemarin' }] })
      .expect(400);
    const typo = await control(sandbox).post('/_sandbox/complaints').send({ tittle: 'Paspor' }).expect(400);
    expect(typo.body.errors).toBeDefined();
    expect(sandbox.store.list().map((c) => c.id)).toEqual(['1']);
  });

  it('patches status and disposition, bumping updated_at unless given', async () => {
    await control(sandbox).post('/_sandbox/complaints').send({ id: '5', created_at: '2026-11-01T00:00:00Z' });
    const patched = await control(sandbox)
      .patch('/_sandbox/complaints/5')
      .send({ status_code: 'done', content: 'Isi baru' })
      .expect(200);
    expect(patched.body.data).toMatchObject({
      status_name: 'Selesai',
      content: 'Isi baru',
      updated_at: '23-11-2026 14:05:09',
    });
    const moved = await control(sandbox)
      .patch('/_sandbox/complaints/5')
      .send({ disposition_id: '1004', updated_at: '2026-11-22T00:00:00Z' })
      .expect(200);
    expect(moved.body.data).toMatchObject({
      disposition_id: 1004,
      dispositioned_at: '22-11-2026 07:00:00',
      updated_at: '22-11-2026 07:00:00',
    });
    const logs = (await lapor.get('/complaints/5/complaint')).body.results.data_logs;
    expect(
      rows(logs)
        .map((l) => l.description)
        .join('\n'),
    ).toMatch(/Selesai[\s\S]*Ketenagakerjaan/);
    await control(sandbox).patch('/_sandbox/complaints/404').send({ title: 'x' }).expect(404);
  });

  it('adds a reporter reply that the bridge sees as a follow-up and a changed complaint', async () => {
    await control(sandbox).post('/_sandbox/complaints').send({ id: '6', created_at: '2026-11-01T00:00:00Z' });
    const res = await control(sandbox)
      .post('/_sandbox/complaints/6/followups')
      .send({ content: 'Paspor saya sudah jadi, terima kasih' })
      .expect(201);
    expect(res.body.data).toMatchObject({ author_type: 'reporter', institution_from_name: null });
    const admin = await control(sandbox)
      .post('/_sandbox/complaints/6/followups')
      .send({ author_type: 'admin', content: 'Mohon dilengkapi' })
      .expect(201);
    expect(admin.body.data.institution_from_name).toBe('Admin SP4N-LAPOR!');
    const inbox = await lapor.get('/complaints/inbox?updated_from=23-11-2026%2014:05:09').expect(200);
    expect(rows(inbox.body.results.data).map((c) => c.id)).toEqual([6]);
  });

  it('moves the clock, and reset clears everything (optionally re-seeding the demo)', async () => {
    await control(sandbox).post('/_sandbox/time').send({ offsetS: 3600 }).expect(200);
    const created = await control(sandbox).post('/_sandbox/complaints').send({}).expect(201);
    expect(created.body.data[0].created_at).toBe('23-11-2026 15:05:09');
    await control(sandbox).post('/_sandbox/faults').send({ kind: 'status' }).expect(201);
    await control(sandbox).post('/_sandbox/reset').send({}).expect(200);
    expect(sandbox.store.list()).toHaveLength(0);
    expect((await control(sandbox).get('/_sandbox/faults')).body.data).toHaveLength(0);
    expect((await control(sandbox).get('/_sandbox/time')).body.now).toBe('2026-11-23T07:05:09.000Z');
    const info = await control(sandbox).post('/_sandbox/reset').send({ seedDemo: true }).expect(200);
    expect(info.body.complaints).toBeGreaterThanOrEqual(25);
  });
});

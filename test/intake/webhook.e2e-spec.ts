import request from 'supertest';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../src/core/crypto/field-cipher';
import { SandboxServer } from '../../src/sandbox/sandbox.server';
import { SANDBOX_API_KEY, SANDBOX_TOKEN, SANDBOX_WEBHOOK_SECRET } from '../../src/sandbox/sandbox.defaults';
import { event, signedWebhook, wib, wireComplaint } from '../helpers/lapor-wire';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait-for';

const OLD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('POST /webhooks/lapor', () => {
  let sandbox: SandboxServer;
  let laporUrl: string;
  let t: TestApp;
  let ds: DataSource;

  const post = (req: { headers: Record<string, string>; body: string }) =>
    request(t.url).post('/webhooks/lapor').set(req.headers).send(req.body);
  const deliver = (payload: unknown, opts: Parameters<typeof signedWebhook>[2] = {}) =>
    post(signedWebhook(SANDBOX_WEBHOOK_SECRET, payload, opts));
  const complaintRow = async (laporId: string) =>
    (await ds.query(`SELECT * FROM complaints WHERE lapor_id = $1`, [laporId]))[0] as
      Record<string, unknown> | undefined;
  const eventTypes = async (laporId: string): Promise<string[]> =>
    (
      await ds.query(
        `SELECT e.type FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id WHERE c.lapor_id = $1 ORDER BY e.id`,
        [laporId],
      )
    ).map((r: { type: string }) => r.type);

  beforeAll(async () => {
    sandbox = new SandboxServer({
      apiKey: SANDBOX_API_KEY,
      token: SANDBOX_TOKEN,
      webhookSecret: SANDBOX_WEBHOOK_SECRET,
    });
    laporUrl = await sandbox.start(0);
    t = await startTestApp({
      label: 'webhook',
      env: {
        LAPOR_BASE_URL: laporUrl,
        LAPOR_API_KEY: SANDBOX_API_KEY,
        LAPOR_TOKEN: SANDBOX_TOKEN,
        LAPOR_WEBHOOK_SECRETS: `${SANDBOX_WEBHOOK_SECRET},${OLD_SECRET}`,
        WEBHOOK_BODY_LIMIT_BYTES: '65536',
      },
    });
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('stores a signed complaint before answering 202, and routes it through the queue', async () => {
    const c = wireComplaint();
    const res = await deliver(event('complaint.dispositioned', c)).expect(202);
    expect(res.body).toEqual({ status: 'accepted', outcome: 'created' });
    const row = await complaintRow(c.id as string);
    expect(row).toMatchObject({ title: c.title, status: 'received', lapor_status_name: 'Dalam Proses' });
    expect(row!.dispositioned_at).toEqual(new Date('2026-11-20T02:00:00Z'));
    await waitFor(async () => (await complaintRow(c.id as string))!.status === 'assigned', 'routed');
    // The wire complaint is about "KBRI Seoul" (rule 2: a mission named in the text).
    expect(await complaintRow(c.id as string)).toMatchObject({ mission_code: 'seoul', status: 'assigned' });
    expect(await eventTypes(c.id as string)).toEqual(['received', 'routed']);
  });

  it('keeps the reporter encrypted at rest and out of the queue', async () => {
    const c = wireComplaint();
    await deliver(event('complaint.dispositioned', c)).expect(202);
    const row = (await complaintRow(c.id as string))!;
    expect(JSON.stringify(row)).not.toMatch(/Siti|siti\.aminah|0000-1234/);
    const cipher = t.app.get(FieldCipher);
    expect(cipher.decrypt(row.reporter_name_enc as string)).toBe('Siti Aminah');
    expect(cipher.decrypt(row.reporter_phone_enc as string)).toBe('+62 812-0000-1234');
    const outbox = await ds.query(
      `SELECT payload FROM outbox WHERE job_name = 'complaint.route' AND payload->>'complaintId' = $1`,
      [row.id],
    );
    expect(outbox).toHaveLength(1);
    expect(Object.keys(outbox[0].payload).sort()).toEqual(['complaintId', 'correlationId']);
    // Nor in any other job this complaint caused (routing's notification, once routed).
    await waitFor(async () => (await complaintRow(c.id as string))!.status !== 'received', 'routed');
    const all = await ds.query(`SELECT payload FROM outbox WHERE payload->>'complaintId' = $1`, [row.id]);
    expect(all.length).toBeGreaterThan(1);
    expect(JSON.stringify(all)).not.toMatch(/Siti|siti\.aminah|0000-1234/);
  });

  it('answers the same webhook-id again with 200 and changes nothing', async () => {
    const c = wireComplaint();
    const req = signedWebhook(SANDBOX_WEBHOOK_SECRET, event('complaint.dispositioned', c));
    await post(req).expect(202);
    // Let the routing job finish first, so the only possible change is the duplicate's.
    await waitFor(async () => (await complaintRow(c.id as string))!.status !== 'received', 'routed');
    const before = { row: await complaintRow(c.id as string), events: await eventTypes(c.id as string) };
    const again = await post(req).expect(200);
    expect(again.body.outcome).toBe('duplicate');
    expect(await complaintRow(c.id as string)).toEqual(before.row);
    expect(await eventTypes(c.id as string)).toEqual(before.events);
  });

  it('turns 20 concurrent copies of one delivery into one complaint, every caller answered 2xx', async () => {
    const c = wireComplaint();
    const req = signedWebhook(SANDBOX_WEBHOOK_SECRET, event('complaint.dispositioned', c));
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => post(req)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const received = (await eventTypes(c.id as string)).filter((e) => e === 'received');
    expect(received).toHaveLength(1);
  });

  it('turns 20 concurrent deliveries (distinct ids) of the same complaint into one complaint and one event', async () => {
    const c = wireComplaint();
    const res = await Promise.all(Array.from({ length: 20 }, () => deliver(event('complaint.updated', c))));
    expect(res.every((r) => r.status === 202)).toBe(true);
    expect(res.map((r) => r.body.outcome).sort()).toEqual(['created', ...Array(19).fill('unchanged')]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM complaints WHERE lapor_id = $1`, [c.id]);
    expect(n).toBe(1);
    expect((await eventTypes(c.id as string)).filter((e) => e !== 'routed')).toEqual(['received']);
  });

  it('never lets an older update overwrite a newer one, and adds nothing for identical content', async () => {
    const v1 = wireComplaint({ updated_at: wib('2026-11-21T01:00:00Z') });
    const v2 = {
      ...v1,
      title: 'Paspor belum jadi — sudah 4 minggu',
      updated_at: wib('2026-11-22T01:00:00Z'),
    };
    await deliver(event('complaint.dispositioned', v1)).expect(202);
    expect((await deliver(event('complaint.updated', v2)).expect(202)).body.outcome).toBe('updated');
    expect((await deliver(event('complaint.updated', v1)).expect(202)).body.outcome).toBe('stale');
    expect((await complaintRow(v1.id as string))!.title).toBe(v2.title);
    const bumped = { ...v2, updated_at: wib('2026-11-22T05:00:00Z') };
    expect((await deliver(event('complaint.updated', bumped)).expect(202)).body.outcome).toBe('unchanged');
    const types = (await eventTypes(v1.id as string)).filter((e) => e !== 'routed');
    expect(types).toEqual(['received', 'upstream_updated']);
    const stale = await ds.query(
      `SELECT outcome FROM inbound_deliveries WHERE lapor_id = $1 ORDER BY received_at`,
      [v1.id],
    );
    expect(stale.map((r: { outcome: string }) => r.outcome)).toEqual([
      'created',
      'updated',
      'stale',
      'unchanged',
    ]);
  });

  it('stores a new follow-up even when it comes with an older snapshot of its complaint', async () => {
    const v1 = wireComplaint({ updated_at: wib('2026-11-21T01:00:00Z') });
    const v2 = {
      ...v1,
      status_name: 'Selesai',
      status_code: 'done',
      updated_at: wib('2026-11-22T01:00:00Z'),
    };
    await deliver(event('complaint.dispositioned', v2)).expect(202);
    const followup = {
      id: `F${v1.id as string}`,
      content: 'Terima kasih, tapi paspor saya masih belum jadi.',
      created_at: wib('2026-11-21T02:00:00Z'),
      author_type: 'reporter',
      institution_from_name: null,
      institution_to_name: null,
      template_code: null,
      attachments: [],
    };
    const res = await deliver(event('complaint.followup_added', v1, { followup })).expect(202);
    expect(res.body.outcome).toBe('stale');
    const row = (await complaintRow(v1.id as string))!;
    expect(row.lapor_status_name).toBe('Selesai');
    const fus = await ds.query(
      `SELECT lapor_followup_id, author_type FROM follow_ups WHERE complaint_id = $1`,
      [row.id],
    );
    expect(fus).toEqual([{ lapor_followup_id: followup.id, author_type: 'reporter' }]);
  });

  it('keeps a known disposition time when a later read has only the created_at fallback', async () => {
    const withTime = wireComplaint();
    await deliver(event('complaint.dispositioned', withTime)).expect(202);
    const withoutTime = { ...withTime, dispositioned_at: null, updated_at: wib('2026-11-20T03:00:00Z') };
    const res = await deliver(event('complaint.updated', withoutTime)).expect(202);
    expect(res.body.outcome).toBe('unchanged');
    const row = (await complaintRow(withTime.id as string))!;
    expect(row.dispositioned_at).toEqual(new Date('2026-11-20T02:00:00Z'));
  });

  it('quarantines unknown codes instead of mapping them to a default', async () => {
    const c = wireComplaint({ category_id: '999', category_name: 'Kategori Baru' });
    await deliver(event('complaint.dispositioned', c)).expect(202);
    const row = (await complaintRow(c.id as string))!;
    expect(row.quarantine_reason).toBe('unknown category 999 (Kategori Baru)');
    expect(row.category_id).toBe('999');
    expect(row.quarantined_at).not.toBeNull();
    expect(await eventTypes(c.id as string)).toEqual(expect.arrayContaining(['received', 'quarantined']));
  });

  it('fetches the detail itself for a thin event', async () => {
    const [created] = (
      await request(laporUrl)
        .post('/_sandbox/complaints')
        .send({
          title: 'Tidak bisa lapor diri di Peduli WNI',
          content: 'Aplikasi Peduli WNI error terus saat saya di Osaka.',
          followups: [{ author_type: 'reporter', content: 'Mohon dibantu segera.' }],
        })
        .expect(201)
    ).body.data as { id: string }[];
    const res = await deliver(event('complaint.updated', null, { complaint_id: created.id })).expect(202);
    expect(res.body.outcome).toBe('fetch_queued');
    await waitFor(async () => !!(await complaintRow(String(created.id))), 'fetched and stored');
    const row = (await complaintRow(String(created.id)))!;
    expect(row.title).toBe('Tidak bisa lapor diri di Peduli WNI');
    const fus = await ds.query(`SELECT author_type, origin FROM follow_ups WHERE complaint_id = $1`, [
      row.id,
    ]);
    expect(fus).toEqual([{ author_type: 'reporter', origin: 'lapor' }]);
  });

  it('appears within a second of a callback the sandbox delivers', async () => {
    const [created] = (await request(laporUrl).post('/_sandbox/complaints').send({}).expect(201)).body
      .data as { id: string }[];
    const delivery = await request(laporUrl)
      .post('/_sandbox/webhooks/deliver')
      .send({
        url: `${t.url}/webhooks/lapor`,
        type: 'complaint.dispositioned',
        complaintId: String(created.id),
      })
      .expect(200);
    expect(JSON.stringify(delivery.body)).toContain('202');
    expect(await complaintRow(String(created.id))).toBeDefined();
  });

  it('accepts either secret during rotation', async () => {
    const c = wireComplaint();
    await post(signedWebhook(OLD_SECRET, event('complaint.dispositioned', c))).expect(202);
  });

  it('answers 401 for missing, wrong or stale signatures, tampered or re-serialised bodies', async () => {
    const c = wireComplaint();
    const good = signedWebhook(SANDBOX_WEBHOOK_SECRET, event('complaint.dispositioned', c));
    const expect401 = async (req: { headers: Record<string, string>; body: string }, code: string) => {
      const res = await post(req).expect(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.code).toBe(code);
    };
    const { ['webhook-signature']: _omit, ...unsigned } = good.headers;
    await expect401({ headers: unsigned, body: good.body }, 'WEBHOOK_SIGNATURE_MISSING');
    await expect401({ ...good, body: good.body.replace('Paspor', 'Pasport') }, 'WEBHOOK_SIGNATURE_INVALID');
    await expect401(
      { ...good, body: JSON.stringify(JSON.parse(good.body), null, 2) },
      'WEBHOOK_SIGNATURE_INVALID',
    );
    await expect401(
      signedWebhook('whsec_' + Buffer.alloc(32, 3).toString('base64'), event('complaint.updated', c)),
      'WEBHOOK_SIGNATURE_INVALID',
    );
    await expect401(
      signedWebhook(SANDBOX_WEBHOOK_SECRET, event('complaint.updated', c), {
        at: new Date(Date.now() - 301_000),
      }),
      'WEBHOOK_TIMESTAMP_STALE',
    );
    await expect401(
      signedWebhook(SANDBOX_WEBHOOK_SECRET, event('complaint.updated', c), {
        at: new Date(Date.now() + 302_000),
      }),
      'WEBHOOK_TIMESTAMP_FUTURE',
    );
    expect(await complaintRow(c.id as string)).toBeUndefined();
  });

  it('answers 400 for an authentic but malformed body or unknown type, and 413 when too large', async () => {
    const bad = await post(
      signedWebhook(SANDBOX_WEBHOOK_SECRET, null, { body: '{"type": "complaint.updated"' }),
    ).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const unknown = await deliver({ type: 'complaint.deleted', data: { complaint_id: '1' } }).expect(400);
    expect(unknown.body.code).toBe('WEBHOOK_UNKNOWN_TYPE');
    const noId = await deliver({ type: 'complaint.updated', data: {} }).expect(400);
    expect(noId.body.errors).toEqual([{ field: 'data.complaint_id', message: expect.any(String) }]);
    const broken = await deliver(
      event('complaint.updated', wireComplaint({ updated_at: 'yesterday' })),
    ).expect(400);
    expect(broken.body.errors[0].field).toBe('data.complaint');
    const big = wireComplaint({ content: 'x'.repeat(70_000) });
    const tooLarge = await deliver(event('complaint.updated', big)).expect(413);
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

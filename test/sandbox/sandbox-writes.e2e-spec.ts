import { SANDBOX_INSTITUTION_ID } from '../../src/sandbox/sandbox.defaults';
import { api, control, makeSandbox, rows } from './sandbox.helper';

const followup = (overrides: Record<string, unknown> = {}) => ({
  complaint_id: 77,
  institution_from_id: Number(SANDBOX_INSTITUTION_ID),
  institution_to_id: Number(SANDBOX_INSTITUTION_ID),
  content: 'Laporan Saudara sedang kami koordinasikan dengan KBRI Kuala Lumpur. [ref:abc123]',
  template_code: 'TL-PROSES',
  is_secret: 0,
  ...overrides,
});

describe('LAPOR! sandbox: follow-ups and forwarding', () => {
  const sandbox = makeSandbox();
  const lapor = api(sandbox);

  beforeEach(async () => {
    sandbox.reset();
    await control(sandbox)
      .post('/_sandbox/complaints')
      .send({ id: '77', created_at: '2026-11-20T01:00:00Z' })
      .expect(201);
  });

  it('adds a follow-up (JSON), bumps updated_at, and shows it in followups and the request log', async () => {
    const res = await lapor.post('/complaints/followup/add').send(followup()).expect(200);
    expect(res.body.success).toBe(true);
    expect(res.body.results.data).toMatchObject({
      complaint_id: 77,
      author_type: 'institution',
      institution_from_name: 'Kementerian Luar Negeri',
      template_code: 'TL-PROSES',
      created_at: '23-11-2026 14:05:09',
    });

    const list = await lapor.get('/complaints/77/followups?page=1').expect(200);
    expect(rows(list.body.results.data).map((f) => f.content)).toEqual([followup().content]);
    expect(list.body.results.next_page_url).toBeNull();

    const detail = await lapor.get('/complaints/77/complaint').expect(200);
    expect(detail.body.results.data.updated_at).toBe('23-11-2026 14:05:09');

    const log = await control(sandbox)
      .get('/_sandbox/requests?method=POST&path=/complaints/followup')
      .expect(200);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({ method: 'POST', path: '/complaints/followup/add', status: 200 });
    expect(log.body.data[0].body).toMatchObject({ complaint_id: 77, content: followup().content });

    const mirror = await control(sandbox).get('/_sandbox/followups?complaint_id=77').expect(200);
    expect(mirror.body.data).toHaveLength(1);
  });

  it('accepts multipart/form-data with attachments', async () => {
    const fields = followup();
    const req = lapor.post('/complaints/followup/add');
    for (const [name, value] of Object.entries(fields)) req.field(name, String(value));
    const res = await req.attach('attachment[0]', Buffer.from('%PDF-1.4 contoh'), 'surat.pdf').expect(200);
    const attachment = res.body.results.data.attachments[0];
    expect(attachment).toMatchObject({ name: 'surat.pdf' });
    const file = await control(sandbox)
      .get(new URL(attachment.url as string).pathname)
      .expect(200);
    expect((file.body as Buffer).toString()).toContain('%PDF-1.4');
    const log = await control(sandbox).get('/_sandbox/requests?path=/complaints/followup/add').expect(200);
    expect(log.body.data[0].body._files).toEqual([{ field: 'attachment[0]', name: 'surat.pdf', size: 15 }]);
  });

  it.each([
    ['no content', { content: '' }, 'content'],
    ['an unknown complaint', { complaint_id: 1 }, 'complaint_id'],
    ['an unknown institution', { institution_to_id: 99 }, 'institution_to_id'],
    ['another institution as sender', { institution_from_id: 1003 }, 'institution_from_id'],
    ['an unknown template', { template_code: 'NOPE' }, 'template_code'],
    ['a bad is_secret', { is_secret: 'ya' }, 'is_secret'],
  ])('refuses %s with 422 and field errors', async (_case, overrides, field) => {
    const res = await lapor.post('/complaints/followup/add').send(followup(overrides)).expect(422);
    expect(res.body).toMatchObject({ success: false, message: expect.any(String) });
    expect(Object.keys(res.body.errors)).toContain(field);
    const list = await lapor.get('/complaints/77/followups').expect(200);
    expect(list.body.results.data).toHaveLength(0);
  });

  it('forwards as not our authority: status Ditolak, disposition moves, log written', async () => {
    const res = await lapor
      .post('/complaints/process/77/reject')
      .send({ is_request: 1, not_authority: 1, reason: 1002, reason_description: 'Urusan izin tinggal WNA' })
      .expect(200);
    expect(res.body.results.data).toMatchObject({ status_name: 'Ditolak', disposition_id: 1002 });

    const detail = await lapor.get('/complaints/77/complaint').expect(200);
    expect(detail.body.results.data).toMatchObject({
      status_name: 'Ditolak',
      disposition_name: expect.stringContaining('Imigrasi'),
      dispositioned_at: '23-11-2026 14:05:09',
    });
    expect(rows(detail.body.results.data_logs).at(-1)).toMatchObject({
      status_name: 'Ditolak',
      description: expect.stringContaining('Urusan izin tinggal WNA'),
    });
    const inbox = await lapor.get('/complaints/inbox').expect(200);
    expect(inbox.body.results.data).toHaveLength(0);
    // It is no longer ours: a second forward or a follow-up is refused.
    await lapor
      .post('/complaints/process/77/reject')
      .send({ is_request: 1, not_authority: 1, reason: 1003, reason_description: 'lagi' })
      .expect(422);
    await lapor.post('/complaints/followup/add').send(followup()).expect(422);
  });

  it('accepts the reject form-encoded and refuses a missing flag or an unknown target', async () => {
    await lapor
      .post('/complaints/process/77/reject')
      .type('form')
      .send({ is_request: '1', reason: '1002', reason_description: 'x' })
      .expect(422);
    await lapor
      .post('/complaints/process/77/reject')
      .type('form')
      .send({ is_request: '1', not_authority: '1', reason: '4242', reason_description: 'x' })
      .expect(422);
    await lapor
      .post('/complaints/process/77/reject')
      .type('form')
      .send({ is_request: '1', not_authority: '1', reason: '1002', reason_description: 'x' })
      .expect(200);
    await lapor
      .post('/complaints/process/404/reject')
      .send({ is_request: 1, not_authority: 1, reason: 1002, reason_description: 'x' })
      .expect(404);
  });

  it('answers malformed JSON with 400 in the LAPOR! envelope', async () => {
    const res = await lapor
      .post('/complaints/followup/add')
      .set('content-type', 'application/json')
      .send('{"complaint_id":')
      .expect(400);
    expect(res.body.success).toBe(false);
  });
});

import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/modules/auth/role';
import { TokenService } from '../../src/modules/auth/token.service';
import { TemplatesSeeder } from '../../src/modules/templates/templates.seeder';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('response templates: bilingual, filled in from a complaint, edited by admins', () => {
  let t: TestApp;
  let ds: DataSource;
  const tokens = new Map<string, { token: string; id: string }>();
  /** Complaint ids by office. */
  const complaint: Record<'tokyo' | 'desk' | 'triage', string> = { tokyo: '', desk: '', triage: '' };

  const tokenOf = async (role: Role, mission?: string) => {
    const key = `${role}:${mission ?? ''}`;
    if (!tokens.has(key)) {
      const { token, record } = await t.app.get(TokenService).create({ role, missionCode: mission });
      tokens.set(key, { token, id: record.id });
    }
    return tokens.get(key)!;
  };
  /** One API call as `as` ([role, mission]), asserting the status (shows the problem document when it differs). */
  const call = async (
    status: number,
    method: 'get' | 'post' | 'patch',
    path: string,
    as: [Role, string?],
    body?: object,
  ) => {
    const req = request(t.url)
      [method](`/api/v1${path}`)
      .set('Authorization', `Bearer ${(await tokenOf(...as)).token}`);
    const res = await (body === undefined ? req : req.send(body));
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({
      status,
      body: undefined,
    });
    return res;
  };
  const insertComplaint = async (laporId: string, missionCode: string | null, trackingId: string | null) => {
    const [{ id }] = await ds.query<{ id: string }[]>(
      `INSERT INTO complaints (lapor_id, tracking_id, title, content, status, mission_code, upstream_created_at)
       VALUES ($1, $2, 'Paspor hilang di Shinjuku', 'Paspor saya hilang.', $3, $4, '2026-03-04T20:00:00Z')
       RETURNING id`,
      [laporId, trackingId, missionCode ? 'assigned' : 'triage', missionCode],
    );
    return id;
  };

  const handler: [Role, string] = ['handler', 'tokyo'];
  const admin: [Role] = ['admin'];

  beforeAll(async () => {
    t = await startTestApp({ label: 'templates' });
    ds = t.app.get(DataSource);
    complaint.tokyo = await insertComplaint('L-TPL-1', 'tokyo', 'TRK-2026-0001');
    complaint.desk = await insertComplaint('L-TPL-2', 'hq-pwni', 'TRK-2026-0002');
    complaint.triage = await insertComplaint('L-TPL-3', null, null);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the seeded templates, both languages, to every role; filters by action', async () => {
    const seeded = TemplatesSeeder.readFile().map((r) => r.code);
    for (const as of [handler, ['supervisor', 'osaka'], ['monitor'], admin] as [Role, string?][]) {
      const res = await call(200, 'get', '/templates', as);
      const codes = (res.body.data as { code: string }[]).map((x) => x.code);
      expect(codes).toEqual(expect.arrayContaining(seeded));
      expect(codes).toContain('reject-not-authority');
    }
    const ack = (await call(200, 'get', '/templates/ack-standard', handler)).body;
    expect(ack).toMatchObject({
      code: 'ack-standard',
      action: 'acknowledge',
      active: true,
      adminEdited: false,
    });
    expect(ack.bodyId).toContain('Yth. Bapak/Ibu Pelapor');
    expect(ack.bodyEn).toContain('Dear Sir or Madam');
    expect(ack.placeholders).toEqual(expect.arrayContaining(['trackingId', 'missionName']));

    const rejects = (await call(200, 'get', '/templates?action=reject', handler)).body.data;
    expect(rejects.map((x: { action: string }) => x.action)).toEqual(rejects.map(() => 'reject'));
    expect(rejects.length).toBeGreaterThan(0);

    const bad = await call(400, 'get', '/templates?action=delete', handler);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const missing = await call(404, 'get', '/templates/no-such-template', handler);
    expect(missing.body.code).toBe('TEMPLATE_NOT_FOUND');
    await request(t.url).get('/api/v1/templates').expect(401);
  });

  it("fills a template from the handler's own complaint in Indonesian and in English", async () => {
    const id = (
      await call(200, 'post', '/templates/ack-standard/render', handler, {
        complaintId: complaint.tokyo,
        lang: 'id',
      })
    ).body;
    expect(id).toMatchObject({ code: 'ack-standard', lang: 'id', unfilled: [] });
    expect(id.title).toBe('Tanda terima laporan');
    // 20:00 UTC on 4 March is 5 March in Tokyo: the mission's own calendar.
    expect(id.body).toContain(
      'nomor pelacakan TRK-2026-0001 perihal "Paspor hilang di Shinjuku" tertanggal 5 Maret 2026',
    );
    expect(id.body).toContain('KBRI Tokyo');
    expect(id.body).not.toContain('{{');

    const en = (
      await call(200, 'post', '/templates/ack-standard/render', handler, {
        complaintId: complaint.tokyo,
        lang: 'en',
      })
    ).body;
    expect(en.title).toBe('Acknowledgement of your report');
    expect(en.body).toContain('tracking number TRK-2026-0001');
    expect(en.body).toContain('dated 5 March 2026');
    expect(en.body).toContain('handled by KBRI Tokyo');

    // What no complaint can fill stays visible for the handler to complete.
    const reject = (
      await call(200, 'post', '/templates/reject-not-authority/render', handler, {
        complaintId: complaint.tokyo,
        lang: 'id',
      })
    ).body;
    expect(reject.unfilled).toEqual(['targetInstitution']);
    expect(reject.body).toContain('{{targetInstitution}}');
  });

  it('renders only complaints the caller may see: 404 otherwise, with no existence leak', async () => {
    const render = (status: number, as: [Role, string?], complaintId: string) =>
      call(status, 'post', '/templates/ack-standard/render', as, { complaintId, lang: 'en' });

    for (const [as, id] of [
      [['handler', 'osaka'], complaint.tokyo],
      [['supervisor', 'osaka'], complaint.tokyo],
      [handler, complaint.desk],
      [handler, complaint.triage],
      [handler, '00000000-0000-4000-8000-000000000000'],
      [handler, 'not-a-uuid'],
    ] as [[Role, string?], string][]) {
      const res = await render(404, as, id);
      expect(res.body).toMatchObject({ code: 'COMPLAINT_NOT_FOUND', status: 404 });
    }
    // The office above a desk sees the desk's complaints; monitors and admins see all.
    expect((await render(200, ['supervisor', 'hq-djpk'], complaint.desk)).body.body).toContain(
      'Pelindungan WNI',
    );
    await render(200, ['monitor'], complaint.tokyo);
    const triage = (await render(200, admin, complaint.triage)).body;
    expect(triage.unfilled).toEqual(expect.arrayContaining(['trackingId', 'missionName']));

    const unknownTemplate = await call(404, 'post', '/templates/nope/render', handler, {
      complaintId: complaint.tokyo,
      lang: 'id',
    });
    expect(unknownTemplate.body.code).toBe('TEMPLATE_NOT_FOUND');
    const badLang = await call(400, 'post', '/templates/ack-standard/render', handler, {
      complaintId: complaint.tokyo,
      lang: 'jv',
    });
    expect(badLang.body.code).toBe('VALIDATION_FAILED');
  });

  it('lets admins edit a template (others get 403), and re-seeding keeps the edit', async () => {
    const bodyEn = 'Dear Sir or Madam,\n\nWe have received report {{trackingId}}.\n\n{{missionName}}';
    for (const as of [handler, ['supervisor', 'tokyo'], ['monitor']] as [Role, string?][]) {
      const res = await call(403, 'patch', '/templates/ack-standard', as, { bodyEn });
      expect(res.body.code).toBe('FORBIDDEN_ROLE');
    }
    const edited = (await call(200, 'patch', '/templates/ack-standard', admin, { bodyEn })).body;
    expect(edited).toMatchObject({
      bodyEn,
      adminEdited: true,
      updatedBy: `token:${(await tokenOf('admin')).id}`,
    });

    // A template nobody edited that drifted from the file is put back; the admin's edit stays.
    await ds.query(`UPDATE response_templates SET body_en = 'stale' WHERE code = 'resolve-standard'`);
    const seeder = t.app.get(TemplatesSeeder);
    await seeder.seed();
    await seeder.seed(
      TemplatesSeeder.readFile().map((r) =>
        r.code === 'ack-standard' ? { ...r, bodyEn: 'new wording' } : r,
      ),
    );
    expect((await call(200, 'get', '/templates/ack-standard', handler)).body.bodyEn).toBe(bodyEn);
    expect((await call(200, 'get', '/templates/resolve-standard', handler)).body.bodyEn).toContain(
      'has been resolved',
    );
    const rendered = await call(200, 'post', '/templates/ack-standard/render', handler, {
      complaintId: complaint.tokyo,
      lang: 'en',
    });
    expect(rendered.body.body).toBe(
      'Dear Sir or Madam,\n\nWe have received report TRK-2026-0001.\n\nKBRI Tokyo',
    );

    const missing = await call(404, 'patch', '/templates/nope', admin, { titleEn: 'x' });
    expect(missing.body.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('refuses placeholders outside the whitelist (reporter data, typos) with 400', async () => {
    const patch = await call(400, 'patch', '/templates/resolve-standard', admin, {
      bodyId: 'Yth. {{reporterName}}, laporan {{trackingId}} selesai ({{ nik }}).',
    });
    expect(patch.body).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_PLACEHOLDER',
      placeholders: ['reporterName', 'nik'],
    });

    const created = await call(400, 'post', '/templates', admin, {
      code: 'followup-visa-progress',
      action: 'followup',
      titleId: 'Perkembangan permohonan visa',
      titleEn: 'Progress of the visa application',
      bodyId: 'Laporan {{trackingId}}: {{reporterEmail}}',
      bodyEn: 'Report {{trackingId}}',
    });
    expect(created.body).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_PLACEHOLDER',
      placeholders: ['reporterEmail'],
    });

    const tooLong = await call(400, 'patch', '/templates/resolve-standard', admin, {
      titleEn: 'x'.repeat(201),
    });
    expect(tooLong.body.code).toBe('VALIDATION_FAILED');
  });

  it('lets admins add templates and retire them; retired ones are hidden from handlers', async () => {
    const body = {
      code: 'followup-visa-progress',
      action: 'followup',
      titleId: 'Perkembangan permohonan visa',
      titleEn: 'Progress of the visa application',
      bodyId: 'Permohonan terkait laporan {{trackingId}} sedang diproses oleh {{missionName}}.',
      bodyEn: 'The application for report {{trackingId}} is being processed by {{missionName}}.',
    };
    await call(403, 'post', '/templates', handler, body);
    const created = await call(201, 'post', '/templates', admin, body);
    expect(created.body).toMatchObject({ code: body.code, active: true, adminEdited: true });
    expect((await call(409, 'post', '/templates', admin, body)).body.code).toBe('TEMPLATE_CODE_TAKEN');

    await call(200, 'patch', `/templates/${body.code}`, admin, { active: false });
    const handlerList = (await call(200, 'get', '/templates', handler)).body.data as { code: string }[];
    expect(handlerList.map((x) => x.code)).not.toContain(body.code);
    await call(404, 'get', `/templates/${body.code}`, handler);
    await call(404, 'post', `/templates/${body.code}/render`, handler, {
      complaintId: complaint.tokyo,
      lang: 'id',
    });
    const adminList = (await call(200, 'get', '/templates?includeInactive=true', admin)).body.data;
    expect(adminList).toContainEqual(expect.objectContaining({ code: body.code, active: false }));
  });
  it('documents every template route, its roles and error codes in OpenAPI', async () => {
    const { paths } = (await request(t.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
    };
    expect(Object.keys(paths['/api/v1/templates']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/templates/{code}']).sort()).toEqual(['get', 'patch']);
    const render = paths['/api/v1/templates/{code}/render'].post.responses;
    expect(render['404'].description).toContain('COMPLAINT_NOT_FOUND');
    const patch = paths['/api/v1/templates/{code}'].patch.responses;
    expect(patch['400'].description).toContain('TEMPLATE_UNKNOWN_PLACEHOLDER');
    expect(patch['403'].description).toContain('admins only');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { JobName, QueueName } from '../../src/core/queue/queue.contract';
import { TokenService } from '../../src/modules/auth/token.service';
import type { Role } from '../../src/modules/auth/role';
import { MissionsSeeder } from '../../src/modules/missions/missions.seeder';
import { SANDBOX_WEBHOOK_SECRET } from '../../src/sandbox/sandbox.defaults';
import type { SandboxServer } from '../../src/sandbox/sandbox.server';
import { event, signedWebhook, wireComplaint } from '../helpers/lapor-wire';
import { control, intakeQueries, pollOnce, startIntakeApp, startSandbox } from '../intake/poller.helper';
import type { TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait-for';

interface Case {
  id: string;
  title: string;
  content: string;
  location_text: string | null;
  expected_mission: string;
}

const DEV_CASES: Case[] = readFileSync(
  join(__dirname, '..', '..', 'config', 'data', 'routing-cases.dev.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);

interface Row {
  id: string;
  lapor_id: string;
  status: string;
  mission_code: string | null;
  priority: string;
  version: number;
  routing: { rule: string; evidence: string[]; confidence: number; desk?: string } | null;
}

describe('routing: sandbox complaints reach their office, with the reason', () => {
  let sandbox: SandboxServer;
  let laporUrl: string;
  let t: TestApp;
  const tokens = new Map<string, string>();

  const token = async (role: Role, mission?: string) => {
    const key = `${role}:${mission ?? ''}`;
    if (!tokens.has(key))
      tokens.set(key, (await t.app.get(TokenService).create({ role, missionCode: mission })).token);
    return tokens.get(key)!;
  };
  /** One API call as `role` (of `mission`); resolves to the response. */
  const api = async (
    method: 'get' | 'post' | 'patch',
    path: string,
    role: Role,
    mission?: string,
    body?: object,
  ) => {
    const req = request(t.url)
      [method](path)
      .set('Authorization', `Bearer ${await token(role, mission)}`);
    return body === undefined ? req : req.send(body);
  };
  /** The same, asserting the status (shows the problem document when it differs). */
  const call = async (
    status: number,
    method: 'get' | 'post' | 'patch',
    path: string,
    role: Role,
    mission: string | undefined,
    body: object,
  ) => {
    const res = await api(method, path, role, mission, body);
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({
      status,
      body: undefined,
    });
    return res;
  };
  const rows = (laporIds: string[]): Promise<Row[]> =>
    intakeQueries(t).ds.query(
      `SELECT id, lapor_id, status, mission_code, priority, version, routing FROM complaints
       WHERE lapor_id = ANY($1) ORDER BY lapor_id`,
      [laporIds],
    );
  const routedEvents = (complaintId: string) =>
    intakeQueries(t).ds.query<
      {
        type: string;
        actor: string;
        from_status: string;
        to_status: string;
        payload: Record<string, unknown>;
      }[]
    >(
      `SELECT type, actor, from_status, to_status, payload FROM complaint_events
       WHERE complaint_id = $1 AND type IN ('routed', 'rerouted') ORDER BY id`,
      [complaintId],
    );
  /** Creates complaints in the sandbox, polls them in and waits until each has left `received`. */
  const intake = async (complaints: Record<string, unknown>[]): Promise<Row[]> => {
    const ids = await control(laporUrl).create(complaints);
    await pollOnce(t);
    await waitFor(
      async () => (await rows(ids)).filter((r) => r.status !== 'received').length === ids.length,
      `${ids.length} complaints routed`,
    );
    const found = await rows(ids);
    return ids.map((id) => found.find((r) => r.lapor_id === id)!);
  };
  /**
   * A complaint LAPOR! dispositioned to a mission's own institution reaches the bridge by webhook
   * (the sandbox's inbox lists only the ministry's); waits until it is routed.
   */
  const intakeByWebhook = async (overrides: Record<string, unknown>): Promise<Row> => {
    const c = wireComplaint(overrides);
    const req = signedWebhook(SANDBOX_WEBHOOK_SECRET, event('complaint.dispositioned', c));
    await request(t.url).post('/webhooks/lapor').set(req.headers).send(req.body).expect(202);
    const id = String(c.id);
    await waitFor(async () => (await rows([id]))[0]?.status !== 'received', 'webhook complaint routed');
    return (await rows([id]))[0];
  };
  const asSandboxComplaint = (c: { title: string; content: string; location_text?: string | null }) => ({
    title: c.title,
    content: c.content,
    ...(c.location_text ? { location_id: '9001', location_name: c.location_text } : {}),
  });

  beforeAll(async () => {
    ({ sandbox, url: laporUrl } = await startSandbox());
    await control(laporUrl).call('POST', '/reset', { seedDemo: false });
    t = await startIntakeApp(laporUrl, {
      label: 'routing',
      env: { LAPOR_WEBHOOK_SECRETS: SANDBOX_WEBHOOK_SECRET },
    });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('assigns each labelled case to its expected office, explains why in the timeline, and tells the office', async () => {
    const cases = DEV_CASES.filter((_, i) => i % 4 === 0).concat(
      DEV_CASES.filter((c) => c.expected_mission === 'hq-djpk'),
    );
    const routed = await intake(cases.map(asSandboxComplaint));
    expect(routed.map((r) => r.mission_code)).toEqual(cases.map((c) => c.expected_mission));
    for (const r of routed) {
      expect(r.status).toBe('assigned');
      const [e] = await routedEvents(r.id);
      expect(e).toMatchObject({
        type: 'routed',
        actor: 'system:router',
        from_status: 'received',
        to_status: 'assigned',
      });
      expect(e.payload).toMatchObject({
        missionCode: r.mission_code,
        rule: r.routing!.rule,
        priority: r.priority,
      });
      expect((e.payload.evidence as string[]).length).toBeGreaterThan(0);
      expect(r.routing!.confidence).toBeGreaterThan(0);
    }
    // The service-passport case is a headquarters-only matter: hq-djpk, with its desk named.
    expect(routed[routed.length - 1].routing).toMatchObject({ rule: 'hq-only', desk: 'hq-paspor-dinas' });

    // Each office finds the complaint in its notification list, and only its own.
    const first = routed[0];
    await waitFor(async () => {
      const res = await api('get', '/api/v1/notifications', 'handler', first.mission_code!);
      return (res.body.data as { complaintId: string }[]).some((n) => n.complaintId === first.id);
    }, 'notification for the office');
    const res = await api('get', '/api/v1/notifications', 'handler', first.mission_code!);
    expect(new Set((res.body.data as { missionCode: string }[]).map((n) => n.missionCode))).toEqual(
      new Set([first.mission_code]),
    );
    expect(res.body.data[0]).toMatchObject({ kind: 'complaint.assigned', missionCode: first.mission_code });
  });

  it('leaves a complaint with no place or mission in triage at hq-djpk, saying why', async () => {
    const [r] = await intake([
      { title: 'Mohon informasi', content: 'Bagaimana prosedur pengaduan yang benar? Terima kasih.' },
    ]);
    expect(r).toMatchObject({ status: 'triage', mission_code: 'hq-djpk' });
    expect(r.routing!.rule).toBe('triage');
    expect(r.routing!.evidence[0]).toMatch(/no mission/);
  });

  it('sets priority: urgent for citizen-protection emergencies, high for vulnerable reporters', async () => {
    const [urgent, high, normal] = await intake([
      {
        title: 'Suami saya ditahan polisi',
        content: 'Suami saya PMI di Riyadh ditahan polisi sejak kemarin tanpa kabar.',
      },
      {
        title: 'Perpanjangan paspor ibu',
        content: 'Ibu saya lansia, 78 tahun, tinggal di Osaka dan tidak bisa datang ke KJRI.',
      },
      { title: 'Legalisir ijazah', content: 'Saya di Berlin, berapa lama legalisir ijazah di KBRI?' },
    ]);
    expect([urgent.priority, high.priority, normal.priority]).toEqual(['urgent', 'high', 'normal']);
    expect([urgent.mission_code, high.mission_code, normal.mission_code]).toEqual([
      'riyadh',
      'osaka',
      'berlin',
    ]);
    expect((await routedEvents(urgent.id))[0].payload.priorityEvidence).toEqual(['"ditahan"']);
  });

  it('routes by the LAPOR! disposition to a mission institution id first (rule 1)', async () => {
    await call(200, 'patch', '/api/v1/missions/osaka', 'admin', undefined, { laporInstitutionId: '88001' });
    const r = await intakeByWebhook({
      title: 'Paspor hilang di Tokyo',
      content: 'Paspor saya hilang di Shinjuku, Tokyo.',
      disposition_id: '88001',
      disposition_name: 'KJRI Osaka',
    });
    expect(r).toMatchObject({ status: 'assigned', mission_code: 'osaka' });
    expect(r.routing).toMatchObject({ rule: 'disposition', confidence: 1 });
  });

  it('never routes a complaint twice: a duplicated routing job changes nothing', async () => {
    const [r] = await intake([
      { title: 'Antrean KBRI Seoul', content: 'Antrean di KBRI Seoul sangat panjang.' },
    ]);
    const before = { row: (await rows([r.lapor_id]))[0], events: await routedEvents(r.id) };
    const queue = t.app.get(QueueRegistry).queue(QueueName.Routing);
    const job = await queue.add(
      JobName.ComplaintRoute,
      { complaintId: r.id, correlationId: 'dup-test' },
      { jobId: `dup-${r.id}` },
    );
    await waitFor(async () => (await queue.getJob(job.id!))?.finishedOn !== undefined, 'duplicate job done');
    expect((await queue.getJob(job.id!))!.returnvalue).toEqual({ missionCode: null });
    expect((await rows([r.lapor_id]))[0]).toEqual(before.row);
    expect(await routedEvents(r.id)).toEqual(before.events);
  });

  describe('POST /api/v1/routing/preview', () => {
    const body = {
      title: 'Paspor hilang',
      content: 'Paspor saya hilang di Umeda, Osaka.',
      locationText: null,
    };

    it('shows monitors and admins the decision, and stores nothing', async () => {
      const count = async () =>
        (await intakeQueries(t).ds.query(`SELECT count(*)::int AS n FROM complaints`))[0].n as number;
      const n = await count();
      for (const role of ['monitor', 'admin'] as const) {
        const res = await call(200, 'post', '/api/v1/routing/preview', role, undefined, body);
        expect(res.body).toEqual({
          missionCode: 'osaka',
          rule: 'place',
          evidence: expect.arrayContaining([expect.stringContaining('Osaka')]),
          confidence: expect.any(Number),
          status: 'assigned',
          priority: 'normal',
        });
      }
      expect(await count()).toBe(n);
    });

    it('refuses handlers (403) and bad bodies (400 with the fields)', async () => {
      const denied = await call(403, 'post', '/api/v1/routing/preview', 'handler', 'tokyo', body);
      expect(denied.body.code).toBe('FORBIDDEN_ROLE');
      const bad = await call(400, 'post', '/api/v1/routing/preview', 'monitor', undefined, {
        title: 5,
        extra: 1,
      });
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
        'content',
        'extra',
        'title',
      ]);
    });
  });

  describe('POST /api/v1/complaints/{id}/reroute', () => {
    it('moves a complaint when the router now decides otherwise, recording the previous office', async () => {
      const r = await intakeByWebhook({
        title: 'Mohon bantuan',
        content: 'Dokumen saya belum selesai.',
        disposition_id: '88002',
        disposition_name: 'KBRI Seoul',
      });
      expect(r).toMatchObject({ status: 'triage', mission_code: 'hq-djpk' });
      // Nothing changed yet: the same office, no event.
      const same = await call(200, 'post', `/api/v1/complaints/${r.id}/reroute`, 'admin', undefined, {});
      expect(same.body).toMatchObject({ changed: false, missionCode: 'hq-djpk', status: 'triage' });

      await call(200, 'patch', '/api/v1/missions/seoul', 'admin', undefined, { laporInstitutionId: '88002' });
      const res = await call(200, 'post', `/api/v1/complaints/${r.id}/reroute`, 'admin', undefined, {
        reason: 'KBRI Seoul now has its LAPOR! id',
      });
      expect(res.body).toMatchObject({
        complaintId: r.id,
        changed: true,
        previousMissionCode: 'hq-djpk',
        missionCode: 'seoul',
        status: 'assigned',
        routing: { rule: 'disposition' },
      });
      expect((await rows([r.lapor_id]))[0]).toMatchObject({
        mission_code: 'seoul',
        status: 'assigned',
        version: r.version + 1,
      });
      const events = await routedEvents(r.id);
      expect(events.map((e) => e.type)).toEqual(['routed', 'rerouted']);
      expect(events[1]).toMatchObject({
        from_status: 'triage',
        to_status: 'assigned',
        payload: {
          previousMissionCode: 'hq-djpk',
          missionCode: 'seoul',
          reason: 'KBRI Seoul now has its LAPOR! id',
        },
      });
      expect(events[1].actor).toMatch(/^token:/);
    });

    it('is for admins only, and says clearly when the complaint does not exist', async () => {
      const [r] = await intake([{ title: 'Antrean KBRI Seoul', content: 'Antrean di KBRI Seoul lama.' }]);
      expect(
        (await call(403, 'post', `/api/v1/complaints/${r.id}/reroute`, 'handler', 'seoul', {})).body.code,
      ).toBe('FORBIDDEN_ROLE');
      await call(403, 'post', `/api/v1/complaints/${r.id}/reroute`, 'monitor', undefined, {});
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const res = await call(404, 'post', `/api/v1/complaints/${id}/reroute`, 'admin', undefined, {});
        expect(res.body.code).toBe('COMPLAINT_NOT_FOUND');
      }
    });
  });

  describe('missions directory', () => {
    it('lists every mission and desk with jurisdictions, side accreditations and subdivisions', async () => {
      const res = await api('get', '/api/v1/missions', 'handler', 'tokyo');
      expect(res.status).toBe(200);
      const all = res.body.data as { code: string; type: string; parentCode: string | null }[];
      expect(all).toHaveLength(139);
      expect(
        all
          .filter((m) => m.parentCode === 'hq-djpk')
          .map((m) => m.code)
          .sort(),
      ).toEqual(['hq-fasdip', 'hq-paspor-dinas', 'hq-protokol', 'hq-pwni']);
      const brussels = (await api('get', '/api/v1/missions/brussel', 'monitor')).body;
      expect(brussels).toMatchObject({ code: 'brussel', countryIso2: 'BE', type: 'KBRI' });
      expect(brussels.sideAccreditations).toContain('LU');
      const osaka = (await api('get', '/api/v1/missions/osaka', 'monitor')).body;
      expect(osaka.subdivisions.map((s: { code: string }) => s.code)).toContain('JP-27'); // Osaka prefecture
      const kbri = (await api('get', '/api/v1/missions?type=KJRI&country=jp', 'monitor')).body.data;
      expect(kbri.map((m: { code: string }) => m.code).sort()).toEqual(['osaka']);
      const missing = await api('get', '/api/v1/missions/atlantis', 'monitor');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('MISSION_NOT_FOUND');
    });

    it('lets admins edit office hours and the like, kept when the directory is seeded again', async () => {
      const edit = { officeHours: { open: '08:30', close: '15:30' }, timezone: 'Asia/Tokyo' };
      const res = await call(200, 'patch', '/api/v1/missions/tokyo', 'admin', undefined, edit);
      expect(res.body).toMatchObject({ ...edit, adminEditedFields: ['office_hours', 'timezone'] });

      // Reference data changes: the edited field stays, the others follow the data.
      const seeder = t.app.get(MissionsSeeder);
      const data = MissionsSeeder.readDirectory().map((m) =>
        m.code === 'tokyo' ? { ...m, timezone: 'Asia/Seoul', notes: 'changed upstream' } : m,
      );
      await seeder.seed(data);
      const after = (await api('get', '/api/v1/missions/tokyo', 'monitor')).body;
      expect(after).toMatchObject({ ...edit, notes: 'changed upstream' });
      await seeder.seed();
    });

    it('refuses bad edits with the fields, other roles with 403, a taken institution id with 409', async () => {
      const bad = await call(400, 'patch', '/api/v1/missions/tokyo', 'admin', undefined, {
        officeHours: { open: '17:00', close: '09:00' },
        timezone: 'Mars/Olympus',
        weekendDays: [8],
        type: 'KJRI',
      });
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'officeHours.close',
        'timezone',
        'type',
        'weekendDays',
      ]);
      await call(403, 'patch', '/api/v1/missions/tokyo', 'supervisor', 'tokyo', { notes: 'x' });
      await call(403, 'patch', '/api/v1/missions/tokyo', 'monitor', undefined, { notes: 'x' });
      await call(200, 'patch', '/api/v1/missions/berlin', 'admin', undefined, {
        laporInstitutionId: '77001',
      });
      const taken = await call(409, 'patch', '/api/v1/missions/paris', 'admin', undefined, {
        laporInstitutionId: '77001',
      });
      expect(taken.body.code).toBe('MISSION_INSTITUTION_ID_TAKEN');
      await call(404, 'patch', '/api/v1/missions/atlantis', 'admin', undefined, { notes: 'x' });
    });
  });
});

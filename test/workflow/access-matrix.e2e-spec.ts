import request from 'supertest';
import type { Role } from '../../src/modules/auth/role';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from './workflow.helper';

/**
 * Who may call which route (SPEC.md "Users", issue 5): every /api/v1 route, tried as every kind of
 * caller. handler and supervisor are scoped to one mission (here KJRI Osaka, where the complaints
 * are routed); KBRI Tokyo's people are the foreign mission, who must get 404 for Osaka's complaint
 * (no existence leak); monitors read everything and write nothing (403); admins do everything; no or
 * an unknown token is 401. The table must name every route of the OpenAPI document, so a new route
 * without a row fails here.
 */

const CALLERS = [
  'none',
  'unknown',
  'handler',
  'supervisor',
  'foreignHandler',
  'foreignSupervisor',
  'monitor',
  'admin',
] as const;
type Caller = (typeof CALLERS)[number];
/** The expected status of each caller with a token (no or an unknown token is always 401). */
type Expect = Record<Exclude<Caller, 'none' | 'unknown'>, number>;

const OWN = 'osaka';
const FOREIGN = 'tokyo';
const PRINCIPALS: Record<Exclude<Caller, 'none' | 'unknown'>, [Role, string?]> = {
  handler: ['handler', OWN],
  supervisor: ['supervisor', OWN],
  foreignHandler: ['handler', FOREIGN],
  foreignSupervisor: ['supervisor', FOREIGN],
  monitor: ['monitor'],
  admin: ['admin'],
};

const everyone = (ok = 200): Expect => ({
  handler: ok,
  supervisor: ok,
  foreignHandler: ok,
  foreignSupervisor: ok,
  monitor: ok,
  admin: ok,
});
const only = (roles: Role[], ok = 200): Expect => {
  const s = (r: Role) => (roles.includes(r) ? ok : 403);
  return {
    handler: s('handler'),
    supervisor: s('supervisor'),
    foreignHandler: s('handler'),
    foreignSupervisor: s('supervisor'),
    monitor: s('monitor'),
    admin: s('admin'),
  };
};
/** Reading Osaka's complaint: Osaka's people, monitors and admins; Tokyo's people do not know it exists. */
const complaintRead: Expect = {
  handler: 200,
  supervisor: 200,
  foreignHandler: 404,
  foreignSupervisor: 404,
  monitor: 200,
  admin: 200,
};
/** A workflow action on Osaka's complaint: as a read, but monitors never write. */
const complaintWrite: Expect = { ...complaintRead, monitor: 403 };

/** The state an allowed caller's own fresh complaint is put in before the action, so it gets 200. */
type Before = 'assigned' | 'acknowledged' | 'resolved';

interface Row {
  expect: Expect;
  /** The URL, with the complaint this call is about (a fresh one for allowed writers, else the probe). */
  url: (complaintId: string) => string;
  body?: () => object;
  /** A write on a complaint: each caller allowed to write acts on a fresh complaint in this state. */
  acts?: Before;
  /** The problem code of an expected 404 (default COMPLAINT_NOT_FOUND). */
  notFound?: string;
}

let templateSeq = 0;
let revokable = '';
/** The in-app notice of the probe's arrival at Osaka. */
let osakaNotice = '';

/** Every /api/v1 route of the OpenAPI document, keyed `METHOD path`. */
const TABLE: Record<string, Row> = {
  'GET /api/v1/auth/whoami': { expect: everyone(), url: () => '/api/v1/auth/whoami' },

  'GET /api/v1/complaints': { expect: everyone(), url: () => '/api/v1/complaints' },
  'GET /api/v1/complaints/{id}': { expect: complaintRead, url: (id) => `/api/v1/complaints/${id}` },
  'POST /api/v1/complaints/{id}/acknowledge': {
    expect: complaintWrite,
    acts: 'assigned',
    url: (id) => `/api/v1/complaints/${id}/acknowledge`,
    body: () => ({ note: 'saya tangani' }),
  },
  'POST /api/v1/complaints/{id}/followups': {
    expect: complaintWrite,
    acts: 'assigned',
    url: (id) => `/api/v1/complaints/${id}/followups`,
    body: () => ({ visibility: 'internal', content: 'Cek data SPLP.' }),
  },
  'POST /api/v1/complaints/{id}/ask-reporter': {
    expect: complaintWrite,
    acts: 'assigned',
    url: (id) => `/api/v1/complaints/${id}/ask-reporter`,
    body: () => ({ content: 'Mohon kirim salinan laporan polisi.' }),
  },
  'POST /api/v1/complaints/{id}/resolve': {
    expect: complaintWrite,
    acts: 'acknowledged',
    url: (id) => `/api/v1/complaints/${id}/resolve`,
    body: () => ({ resolution: 'SPLP sudah diterbitkan.' }),
  },
  'POST /api/v1/complaints/{id}/reopen': {
    expect: complaintWrite,
    acts: 'resolved',
    url: (id) => `/api/v1/complaints/${id}/reopen`,
    body: () => ({ reason: 'Pelapor belum menerima dokumen' }),
  },
  'POST /api/v1/complaints/{id}/transfer': {
    // Supervisors and admins only: a handler is refused by role, whichever complaint it names.
    expect: { ...complaintWrite, handler: 403, foreignHandler: 403 },
    acts: 'assigned',
    url: (id) => `/api/v1/complaints/${id}/transfer`,
    body: () => ({ missionCode: FOREIGN, reason: 'Domisili pelapor di Tokyo' }),
  },
  'POST /api/v1/complaints/{id}/escalate': {
    expect: complaintWrite,
    acts: 'assigned',
    url: (id) => `/api/v1/complaints/${id}/escalate`,
    body: () => ({ reason: 'Butuh keputusan' }),
  },
  'POST /api/v1/complaints/{id}/reject': {
    expect: complaintWrite,
    acts: 'assigned',
    url: (id) => `/api/v1/complaints/${id}/reject`,
    body: () => ({ targetInstitutionId: '2045', reason: 'Kewenangan Ditjen Imigrasi' }),
  },
  'POST /api/v1/complaints/{id}/reroute': {
    expect: only(['admin']),
    acts: 'assigned',
    url: (id) => `/api/v1/complaints/${id}/reroute`,
    body: () => ({ reason: 'periksa ulang' }),
  },

  'POST /api/v1/routing/preview': {
    expect: only(['monitor', 'admin']),
    url: () => '/api/v1/routing/preview',
    body: () => {
      const { title, content } = osakaComplaint() as { title: string; content: string };
      return { title, content };
    },
  },

  'GET /api/v1/missions': { expect: everyone(), url: () => '/api/v1/missions' },
  'GET /api/v1/missions/{code}': { expect: everyone(), url: () => '/api/v1/missions/vienna' },
  'PATCH /api/v1/missions/{code}': {
    expect: only(['admin']),
    url: () => '/api/v1/missions/vienna',
    body: () => ({ notes: 'access matrix' }),
  },

  'GET /api/v1/notifications': { expect: everyone(), url: () => '/api/v1/notifications' },
  'POST /api/v1/notifications/{id}/read': {
    // Osaka's notice: each reader marks their own copy; Tokyo's people do not know it exists.
    expect: complaintRead,
    notFound: 'NOTIFICATION_NOT_FOUND',
    url: () => `/api/v1/notifications/${osakaNotice}/read`,
  },
  'POST /api/v1/notifications/read-all': {
    expect: everyone(),
    url: () => '/api/v1/notifications/read-all',
    body: () => ({}),
  },

  'GET /api/v1/templates': { expect: everyone(), url: () => '/api/v1/templates' },
  'GET /api/v1/templates/{code}': { expect: everyone(), url: () => '/api/v1/templates/ack-standard' },
  'POST /api/v1/templates/{code}/render': {
    // Fills in from a complaint: the foreign mission may not learn that Osaka's exists.
    expect: complaintRead,
    url: () => '/api/v1/templates/ack-standard/render',
    body: () => ({ complaintId: probe.id, lang: 'id' }),
  },
  'POST /api/v1/templates': {
    expect: only(['admin'], 201),
    url: () => '/api/v1/templates',
    body: () => ({
      code: `access-matrix-${++templateSeq}`,
      action: 'acknowledge',
      titleId: 'Tanda terima',
      titleEn: 'Acknowledgement',
      bodyId: 'Laporan Anda kami terima.',
      bodyEn: 'We received your report.',
    }),
  },
  'PATCH /api/v1/templates/{code}': {
    expect: only(['admin']),
    url: () => '/api/v1/templates/access-matrix-patch',
    body: () => ({ titleEn: 'Acknowledgement (edited)' }),
  },

  'GET /api/v1/admin/tokens': { expect: only(['admin']), url: () => '/api/v1/admin/tokens' },
  'POST /api/v1/admin/tokens': {
    expect: only(['admin'], 201),
    url: () => '/api/v1/admin/tokens',
    body: () => ({ role: 'monitor', name: 'access matrix' }),
  },
  'POST /api/v1/admin/tokens/{id}/revoke': {
    // Revoking again changes nothing (200), so the order of the callers does not matter.
    expect: only(['admin']),
    url: () => `/api/v1/admin/tokens/${revokable}/revoke`,
  },
  'GET /api/v1/admin/audit': { expect: only(['admin']), url: () => '/api/v1/admin/audit' },
  'POST /api/v1/admin/backfill': {
    // A range with no LAPOR! history: the import runs but brings nothing.
    expect: only(['admin'], 202),
    url: () => '/api/v1/admin/backfill',
    body: () => ({ from: '2020-01-01', to: '2020-01-02' }),
  },
  'GET /api/v1/admin/quarantine': { expect: only(['admin']), url: () => '/api/v1/admin/quarantine' },
  'GET /api/v1/sync/status': { expect: only(['admin', 'monitor']), url: () => '/api/v1/sync/status' },
  'GET /api/v1/admin/dead-letters': { expect: only(['admin']), url: () => '/api/v1/admin/dead-letters' },
  'POST /api/v1/admin/dead-letters/{id}/retry': {
    // No dead letter here: an admin passes the role check and learns it does not exist.
    expect: only(['admin'], 404),
    notFound: 'DEAD_LETTER_NOT_FOUND',
    url: () => '/api/v1/admin/dead-letters/00000000-0000-4000-8000-000000000000/retry',
  },

  'GET /api/v1/calendars/holidays': { expect: everyone(), url: () => '/api/v1/calendars/holidays?year=2026' },
  'POST /api/v1/calendars/holidays': {
    expect: only(['admin'], 201),
    url: () => '/api/v1/calendars/holidays',
    body: () => ({
      scope: OWN,
      date: `2031-01-${String(++holidaySeq).padStart(2, '0')}`,
      kind: 'closure',
      name: 'Uji akses',
    }),
  },
  'PATCH /api/v1/calendars/holidays/{id}': {
    // No such entry: an admin passes the role check and learns it does not exist.
    expect: only(['admin'], 404),
    notFound: 'HOLIDAY_NOT_FOUND',
    url: () => '/api/v1/calendars/holidays/999999999',
    body: () => ({ name: 'Uji akses' }),
  },
  'DELETE /api/v1/calendars/holidays/{id}': {
    expect: only(['admin'], 404),
    notFound: 'HOLIDAY_NOT_FOUND',
    url: () => '/api/v1/calendars/holidays/999999999',
  },

  // Reports: monitors and admins see every office; a supervisor their own (scoped, not refused).
  'GET /api/v1/reports/kpi': {
    expect: only(['monitor', 'admin', 'supervisor']),
    url: () => '/api/v1/reports/kpi',
  },
  'GET /api/v1/reports/sla': {
    expect: only(['monitor', 'admin', 'supervisor']),
    url: () => '/api/v1/reports/sla',
  },
  'GET /api/v1/reports/pekppp': {
    expect: only(['monitor', 'admin', 'supervisor']),
    url: () => '/api/v1/reports/pekppp?year=2026',
  },
  'GET /api/v1/reports/breaches': {
    expect: only(['monitor', 'admin', 'supervisor']),
    url: () => '/api/v1/reports/breaches',
  },
};
let holidaySeq = 0;

type Method = 'get' | 'post' | 'patch' | 'delete';
const methodOf = (key: string) => key.split(' ')[0].toLowerCase() as Method;
const isOk = (status: number) => status >= 200 && status < 300;

/** What the caller should see: the status, and the problem code that says why. */
function expected(caller: Caller, status: number, notFound = 'COMPLAINT_NOT_FOUND'): string {
  if (caller === 'none') return '401 AUTH_REQUIRED';
  if (caller === 'unknown') return '401 AUTH_INVALID_TOKEN';
  if (status === 403) return '403 FORBIDDEN_ROLE';
  if (status === 404) return `404 ${notFound}`;
  return String(status);
}

/** The Osaka complaint every refused call names (and reads use); refused calls must not change it. */
const probe = { id: '', laporId: '' };

describe('access matrix: every /api/v1 route, every role, and a foreign mission', () => {
  let bed: WorkflowBed;
  /** Fresh complaints of allowed writers, by `row key|caller`. */
  const fresh = new Map<string, string>();

  /** The headers of a caller (none, a never-issued token, or a token of its role and mission). */
  const headersOf = async (caller: Caller, ifMatch?: string): Promise<Record<string, string>> => {
    const h: Record<string, string> = ifMatch ? { 'If-Match': ifMatch } : {};
    if (caller === 'unknown') h.Authorization = 'Bearer lb_this-token-was-never-issued-0000000000';
    else if (caller !== 'none') h.Authorization = `Bearer ${await bed.token(...PRINCIPALS[caller])}`;
    return h;
  };
  const call = async (
    caller: Caller,
    method: Method,
    url: string,
    opts: { ifMatch?: string; body?: object; accept?: string } = {},
  ) => {
    const headers = await headersOf(caller, opts.ifMatch);
    if (opts.accept) headers.Accept = opts.accept;
    const req = request(bed.t.url)[method](url).set(headers);
    return opts.body === undefined ? await req : await req.send(opts.body);
  };
  /** The complaint's ETag as an admin reads it now. */
  const etagOf = async (id: string): Promise<string> => {
    const res = await call('admin', 'get', `/api/v1/complaints/${id}`);
    expect(res.status).toBe(200);
    return res.headers.etag;
  };
  const adminAct = async (id: string, action: string, body: object) => {
    const res = await call('admin', 'post', `/api/v1/complaints/${id}/${action}`, {
      ifMatch: await etagOf(id),
      body,
    });
    expect({ status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({
      status: 200,
      body: undefined,
    });
  };

  beforeAll(async () => {
    bed = await startWorkflowBed('access-matrix');

    // One fresh complaint per allowed write, so every allowed caller gets 200 whatever ran before.
    const needs: { key: string; before: Before }[] = [];
    for (const [route, row] of Object.entries(TABLE))
      if (row.acts)
        for (const [caller, status] of Object.entries(row.expect))
          if (isOk(status)) needs.push({ key: `${route}|${caller}`, before: row.acts });
    const made = await bed.intake([osakaComplaint(), ...needs.map(() => osakaComplaint())]);
    expect(made.map((c) => [c.missionCode, c.status])).toEqual(made.map(() => [OWN, 'assigned']));
    Object.assign(probe, { id: made[0].id, laporId: made[0].laporId });
    for (const [i, need] of needs.entries()) {
      const id = made[i + 1].id;
      fresh.set(need.key, id);
      if (need.before !== 'assigned') await adminAct(id, 'acknowledge', {});
      if (need.before === 'resolved') await adminAct(id, 'resolve', { resolution: 'Selesai.' });
    }

    const admin = await bed.as('admin');
    for (let i = 0; i < 100 && !osakaNotice; i++) {
      const list = await admin.get(`/api/v1/notifications?mission=${OWN}`).expect(200);
      const notices = list.body.data as { id: string; complaintId: string }[];
      osakaNotice = notices.find((n) => n.complaintId === probe.id)?.id ?? '';
      if (!osakaNotice) await new Promise((r) => setTimeout(r, 100));
    }
    expect(osakaNotice).not.toBe('');
    revokable = (await admin.post('/api/v1/admin/tokens').send({ role: 'monitor' }).expect(201)).body.id;
    await admin
      .post('/api/v1/templates')
      .send({
        code: 'access-matrix-patch',
        action: 'acknowledge',
        titleId: 'Tanda terima',
        titleEn: 'Acknowledgement',
        bodyId: 'Laporan Anda kami terima.',
        bodyEn: 'We received your report.',
      })
      .expect(201);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('has a row for every /api/v1 route of the OpenAPI document, and none for a route it lacks', async () => {
    const doc = (await request(bed.t.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      );
    expect(routes.sort()).toEqual(Object.keys(TABLE).sort());
  });

  it('documents for every route exactly the roles the API lets through, and the 401, 403 and 429 it answers', async () => {
    const doc = (await request(bed.t.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { 'x-roles'?: string[]; responses: Record<string, unknown> }>>;
    };
    const want: Record<string, object> = {};
    const got: Record<string, object> = {};
    for (const [route, row] of Object.entries(TABLE)) {
      const [method, path] = route.split(' ');
      const op = doc.paths[path][method.toLowerCase()];
      const roles = (['handler', 'supervisor', 'monitor', 'admin'] as const).filter(
        (r) => row.expect[r] !== 403,
      );
      const codes = ['401', '429', ...(roles.length < 4 ? ['403'] : [])];
      want[route] = { roles: [...roles].sort(), codes };
      got[route] = {
        roles: [...(op['x-roles'] ?? [])].sort(),
        codes: codes.filter((c) => c in op.responses),
      };
    }
    expect(got).toEqual(want);
  });

  it.each(Object.keys(TABLE))('%s', async (route) => {
    const row = TABLE[route];
    const method = methodOf(route);
    const want: Record<string, string> = {};
    const got: Record<string, string> = {};
    for (const caller of CALLERS) {
      const status = caller === 'none' || caller === 'unknown' ? 401 : row.expect[caller];
      want[caller] = expected(caller, status, row.notFound);
      const id = fresh.get(`${route}|${caller}`) ?? probe.id;
      const before = row.acts ? await etagOf(probe.id) : undefined;
      const ifMatch = row.acts ? await etagOf(id) : undefined;
      const res = await call(caller, method, row.url(id), { ifMatch, body: row.body?.() });
      let seen = String(res.status);
      if (res.status >= 400) {
        seen += ` ${res.body?.code}`;
        if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
          seen += ` (not problem+json: ${res.headers['content-type']})`;
      }
      if (!isOk(res.status) && res.status !== status) seen += ` — ${res.body?.detail}`;
      // A refused call changes nothing, so the probe serves every refused caller in any order.
      if (before && !isOk(res.status) && (await etagOf(probe.id)) !== before)
        seen += ' but changed the complaint';
      got[caller] = seen;
    }
    expect(got).toEqual(want);
  });

  it("never lists another mission's complaint, in the inbox or its CSV export", async () => {
    const ids = async (caller: Caller, query: string) => {
      const res = await call(caller, 'get', `/api/v1/complaints?${query}`);
      expect(res.status).toBe(200);
      return (res.body.data as { id: string }[]).map((c) => c.id);
    };
    const byLaporId = `laporId=${encodeURIComponent(probe.laporId)}`;
    for (const caller of ['handler', 'supervisor', 'monitor', 'admin'] as const)
      expect({ caller, ids: await ids(caller, byLaporId) }).toEqual({ caller, ids: [probe.id] });
    for (const caller of ['foreignHandler', 'foreignSupervisor'] as const) {
      expect({ caller, ids: await ids(caller, byLaporId) }).toEqual({ caller, ids: [] });
      expect(await ids(caller, 'limit=200')).not.toContain(probe.id);
      const csv = await call(caller, 'get', '/api/v1/complaints?limit=200', { accept: 'text/csv' });
      expect(csv.status).toBe(200);
      expect(csv.text).not.toContain(probe.laporId);
      expect(csv.text).not.toContain(probe.id);
    }
  });
});

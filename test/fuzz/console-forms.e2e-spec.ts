import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createUser, csrfOf, signedInAgent, type TestUser } from '../console/console.helper';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';

/**
 * SPEC.md "Reliability and security promises" for the web console: random form bodies (with a valid
 * `_csrf`) to every POST route, random query strings to the GET pages and random path ids always get
 * a 2xx/3xx/4xx page, never a 5xx; the data stays consistent (statuses known, versions only grow,
 * users and missions valid). Reproduce with the seed in the test name:
 * FUZZ_SEED=<seed> npx jest test/fuzz/console-forms.e2e-spec.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const STATUSES = [
  'received',
  'triage',
  'assigned',
  'acknowledged',
  'awaiting_reporter',
  'responded',
  'resolved',
  'closed',
  'forwarded',
];
const ACTIONS = [
  'acknowledge',
  'followups',
  'ask-reporter',
  'resolve',
  'reopen',
  'transfer',
  'escalate',
  'reject',
];

type Who = 'admin' | 'handler' | 'supervisor' | 'monitor';
type Agent = Awaited<ReturnType<typeof signedInAgent>>['agent'];

/** Percent-encodes UTF-8 bytes (lone surrogates become U+FFFD, as a browser sends them). */
const enc = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

// ---- generators --------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '',
  ' ',
  'a',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  'جواز السفر \u202eevil',
  'Paspor 🛂🇮🇩 e\u0301\u0301',
  '\ud800',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '2026-03-08T02:30:00-05:00',
  '24:00',
  '09:00',
  '17:00',
  '23:59',
  'Asia/Tokyo',
  'Mars/Olympus',
  'public',
  'internal',
  'handler',
  'supervisor',
  'monitor',
  'admin',
  'root',
  'osaka',
  'tokyo',
  'hq-djpk',
  'nope',
  'id',
  'en',
  'x@kemlu.test',
  'ADMIN@KEMLU.TEST',
);
const value = fc.oneof(
  { arbitrary: nasty, weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.integer({ min: -10, max: 1e6 }).map(String), weight: 1 },
  { arbitrary: fc.nat({ max: 3 }).map((k) => 'x'.repeat([300, 5_000, 20_000, 70_000][k])), weight: 1 },
);
const FORM_FIELDS = [
  'note',
  'visibility',
  'content',
  'resolution',
  'reason',
  'missionCode',
  'targetInstitutionId',
  'templateCode',
  'template',
  'email',
  'displayName',
  'role',
  'locale',
  'password',
  'current',
  'confirm',
  'name',
  'laporInstitutionId',
  'open',
  'close',
  'timezone',
  'weekendDays',
  'notes',
  'date',
  'next',
];
const key = fc.oneof(
  { arbitrary: fc.constantFrom(...FORM_FIELDS), weight: 6 },
  {
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'a[b]', 'weekendDays[]', '_csrf', 'version'),
    weight: 1,
  },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
);
/** A form body: fields (repeated keys allowed), sometimes many, sometimes a malformed escape. */
/** Bodies close to what the forms send, so that real transitions happen between the junk. */
const plausible = fc.constantFrom<[string, string][]>(
  [['note', '']],
  [
    ['visibility', 'public'],
    ['content', 'Paspor Anda sudah bisa diambil.'],
  ],
  [
    ['visibility', 'internal'],
    ['content', 'Catatan internal'],
  ],
  [['content', 'Mohon kirim foto paspor.']],
  [['resolution', 'Sudah selesai.']],
  [['reason', 'Pelapor membalas.']],
  [
    ['missionCode', 'tokyo'],
    ['reason', 'Wilayah Tokyo'],
  ],
  [
    ['targetInstitutionId', '2002'],
    ['reason', 'Bukan wewenang'],
  ],
);
const formBody = fc.record({
  pairs: fc.oneof(fc.array(fc.tuple(key, value), { maxLength: 8 }), plausible),
  many: fc.oneof({ arbitrary: fc.constant(0), weight: 9 }, { arbitrary: fc.constant(60), weight: 1 }),
  junk: fc.oneof(
    { arbitrary: fc.constant(''), weight: 9 },
    { arbitrary: fc.constantFrom('&%E0%A4%A', '&%ZZ=1', '&&=&', '&a=%'), weight: 1 },
  ),
  version: fc.oneof(
    fc.constant<'current' | 'stale' | 'junk' | 'none'>('current'),
    fc.constantFrom<'stale' | 'junk' | 'none'>('stale', 'junk', 'none'),
  ),
});
const pathId = (real: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...real), weight: 4 },
    { arbitrary: fc.constant('UUID'), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        'x',
        '0',
        '-1',
        '00000000-0000-0000-0000-000000000000',
        '..%2F..%2Fadmin',
        '%E0%A4%A',
        '%C0%AF',
        'a'.repeat(3000),
        '%F0%9F%9B%82',
        "'%20OR%201=1",
      ),
      weight: 2,
    },
  );

const QUERY_KEYS = [
  'status',
  'mission',
  'category',
  'classification',
  'priority',
  'breached',
  'q',
  'from',
  'to',
  'cursor',
  'sort',
  'limit',
  'region',
  'all',
  'done',
  'next',
  'lang',
];
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 6 })),
      fc.oneof(
        value,
        fc.constantFrom(
          'YWJj',
          'WyIyMDI2LTAxLTAxIiwiYSJd',
          'WyIwMDAwLTAxLTAxIDAwOjAwOjAwKzAwIiwiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIl0',
        ),
      ),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v.slice(0, 3000))}`).join('&'));

describe(`console: random forms, queries and ids never get a 5xx (seed ${SEED}, ${RUNS} runs)`, () => {
  let bed: WorkflowBed;
  let ds: DataSource;
  const agents = {} as Record<Who, { agent: Agent; csrf: string }>;
  const users = {} as Record<Who, TestUser>;
  let complaintIds: string[] = [];
  let spareUserIds: string[] = [];
  const versions = new Map<string, number>();
  const statusCounts: Record<string, number> = {};
  const preRoute: Record<string, number> = {};
  const PRE_ROUTE = ['BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'VALIDATION_FAILED'];

  beforeAll(async () => {
    bed = await startWorkflowBed('console_fuzz');
    ds = bed.t.app.get(DataSource);
    const stored = await bed.intake([
      osakaComplaint(),
      osakaComplaint({
        title: 'Legalisasi ijazah di Osaka',
        content: 'Legalisasi ijazah saya di Osaka tertunda.',
      }),
      osakaComplaint({ title: 'Paspor rusak di Osaka', is_anonymous: true }),
    ]);
    complaintIds = stored.map((c) => c.id);
    users.admin = await createUser(bed, 'admin');
    users.handler = await createUser(bed, 'handler', 'osaka');
    users.supervisor = await createUser(bed, 'supervisor', 'osaka');
    users.monitor = await createUser(bed, 'monitor');
    spareUserIds = [(await createUser(bed, 'handler', 'tokyo')).id, (await createUser(bed, 'monitor')).id];
    for (const who of Object.keys(users) as Who[]) {
      const { agent, csrf } = await signedInAgent(bed, users[who]);
      agents[who] = { agent, csrf: await csrf() };
    }
  });
  afterAll(() => bed?.close());

  const describeReply = (r: request.Response, what: string) =>
    `${r.status} ${String(r.headers['content-type'])} for ${what}: ${r.text.slice(0, 200)}`;
  /** Never a 5xx; a 2xx or 4xx is an HTML page; a 3xx stays inside the console. */
  const acceptable = (r: request.Response, what: string) => {
    statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
    if (r.status >= 500 || r.status < 200) throw new Error(describeReply(r, what));
    if (r.status >= 300 && r.status < 400) {
      const to = String(r.headers.location ?? '');
      if (!to.startsWith('/console') && !to.startsWith('/dashboard')) throw new Error(describeReply(r, what));
      return;
    }
    const type = String(r.headers['content-type']);
    if (type.startsWith('text/html')) return;
    // Refused before any console route (an undecodable path escape, a body too large or with too many
    // fields, U+0000): the global problem document, not a console page. A 4xx all the same; counted.
    const code = (r.body as { code?: string } | undefined)?.code;
    if (type.startsWith('application/problem+json') && r.status < 500 && PRE_ROUTE.includes(code ?? '')) {
      preRoute[`${r.status} ${code}`] = (preRoute[`${r.status} ${code}`] ?? 0) + 1;
      return;
    }
    throw new Error(describeReply(r, what));
  };
  const versionOf = async (id: string) =>
    (await ds.query<{ version: number }[]>(`SELECT version FROM complaints WHERE id = $1`, [id]))[0]
      ?.version ?? 0;

  it('POST routes: random form bodies with a valid _csrf', async () => {
    const route = fc.oneof(
      fc.record({
        kind: fc.constant('action' as const),
        id: pathId(['C0', 'C1', 'C2']),
        action: fc.oneof(
          { arbitrary: fc.constantFrom(...ACTIONS), weight: 6 },
          { arbitrary: fc.constantFrom('delete', 'x', '..', 'ACKNOWLEDGE'), weight: 1 },
        ),
      }),
      fc.record({ kind: fc.constant('password' as const) }),
      fc.record({ kind: fc.constant('users' as const) }),
      fc.record({
        kind: fc.constantFrom('reset' as const, 'disable' as const, 'enable' as const, 'unlock' as const),
        id: pathId(['U0', 'U1']),
      }),
      fc.record({
        kind: fc.constantFrom('mission' as const, 'closure' as const),
        code: fc.oneof(fc.constantFrom('osaka', 'tokyo', 'hq-djpk'), pathId(['osaka'])),
      }),
      fc.record({
        kind: fc.constant('closureDelete' as const),
        code: fc.constantFrom('osaka', 'tokyo', 'zz'),
        id: pathId(['H0']),
      }),
      fc.record({ kind: fc.constant('retry' as const), id: pathId(['D0']) }),
      fc.record({ kind: fc.constant('notificationRead' as const), id: pathId(['N0']) }),
      fc.record({ kind: fc.constant('notificationsReadAll' as const) }),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.constantFrom<Who>('admin', 'handler', 'supervisor', 'monitor'),
        formBody,
        async (r, who, body) => {
          const real = (id: string): string => {
            if (id === 'UUID') return randomUUID();
            if (/^C\d$/.test(id)) return complaintIds[Number(id[1])];
            if (/^U\d$/.test(id)) return spareUserIds[Number(id[1])];
            if (id === 'H0' || id === 'D0') return randomUUID();
            if (id === 'N0') return '1';
            return id;
          };
          let path: string;
          let complaintId: string | undefined;
          switch (r.kind) {
            case 'action':
              complaintId = real(r.id);
              path = `/console/complaints/${complaintId}/${r.action}`;
              break;
            case 'password':
              path = '/console/password';
              break;
            case 'users':
              path = '/console/admin/users';
              break;
            case 'reset':
            case 'disable':
            case 'enable':
            case 'unlock':
              path = `/console/admin/users/${real(r.id)}/${r.kind}`;
              break;
            case 'mission':
              path = `/console/admin/missions/${r.code}`;
              break;
            case 'closure':
              path = `/console/admin/missions/${r.code}/closures`;
              break;
            case 'closureDelete':
              path = `/console/admin/missions/${r.code}/closures/${real(r.id)}/delete`;
              break;
            case 'retry':
              path = `/console/admin/dead-letters/${real(r.id)}/retry`;
              break;
            case 'notificationRead':
              path = `/console/notifications/${real(r.id)}/read`;
              break;
            case 'notificationsReadAll':
              path = '/console/notifications/read-all';
              break;
          }
          const before = complaintId && versions.has(complaintId) ? await versionOf(complaintId) : undefined;
          const pairs: [string, string][] = [['_csrf', agents[who].csrf], ...body.pairs];
          if (complaintId && body.version !== 'none') {
            const v = UUID_RE.test(complaintId) ? await versionOf(complaintId) : 1;
            pairs.push([
              'version',
              body.version === 'current' ? String(v) : body.version === 'stale' ? String(v - 1) : 'abc',
            ]);
          }
          for (let i = 0; i < body.many; i++) pairs.push([`f${i}`, 'x']);
          const raw = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&') + body.junk;
          const res = await agents[who].agent
            .post(path)
            .set('content-type', 'application/x-www-form-urlencoded')
            .set('origin', bed.t.url)
            .send(raw)
            .redirects(0);
          acceptable(res, `POST ${path.slice(0, 120)} as ${who} with ${raw.slice(0, 300)}`);
          if (res.status < 400) accepted++;
          if (complaintId && before !== undefined) {
            const after = await versionOf(complaintId);
            if (after < before)
              throw new Error(`version of ${complaintId} went back from ${before} to ${after}`);
          }
          if (complaintId && UUID_RE.test(complaintId))
            versions.set(complaintId, await versionOf(complaintId));
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Some random forms must get through, or the consistency checks below prove little.
    expect(accepted).toBeGreaterThan(0);
  }, 60_000);

  it('GET pages: random query strings and path ids', async () => {
    const page = fc.oneof(
      fc.constantFrom(
        '/console/inbox',
        '/console/breaches',
        '/console/missions',
        '/console/admin/users',
        '/console/admin/missions',
        '/console/admin/dead-letters',
        '/console/admin/quarantine',
        '/console/notifications',
        '/console/password',
        '/console/login',
        '/console',
      ),
      pathId(['C0', 'C1']).map((id) => `/console/complaints/${id}`),
      pathId(['osaka']).map((code) => `/console/admin/missions/${code}`),
      fc.constantFrom('id', 'en', 'xx', '%00', '..').map((l) => `/console/lang/${l}`),
    );
    await fc.assert(
      fc.asyncProperty(
        page,
        queryString,
        fc.constantFrom<Who>('admin', 'handler', 'supervisor', 'monitor'),
        async (p, qs, who) => {
          const path = p
            .replace('UUID', randomUUID())
            .replace(/\/C(\d)$/, (_m, i: string) => `/${complaintIds[Number(i)]}`);
          const url = `${path}${qs ? `?${qs}` : ''}`;
          const res = await agents[who].agent.get(url).redirects(0);
          acceptable(res, `GET ${url.slice(0, 300)} as ${who}`);
        },
      ),
      { seed: SEED + 1, numRuns: RUNS, endOnFailure: true },
    );
  }, 60_000);

  it('the sign-in form: random credentials are a 4xx page, never a 5xx', async () => {
    const anon = request.agent(bed.t.url);
    const csrf = csrfOf((await anon.get('/console/login').expect(200)).text);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('email', 'password', 'next', '_x'), value), { maxLength: 4 }),
        async (pairs) => {
          // Never a real user's e-mail: repeated failures would lock that account.
          const body = [['_csrf', csrf], ...pairs.map(([k, v]) => [k, k === 'email' ? `fuzz.${v}` : v])]
            .map(([k, v]) => `${enc(k)}=${enc(v)}`)
            .join('&');
          const res = await anon
            .post('/console/login')
            .set('content-type', 'application/x-www-form-urlencoded')
            .set('origin', bed.t.url)
            .send(body)
            .redirects(0);
          acceptable(res, `POST /console/login with ${body.slice(0, 200)}`);
        },
      ),
      { seed: SEED + 2, numRuns: Math.ceil(RUNS / 3), endOnFailure: true },
    );
  });

  it('leaves the data consistent: known statuses, valid users and missions, the console still works', async () => {
    const complaints = await ds.query<{ id: string; status: string; version: number }[]>(
      `SELECT id, status, version FROM complaints`,
    );
    for (const c of complaints) {
      expect([c.id, STATUSES.includes(c.status)]).toEqual([c.id, true]);
      expect(c.version).toBeGreaterThanOrEqual(versions.get(c.id) ?? 1);
    }
    const badUsers = await ds.query(
      `SELECT u.id, u.role, u.mission_code FROM users u LEFT JOIN missions m ON m.code = u.mission_code
       WHERE u.role NOT IN ('handler', 'supervisor', 'monitor', 'admin')
          OR (u.role IN ('handler', 'supervisor')) <> (m.code IS NOT NULL)
          OR u.email <> lower(u.email) OR u.email !~ '@'`,
    );
    expect(badUsers).toEqual([]);
    const missions = await ds.query<
      {
        code: string;
        timezone: string;
        office_hours: { open: string; close: string };
        weekend_days: number[];
      }[]
    >(`SELECT code, timezone, office_hours, weekend_days FROM missions`);
    for (const m of missions) {
      expect([
        m.code,
        Intl.DateTimeFormat(undefined, { timeZone: m.timezone }).resolvedOptions().timeZone.length > 0,
      ]).toEqual([m.code, true]);
      expect([m.code, m.office_hours.open, m.office_hours.close]).toEqual([
        m.code,
        expect.stringMatching(/^([01]\d|2[0-3]):[0-5]\d$/),
        expect.stringMatching(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/),
      ]);
      expect(m.weekend_days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)).toBe(true);
    }
    // Every agent is still signed in and served.
    for (const who of Object.keys(agents) as Who[]) {
      const r = await agents[who].agent.get('/console/inbox').redirects(0);
      expect([who, r.status]).toEqual([who, 200]);
    }
    // eslint-disable-next-line no-console -- what the fuzz reached, for the report
    console.log(
      `console fuzz statuses: ${JSON.stringify(statusCounts)}; refused before a route: ${JSON.stringify(preRoute)}`,
    );
  });
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

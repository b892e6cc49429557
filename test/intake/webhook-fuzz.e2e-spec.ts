import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * SPEC.md "Reliability and security promises": bad input never crashes the process or corrupts data;
 * fuzzed webhook bodies and headers get a clear 4xx. Property-based, against the real app over HTTP.
 * Reproduce a failure with the seed printed in the test name and in fast-check's report:
 * FUZZ_SEED=<seed> npx jest test/intake/webhook-fuzz.e2e-spec.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const BODY_LIMIT = 65_536;
const TYPES = [
  'complaint.dispositioned',
  'complaint.updated',
  'complaint.status_changed',
  'complaint.followup_added',
];
const ERROR_CODES = ['VALIDATION_FAILED', 'WEBHOOK_UNKNOWN_TYPE'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };
/** What a case must get: `accept` 2xx; `reject` 400 with a problem code; `either` (no 5xx, ever). */
type Expect = 'accept' | 'reject' | 'either';

interface Reply {
  status: number;
  type: string;
  json: Record<string, unknown> | undefined;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
/** Raw UTF-8 bytes on the wire, without the control characters Node's client refuses to send. */
const latin1Header = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .filter((b) => b === 0x09 || (b >= 0x20 && b !== 0x7f))
    .map((b) => String.fromCharCode(b))
    .join('');

function send(base: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      url,
      {
        method: body ? 'POST' : 'GET',
        agent,
        headers: body ? { ...headers, 'content-length': body.length } : {},
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            json,
            text,
          });
        });
      },
    );
    // A 413 may be answered before the whole body is written; the write error after it is expected.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    req.end(body);
  });
}

let seq = 0;
/** Every case gets LAPOR! ids and a webhook-id of its own, also when fast-check replays it to shrink. */
const freshId = () => String(9_100_000_000 + process.pid * 10_000 + ++seq);

function wireComplaint(id: string, title: string, content: string, anonymous: boolean): JsonObject {
  return {
    id: Number(id),
    complaint_id: Number(id),
    tracking_id: `T${id}`,
    title,
    content,
    classification_id: 1,
    classification_name: 'Pengaduan',
    category_id: 610,
    category_name: 'Pelayanan Kekonsuleran',
    location_id: 34,
    location_name: 'Nasional',
    date_of_incident: '01-11-2026',
    is_anonymous: anonymous,
    is_secret: false,
    reporter: { name: 'Siti Aminah', email: 'siti.aminah@example.id', phone: '+62 812-0000-1234' },
    status_code: 'process',
    status_name: 'Dalam Proses',
    disposition_id: 1001,
    disposition_name: 'Kementerian Luar Negeri',
    dispositioned_at: '20-11-2026 09:00:00',
    created_at: '19-11-2026 08:00:00',
    updated_at: '20-11-2026 09:00:00',
    attachments: [],
  };
}

const worst = (a: Expect, b: Expect): Expect =>
  a === 'reject' || b === 'reject' ? 'reject' : a === 'either' || b === 'either' ? 'either' : 'accept';

// ---- arbitraries -------------------------------------------------------------------------------

const anyText = fc.string({ unit: 'binary', maxLength: 80 });
const smallJson = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const notText = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant([1, 2]),
  fc.constant({ a: 1 }),
) as fc.Arbitrary<Json>;
const notId = fc.oneof(
  fc.boolean(),
  fc.constant(1.5),
  fc.constant(2 ** 60),
  fc.constant([7]),
  fc.constant({ id: 7 }),
) as fc.Arbitrary<Json>;
/** Times LAPOR! never sends: wrong format, impossible, zone-less ISO, other digits. */
const badInstant = fc.constantFrom(
  '2026-13-45T00:00:00Z',
  '31-02-2026 10:00:00',
  '20-11-2026 24:00:00',
  '2026-11-20T10:00:00',
  '20/11/2026 10:00:00',
  '20-11-26 10:00:00',
  '1763600000',
  'now',
  'kemarin',
  '٢٠-١١-٢٠٢٦ ١٠:٠٠:٠٠',
  '20-11-2026',
);
/** Odd but arguably acceptable times, and edge years the database must not choke on. */
const oddInstant = fc.constantFrom(
  '3-1-2026 9:05:09',
  '01-01-0000 00:00:00',
  ' 20-11-2026 10:00:00 ',
  '2026-11-20T10:00:00+07:00',
  '2026-11-20T03:00:00.123456789Z',
  '2026-11-20T10:00+0700',
  '01-01-0001 00:00:00',
  '31-12-9999 23:59:59',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59-12:00',
  '01-01-1900 00:00:00',
  '',
);
const oddDate = fc.constantFrom(
  '3-1-2026',
  '2026-11-01',
  '29-02-2024',
  '01-01-0001',
  '31-12-9999',
  ' 01-11-2026 ',
  '01-01-0000',
  '0000-01-01',
);
const badDate = fc.constantFrom(
  '29-02-2026',
  '2026-11-01T00:00:00Z',
  '1-1-26',
  '00-00-0000',
  'besok',
  '2026/11/01',
);

type FieldMutation = { field: string; value: Json | undefined; expect: Expect };
const REQUIRED_TEXT = ['title', 'content'];
const OPTIONAL_ID = [
  'tracking_id',
  'classification_id',
  'category_id',
  'location_id',
  'status_code',
  'disposition_id',
];
const OPTIONAL_TEXT = [
  'classification_name',
  'category_name',
  'location_name',
  'status_name',
  'disposition_name',
];
const FLAGS = ['is_anonymous', 'is_secret'];

const complaintFieldMutation: fc.Arbitrary<FieldMutation> = fc.oneof(
  // Required fields: absent, blank or of the wrong type is the sender's bug.
  fc.record({
    field: fc.constantFrom(...REQUIRED_TEXT),
    value: fc.oneof(fc.constant(undefined), fc.constant('   '), fc.constant(null), notText),
    expect: fc.constant<Expect>('reject'),
  }),
  fc.record({ field: fc.constantFrom(...OPTIONAL_ID), value: notId, expect: fc.constant<Expect>('reject') }),
  fc.record({
    field: fc.constantFrom(...OPTIONAL_TEXT),
    value: notText,
    expect: fc.constant<Expect>('reject'),
  }),
  fc.record({
    field: fc.constantFrom(...FLAGS),
    value: fc.oneof(fc.constant(undefined), fc.constantFrom<Json>(2, -1, 'yes', 'maybe', [1], { v: 1 })),
    expect: fc.constant<Expect>('reject'),
  }),
  fc.record({
    field: fc.constantFrom('updated_at'),
    value: fc.oneof(fc.constant(undefined), badInstant, notText),
    expect: fc.constant<Expect>('reject'),
  }),
  fc.record({
    field: fc.constantFrom('created_at', 'dispositioned_at'),
    value: fc.oneof(badInstant, notText),
    expect: fc.constant<Expect>('reject'),
  }),
  fc.record({
    field: fc.constant('date_of_incident'),
    value: badDate,
    expect: fc.constant<Expect>('reject'),
  }),
  fc.record({
    field: fc.constant('attachments'),
    value: fc.constantFrom<Json>('x', 3, { id: 1 }, [1], [{ id: 1, name: 'a', url: 'javascript:alert(1)' }]),
    expect: fc.constant<Expect>('reject'),
  }),
  // Odd values whose fate is a judgement call: never a 5xx either way.
  fc.record({
    field: fc.constantFrom('created_at', 'updated_at', 'dispositioned_at'),
    value: oddInstant,
    expect: fc.constant<Expect>('either'),
  }),
  fc.record({
    field: fc.constant('date_of_incident'),
    value: oddDate,
    expect: fc.constant<Expect>('either'),
  }),
  fc.record({
    field: fc.constantFrom(...REQUIRED_TEXT, ...OPTIONAL_TEXT, 'tracking_id', 'reporter'),
    value: anyText,
    expect: fc.constant<Expect>('either'),
  }),
  fc.record({
    field: fc.constantFrom(...REQUIRED_TEXT, ...OPTIONAL_ID, ...OPTIONAL_TEXT, ...FLAGS, 'reporter', 'id'),
    value: smallJson,
    expect: fc.constant<Expect>('either'),
  }),
  // Optional fields may be absent: the complaint is stored (quarantined when a code is missing).
  fc.record({
    field: fc.constantFrom(
      ...OPTIONAL_ID,
      ...OPTIONAL_TEXT,
      'created_at',
      'dispositioned_at',
      'reporter',
      'id',
    ),
    value: fc.constant(undefined),
    expect: fc.constant<Expect>('accept'),
  }),
);

interface EventMutation {
  type: Json | undefined | typeof KEEP;
  data: Json | undefined | typeof KEEP;
  complaintId: { value: Json | undefined; expect: Expect } | undefined;
  complaint: { value: Json | undefined; expect: Expect } | undefined;
  fields: FieldMutation[];
  followup: { value: Json; expect: Expect } | undefined;
  extra: { where: 'top' | 'data' | 'complaint'; value: Json | { deep: number } } | undefined;
  bytes: { kind: BytesMutation; n: number; junk: Uint8Array } | undefined;
  title: string;
  anonymous: boolean;
}
type BytesMutation =
  | 'bom'
  | 'whitespace'
  | 'truncate'
  | 'garbage'
  | 'empty'
  | 'utf8InString'
  | 'utf8Outside'
  | 'rawControl'
  | 'utf16';
const BYTES_EXPECT: Record<BytesMutation, Expect | 'same'> = {
  bom: 'either',
  whitespace: 'same',
  truncate: 'reject',
  garbage: 'reject',
  empty: 'reject',
  utf8InString: 'same',
  utf8Outside: 'reject',
  rawControl: 'reject',
  utf16: 'reject',
};

/** "Leave this part of the event alone" (distinct from `undefined`, which deletes it). */
const KEEP = Symbol('keep');
/** Each part of the event is mutated in about one case in four, so many cases stay valid. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
const sometimesOr = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | typeof KEEP> =>
  fc.oneof({ arbitrary: fc.constant<typeof KEEP>(KEEP), weight: 3 }, { arbitrary: arb, weight: 1 });

const eventMutation: fc.Arbitrary<EventMutation> = fc.record({
  type: sometimesOr<Json | undefined>(
    fc.oneof(
      fc.constantFrom(...TYPES),
      anyText,
      fc.constant('complaint.deleted'),
      fc.constant('x'.repeat(5000)),
      fc.constant(undefined),
      notText,
    ),
  ),
  data: sometimesOr<Json | undefined>(fc.oneof(fc.constant(undefined), fc.constant(null), notText, anyText)),
  complaintId: sometimes(
    fc.oneof(
      fc.record({
        value: fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.integer({ max: -1 }),
          fc.constant(-0.5),
          fc.constant(1e21),
          fc.constant(Number.MAX_SAFE_INTEGER + 2),
          fc.constant(''),
          fc.constant('9'.repeat(65)),
          fc.constant('a/b'),
          fc.constant(true),
          fc.constant({ id: 1 }),
          fc.constant('12 34'),
          anyText.filter((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s)),
        ),
        expect: fc.constant<Expect>('reject'),
      }),
      // Another valid id than the complaint object's: the body contradicts itself.
      fc.record({ value: fc.constant<Json>('MISMATCH'), expect: fc.constant<Expect>('reject') }),
      // The same id as a string instead of a number: the contract says "treat as string".
      fc.record({ value: fc.constant<Json>('AS_STRING'), expect: fc.constant<Expect>('accept') }),
    ),
  ),
  complaint: sometimes(
    fc.oneof(
      fc.record({ value: fc.constantFrom<Json>('x', 7, [1], true), expect: fc.constant<Expect>('reject') }),
      // Absent or null: a thin event, the bridge fetches the detail itself.
      fc.record({
        value: fc.constantFrom<Json | undefined>(undefined, null),
        expect: fc.constant<Expect>('accept'),
      }),
      fc.record({
        value: fc.dictionary(fc.string({ maxLength: 12 }), smallJson, { maxKeys: 8 }),
        expect: fc.constant<Expect>('either'),
      }),
    ),
  ),
  fields: fc.oneof(
    { arbitrary: fc.constant<FieldMutation[]>([]), weight: 2 },
    { arbitrary: fc.array(complaintFieldMutation, { minLength: 1, maxLength: 2 }), weight: 1 },
  ),
  followup: sometimes(
    fc.oneof(
      fc.record({ value: fc.constantFrom<Json>('x', 7, [1]), expect: fc.constant<Expect>('reject') }),
      fc.record({
        value: fc.constant<Json>({
          id: 55,
          content: 'Mohon ditindaklanjuti',
          created_at: '21-11-2026 10:00:00',
          author_type: 'reporter',
        }),
        expect: fc.constant<Expect>('accept'),
      }),
      fc.record({
        value: fc.dictionary(fc.string({ maxLength: 12 }), smallJson, { maxKeys: 6 }),
        expect: fc.constant<Expect>('either'),
      }),
    ),
  ),
  extra: sometimes(
    fc.record({
      where: fc.constantFrom<'top' | 'data' | 'complaint'>('top', 'data', 'complaint'),
      value: fc.oneof(smallJson, fc.record({ deep: fc.integer({ min: 10, max: 30_000 }) })),
    }),
  ),
  bytes: sometimes(
    fc.record({
      kind: fc.constantFrom<BytesMutation>(
        'bom',
        'whitespace',
        'truncate',
        'garbage',
        'empty',
        'utf8InString',
        'utf8Outside',
        'rawControl',
        'utf16',
      ),
      n: fc.nat(),
      junk: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    }),
  ),
  title: anyText,
  anonymous: fc.boolean(),
});

/** Builds the body of one mutated event; returns the body, what it deserves, and the ids it names. */
function build(mut: EventMutation): { body: Buffer; expect: Expect; ids: string[] } {
  const id = freshId();
  const complaint = wireComplaint(
    id,
    `Paspor ${mut.title}`,
    'Sudah 3 minggu belum ada kabar.',
    mut.anonymous,
  );
  let expect: Expect = 'accept';
  // Of two mutations of one field, the last one wins, and so does what it deserves.
  const last = new Map(mut.fields.map((f) => [f.field, f]));
  for (const f of last.values()) {
    if (f.value === undefined) delete complaint[f.field];
    else complaint[f.field] = f.value;
    expect = worst(expect, f.expect);
  }
  const data: JsonObject = { complaint_id: Number(id), complaint };
  const event: JsonObject = { type: 'complaint.dispositioned', timestamp: new Date().toISOString(), data };
  if (mut.extra) {
    const v = mut.extra.value;
    const deep = typeof v === 'object' && v !== null && !Array.isArray(v) ? v.deep : undefined;
    const target = mut.extra.where === 'top' ? event : mut.extra.where === 'data' ? data : complaint;
    target.x_fuzz_extra = typeof deep === 'number' ? `__DEEP_${deep}__` : v;
  }
  if (mut.complaint) {
    // The object is replaced: what was done to its fields no longer matters.
    expect = mut.complaint.expect;
    if (mut.complaint.value === undefined) delete data.complaint;
    else data.complaint = mut.complaint.value;
  }
  if (mut.complaintId) {
    const v = mut.complaintId.value;
    if (v === 'MISMATCH') data.complaint_id = `${id}9`;
    else if (v === 'AS_STRING') data.complaint_id = id;
    else if (v === undefined) delete data.complaint_id;
    else data.complaint_id = v;
    // A mismatch only exists while there is a complaint object to contradict.
    const thin = data.complaint === undefined || data.complaint === null;
    if (v !== 'MISMATCH' || !thin) expect = worst(expect, mut.complaintId.expect);
  }
  if (mut.followup) {
    data.followup = mut.followup.value;
    expect = worst(expect, mut.followup.expect);
  }
  if (mut.type !== KEEP) {
    if (mut.type === undefined) delete event.type;
    else event.type = mut.type;
    expect = worst(expect, TYPES.includes(mut.type as string) ? 'accept' : 'reject');
  }
  if (mut.data !== KEEP) {
    if (mut.data === undefined) delete event.data;
    else event.data = mut.data;
    expect = 'reject';
  }
  // Deep nesting is spliced in as text: building it as an object would overflow JSON.stringify here.
  const text = JSON.stringify(event).replace(/"__DEEP_(\d+)__"/, (_, n: string) => {
    const depth = Number(n);
    return '['.repeat(depth) + ']'.repeat(depth);
  });
  let body: Buffer = Buffer.from(text, 'utf8');
  if (mut.bytes) {
    const { kind, n, junk } = mut.bytes;
    const e = BYTES_EXPECT[kind];
    if (e !== 'same') expect = e === 'either' ? worst(expect, 'either') : e;
    body = mutateBytes(body, kind, n, Buffer.from(junk));
  }
  return { body, expect, ids: [id, `${id}9`] };
}

/** A position inside a JSON string of the body: in the title when there is one, else the timestamp. */
function insideString(body: Buffer): number {
  const title = body.indexOf('"Paspor ');
  return title >= 0 ? title + 8 : body.indexOf('"timestamp":"') + 13;
}

function mutateBytes(body: Buffer, kind: BytesMutation, n: number, junk: Buffer): Buffer {
  switch (kind) {
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    case 'whitespace':
      return Buffer.concat([Buffer.from(' \r\n\t'), body, Buffer.from('\n  ')]);
    case 'truncate':
      return body.subarray(0, n % body.length);
    case 'garbage':
      return Buffer.concat([Buffer.from([0xff]), junk]);
    case 'empty':
      return Buffer.alloc(0);
    case 'utf8InString': {
      // Invalid UTF-8 inside a string (the title, else the timestamp): decoded as U+FFFD, the JSON
      // stays well-formed.
      const at = insideString(body);
      return Buffer.concat([body.subarray(0, at), Buffer.from([0xff, 0xc3, 0x28]), body.subarray(at)]);
    }
    case 'utf8Outside':
      return Buffer.concat([Buffer.from([0xc3, 0x28]), body]);
    case 'rawControl': {
      // An unescaped control character inside a string is not JSON (RFC 8259 section 7).
      const at = insideString(body);
      return Buffer.concat([body.subarray(0, at), Buffer.from([n % 32]), body.subarray(at)]);
    }
    case 'utf16':
      return Buffer.from(body.toString('utf8'), 'utf16le');
  }
}

// ---- the suite ---------------------------------------------------------------------------------

describe(`webhook fuzz (seed ${SEED}, ${RUNS} runs per property)`, () => {
  let t: TestApp;
  let ds: DataSource;
  let secret: string;
  let key: Buffer;
  /** LAPOR! ids named by deliveries that were refused, and by those that were accepted. */
  const refusedIds = new Set<string>();
  const acceptedIds = new Set<string>();
  const outcomes: Record<string, number> = {};

  /** Standard Webhooks signature over the exact bytes (the library signs strings only; see below). */
  const signature = (id: string, ts: number, body: Buffer) =>
    `v1,${createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest('base64')}`;
  const sign = (id: string, at: Date, body: Buffer) =>
    Buffer.from(body.toString('utf8'), 'utf8').equals(body)
      ? new Webhook(secret).sign(id, at, body.toString('utf8'))
      : signature(id, Math.floor(at.getTime() / 1000), body);
  const post = (headers: Record<string, string>, body: Buffer) =>
    send(t.url, '/webhooks/lapor', headers, body);
  const signedPost = (body: Buffer, extra: Record<string, string> = {}) => {
    const id = `fz_${freshId()}`;
    const at = new Date();
    return post(
      {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': sign(id, at, body),
        ...extra,
      },
      body,
    );
  };
  const isProblem = (r: Reply, codes?: string[]) =>
    r.type.startsWith('application/problem+json') &&
    typeof r.json?.code === 'string' &&
    r.json.status === r.status &&
    typeof r.json.correlationId === 'string' &&
    (!codes || codes.includes(r.json.code));
  /** The failing input, exactly: bytes outside printable ASCII escaped. */
  const showBody = (b: Buffer) => JSON.stringify(b.toString('latin1').slice(0, 600));
  const describeReply = (r: Reply) => `${r.status} ${r.type} ${r.text.slice(0, 300)}`;
  const params = (runs = RUNS): fc.Parameters<unknown> => ({
    seed: SEED,
    numRuns: runs,
    // Bounded: shrinking a real-HTTP failure could otherwise take minutes.
    plugins: [fc.interruptAfterTimeLimit(40_000)],
  });
  /** Books a 2xx answer: the ids it named may exist from now on, and one more complaint if created. */
  const booked = (r: Reply, ids: string[]) => {
    const outcome = String(r.json?.outcome);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    ids.forEach((i) => acceptedIds.add(i));
  };
  const stillAlive = async () => expect((await send(t.url, '/health/live', {})).status).toBe(200);

  beforeAll(async () => {
    t = await startTestApp({
      label: 'webhook_fuzz',
      // api only: no worker fetches thin events or routes, so the rows are exactly what intake wrote.
      // LAPOR_BASE_URL points nowhere so nothing can ever reach a sandbox another run left on :4010.
      env: {
        ROLE: 'api',
        LAPOR_BASE_URL: 'http://127.0.0.1:9',
        WEBHOOK_BODY_LIMIT_BYTES: String(BODY_LIMIT),
      },
    });
    ds = t.app.get(DataSource);
    secret = t.config.lapor.webhookSecrets[0];
    key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  });
  afterAll(async () => {
    agent.destroy();
    await t?.close();
  });

  it('signs like the official library, so the signed cases really are authentic', () => {
    const at = new Date();
    const body = Buffer.from('{"type":"complaint.updated","judul":"Pañpor ✓"}');
    expect(signature('msg_1', Math.floor(at.getTime() / 1000), body)).toBe(
      new Webhook(secret).sign('msg_1', at, body.toString('utf8')),
    );
  });

  it('refuses unauthenticated deliveries with 401 (or 413 when oversize), whatever the headers and body', async () => {
    const now = () => Math.floor(Date.now() / 1000);
    const headerText = fc.oneof(
      anyText,
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.integer({ min: 200, max: 4000 }).map((n) => 'A'.repeat(n)),
      fc.constant(''),
    );
    const validId = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/);
    type SigKind =
      | { kind: 'text'; value: string }
      | {
          kind:
            'otherBody' | 'otherId' | 'otherSecret' | 'truncated' | 'v2' | 'noPrefix' | 'stale' | 'future';
        }
      | { kind: 'many'; count: number };
    const sigArb: fc.Arbitrary<SigKind | undefined> = fc.oneof(
      fc.constant(undefined),
      headerText.map((value) => ({ kind: 'text' as const, value })),
      fc.constantFrom('v1,', 'v1', 'v1,=', 'v1,AAAA', 'v1, ', ' v1,x', 'v1a,xyz').map((value) => ({
        kind: 'text' as const,
        value,
      })),
      fc
        .constantFrom('otherBody', 'otherId', 'otherSecret', 'truncated', 'v2', 'noPrefix', 'stale', 'future')
        .map((kind) => ({ kind })),
      fc.integer({ min: 2, max: 300 }).map((count) => ({ kind: 'many' as const, count })),
    );
    const tsArb = fc.oneof(
      fc.constant(undefined),
      fc.constant('NOW'),
      fc.integer({ min: -1e9, max: 1e12 }).map(String),
      fc.constantFrom('-1', '1.5', '0x10', ' 1', '1e9', '9'.repeat(20), '', 'NaN'),
      headerText,
    );
    const bodyArb = fc.oneof(
      fc.constant('EVENT'),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      smallJson.map((v) => Buffer.from(JSON.stringify(v))),
      fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 2 }).map((n) => Buffer.alloc(n, 0x7b)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.oneof(validId, headerText), { nil: undefined }),
        tsArb,
        sigArb,
        bodyArb,
        fc.constantFrom(
          undefined,
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          '*/*;;',
        ),
        async (idHeader, tsHeader, sig, bodySpec, contentType) => {
          const laporId = freshId();
          const body =
            bodySpec === 'EVENT'
              ? Buffer.from(
                  JSON.stringify({
                    type: 'complaint.dispositioned',
                    data: {
                      complaint_id: laporId,
                      complaint: wireComplaint(laporId, 'Paspor', 'Isi', false),
                    },
                  }),
                )
              : bodySpec;
          const ts = tsHeader === 'NOW' ? String(now()) : tsHeader;
          const id = idHeader ?? '';
          const tsNum = Number(ts ?? now());
          const headers: Record<string, string> = {};
          if (idHeader !== undefined) headers['webhook-id'] = latin1Header(idHeader);
          if (ts !== undefined) headers['webhook-timestamp'] = latin1Header(ts);
          if (contentType) headers['content-type'] = contentType;
          if (sig) {
            const good = (i: string, at: number, b: Buffer) => signature(i, at, b);
            let value: string;
            switch (sig.kind) {
              case 'text':
                value = latin1Header(sig.value);
                break;
              case 'otherBody':
                value = good(id, tsNum, Buffer.concat([body, Buffer.from(' ')]));
                break;
              case 'otherId':
                value = good(`${id}x`, tsNum, body);
                break;
              case 'otherSecret':
                value = `v1,${createHmac('sha256', Buffer.from('not-the-secret')).update(`${id}.${tsNum}.`).update(body).digest('base64')}`;
                break;
              case 'truncated':
                value = good(id, tsNum, body).slice(0, -2);
                break;
              case 'v2':
                value = good(id, tsNum, body).replace('v1,', 'v2,');
                break;
              case 'noPrefix':
                value = good(id, tsNum, body).slice(3);
                break;
              case 'stale':
              case 'future': {
                // Authentic, but outside the tolerance: the timestamp header is the one signed.
                const at = now() + (sig.kind === 'stale' ? -3600 : 3600);
                headers['webhook-timestamp'] = String(at);
                value = good(id, at, body);
                break;
              }
              case 'many':
                value = Array.from(
                  { length: sig.count },
                  (_, i) => `v1,${Buffer.from(`sig${i}`).toString('base64')}`,
                ).join(' ');
                break;
            }
            headers['webhook-signature'] = value;
          }
          const r = await post(headers, body);
          refusedIds.add(laporId);
          if (body.length > BODY_LIMIT) {
            if (r.status !== 413 || !isProblem(r, ['PAYLOAD_TOO_LARGE'])) throw new Error(describeReply(r));
          } else if (r.status !== 401 || !isProblem(r) || !String(r.json?.code).startsWith('WEBHOOK_')) {
            throw new Error(describeReply(r));
          }
        },
      ),
      params(),
    );
    await stillAlive();
  });

  it('answers authentic random JSON and random bytes with 400 and a problem code', async () => {
    const isValidShape = (v: unknown) => {
      const o = v as { type?: unknown; data?: { complaint_id?: unknown } } | null;
      return (
        typeof o === 'object' && o !== null && TYPES.includes(o.type as string) && typeof o.data === 'object'
      );
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 6 }).map((v) => ({ value: v, body: Buffer.from(JSON.stringify(v)) })),
          fc
            .record({
              type: fc.constantFrom(...TYPES),
              data: fc.dictionary(fc.string({ maxLength: 14 }), smallJson, { maxKeys: 5 }),
            })
            .map((v) => ({ value: v, body: Buffer.from(JSON.stringify(v)) })),
          fc.uint8Array({ maxLength: 500 }).map((b) => ({ value: undefined, body: Buffer.from(b) })),
          anyText.map((s) => ({ value: undefined, body: Buffer.from(s) })),
        ),
        async ({ value, body }) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(body.toString('utf8'));
          } catch {
            parsed = undefined;
          }
          const r = await signedPost(body);
          if (r.status >= 500) throw new Error(describeReply(r));
          const maybeValid = isValidShape(parsed ?? value);
          if (r.status < 300 && maybeValid) return booked(r, []);
          if (r.status !== 400 || !isProblem(r, ERROR_CODES)) throw new Error(describeReply(r));
        },
      ),
      params(),
    );
    await stillAlive();
  });

  it('answers authentic mutations of a valid event with 2xx only when valid, else 400; never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(eventMutation, async (mut) => {
        const { body, expect: want, ids } = build(mut);
        const r = await signedPost(body);
        const where = `${describeReply(r)} (expected ${want}) for body ${showBody(body)}`;
        if (r.status >= 500) throw new Error(where);
        if (body.length > BODY_LIMIT) {
          if (r.status !== 413 || !isProblem(r, ['PAYLOAD_TOO_LARGE'])) throw new Error(where);
          ids.forEach((i) => refusedIds.add(i));
          return;
        }
        if (r.status < 300) {
          if (want === 'reject' || ![200, 202].includes(r.status) || r.json?.status !== 'accepted')
            throw new Error(where);
          booked(r, ids);
          return;
        }
        ids.forEach((i) => refusedIds.add(i));
        if (want === 'accept' || r.status !== 400 || !isProblem(r, ERROR_CODES)) throw new Error(where);
      }),
      params(),
    );
    await stillAlive();
  });

  it('survives odd transports (content encodings, charsets) with a 4xx or a 2xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'x-fuzz', 'gzip, gzip'),
        fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain; charset=koi8-r'),
        fc.uint8Array({ maxLength: 200 }),
        async (encoding, contentType, junk) => {
          const laporId = freshId();
          const body = Buffer.concat([
            Buffer.from(JSON.stringify({ type: 'complaint.updated', data: { complaint_id: laporId } })),
            Buffer.from(junk),
          ]);
          const r = await signedPost(body, { 'content-encoding': encoding, 'content-type': contentType });
          if (r.status >= 500 || (r.status >= 400 && !isProblem(r))) throw new Error(describeReply(r));
          if (r.status < 300) booked(r, [laporId]);
        },
      ),
      params(60),
    );
    await stillAlive();
  });

  // Two bugs this fuzz found (now fixed), kept as plain regression tests.
  const signedComplaint = async (overrides: JsonObject) => {
    const id = freshId();
    const event = {
      type: 'complaint.dispositioned',
      data: { complaint_id: id, complaint: { ...wireComplaint(id, 'Paspor', 'Isi', false), ...overrides } },
    };
    const r = await signedPost(Buffer.from(JSON.stringify(event)));
    await stillAlive();
    return { id, status: r.status };
  };

  it('stores text with a U+0000 character without it (Postgres cannot hold it), instead of a 500', async () => {
    const { id, status } = await signedComplaint({ title: 'Paspor\u0000hilang' });
    expect(status).toBe(202);
    outcomes.created = (outcomes.created ?? 0) + 1;
    const [row] = await ds.query(`SELECT title FROM complaints WHERE lapor_id = $1`, [id]);
    expect(row.title).toBe('Pasporhilang');
  });

  it('refuses a date_of_incident in year 0000 with a 400, not a 500', async () => {
    const { id, status } = await signedComplaint({ date_of_incident: '01-01-0000' });
    refusedIds.add(id);
    expect(status).toBe(400);
  });

  it('refuses a header block too large for the server without harm', async () => {
    // Node's HTTP server answers 431 and closes; the client may see the answer or only the reset.
    const outcome = await post({ 'webhook-id': 'x', 'x-fuzz': 'A'.repeat(40_000) }, Buffer.from('{}')).then(
      (r) => r.status,
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect([431, 'ECONNRESET', 'EPIPE']).toContain(outcome);
    await stillAlive();
  });

  it('leaves the database consistent: one received event per complaint, nothing from refused deliveries', async () => {
    const orphans = await ds.query(
      `SELECT c.lapor_id FROM complaints c
       WHERE (SELECT count(*) FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'received') <> 1`,
    );
    expect(orphans).toEqual([]);
    const undelivered = await ds.query(
      `SELECT c.lapor_id FROM complaints c WHERE NOT EXISTS (
         SELECT 1 FROM inbound_deliveries d WHERE d.complaint_id = c.id AND d.outcome = 'created')`,
    );
    expect(undelivered).toEqual([]);
    const refusedOnly = [...refusedIds].filter((i) => !acceptedIds.has(i));
    const leaked = await ds.query(`SELECT lapor_id FROM complaints WHERE lapor_id = ANY($1)`, [refusedOnly]);
    expect(leaked).toEqual([]);
    const leakedDeliveries = await ds.query(
      `SELECT delivery_key FROM inbound_deliveries WHERE lapor_id = ANY($1) OR outcome IS NULL`,
      [refusedOnly],
    );
    expect(leakedDeliveries).toEqual([]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM complaints`);
    expect(n).toBe(outcomes.created ?? 0);
    const [{ routes }] = await ds.query(
      `SELECT count(*)::int AS routes FROM outbox WHERE job_name = 'complaint.route'`,
    );
    expect(routes).toBe(n);
    // The generators must really reach the accepting paths, or the consistency check proves little.
    expect(outcomes.created ?? 0).toBeGreaterThan(RUNS / 20);
  });
});

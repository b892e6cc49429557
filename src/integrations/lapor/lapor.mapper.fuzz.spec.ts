import fc from 'fast-check';
import { DomainError } from '../../core/http/domain.errors';
import { parseWebhookEvent } from '../../modules/intake/webhook-event';
import { laporCodes } from './lapor-codes';
import { LaporMappingError } from './lapor.errors';
import {
  mapComplaint,
  mapComplaintDetail,
  mapFollowUp,
  mapInstitution,
  mapItems,
  mapLog,
  mapTemplate,
  wireIdOf,
} from './lapor.mapper';
import type {
  UpstreamAttachment,
  UpstreamComplaint,
  UpstreamFollowUp,
  UpstreamLog,
  UpstreamPage,
} from './lapor.types';

/**
 * SPEC.md "Reliability and security promises": bad input never crashes the process or corrupts data.
 * The wire is untrusted (README.md "Mapping rules"), so every mapping function, fed random and
 * adversarial wire objects, either returns a well-formed object or throws a LaporMappingError that
 * names the field — never a TypeError, a RangeError or anything else. Reproduce a failure with the
 * seed printed in the test name: FUZZ_SEED=<seed> npx jest src/integrations/lapor/lapor.mapper.fuzz.spec.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const params = (runs = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns: runs });
const codes = laporCodes();

// ---- adversarial values ------------------------------------------------------------------------

/** Text a real complaint may hold, and text that breaks naive code. */
const nastyText = fc.constantFrom(
  'Paspor hilang di Jeddah',
  'جواز السفر مفقود', // RTL
  '\u202eevil\u202c', // RTL override
  'Paspor 🛂🇮🇩👨‍👩‍👧', // emoji, ZWJ sequences, flags
  'e\u0301\u0301\u0301\u0301', // combining marks
  'Z̸̢̛̠̲̈́a̶̛̖l̷̰̈g̴̹̅ǒ̷̱',
  '\ud800', // lone high surrogate
  '\udfff tail', // lone low surrogate
  'a\u0000b', // NUL: Postgres cannot store it
  '\u0000',
  '\u0000 \u0000',
  '\u200b', // zero-width space
  '\ufeffBOM',
  ' \t\n ',
  '',
  '__proto__',
  'constructor',
  'toString',
  '<script>alert(1)</script>',
  "'; DROP TABLE complaints; --",
  '1e309',
  'NaN',
  '-0',
  '0x1F',
  '  42  ',
  '٤٢', // Arabic-Indic digits
);
const hugeText = fc.constantFrom('x'.repeat(1_000_000), 'é'.repeat(200_000), '😀'.repeat(100_000));
const anyString = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: nastyText, weight: 3 },
  { arbitrary: hugeText, weight: 1 },
);
const oddNumber = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  -0,
  0.5,
  -1,
  1e21,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.EPSILON,
);
/** Times and dates around every edge lapor-time.ts draws: years 0 and 10000, impossible days, zones. */
const edgeTime = fc.constantFrom(
  '23-11-2026 14:05:09',
  '2026-11-23T07:05:09Z',
  '01-01-0000 00:00:00',
  '31-12-9999 23:59:59',
  '01-01-10000 00:00:00',
  '0000-01-01T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '10000-01-01T00:00:00Z',
  '01-01-1900 00:00:00', // UTC year 1899 once shifted from WIB
  '1899-12-31T23:59:59+14:00',
  '2999-12-31T23:59:59-12:00',
  '31-02-2026 10:00:00',
  '29-02-2024 10:00:00',
  '20-11-2026 24:00:00',
  '20-11-2026 23:59:60',
  '2026-03-08T02:30:00-05:00', // a DST gap elsewhere; WIB has none
  '2026-03-29T02:30:00+01:00',
  '2026-11-20T10:00:00+99:99',
  '2026-11-20T10:00:00+14:00',
  '2026-11-20T10:00:00-12:00',
  '2026-11-20T10:00:00',
  '2026-11-20T10:00:00.1234567890Z',
  '3-1-2026 9:05:09',
  ' 20-11-2026 10:00:00 ',
  '20-11-2026\u000010:00:00',
  '\u000020-11-2026 10:00:00',
  '٢٠-١١-٢٠٢٦ ١٠:٠٠:٠٠',
  '20-11-2026',
  '2026-11-20',
  '29-02-2026',
  '00-00-0000',
  '1763600000',
);
const leafValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  oddNumber,
  anyString,
  edgeTime,
  fc.bigInt(),
  fc.constantFrom(0, 1, '0', '1', 'true', 'false', 'yes', 2),
);
/** Nested `depth` levels deep, built without recursion (a mapper must never walk it). */
const deep = (depth: number, asArray: boolean): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};
/** Keys that pollute prototypes when code copies objects naively (own keys, as JSON.parse makes them). */
const pollutedObject = fc.constantFrom(
  () => JSON.parse('{"__proto__": {"polluted": true, "title": "from proto"}}') as unknown,
  () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  () => Object.create(null) as unknown,
  () => JSON.parse('{"__proto__": null}') as unknown,
);
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: leafValue, weight: 6 },
  { arbitrary: fc.array(leafValue, { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), leafValue, { maxKeys: 3 }), weight: 1 },
  { arbitrary: pollutedObject.map((make) => make()), weight: 1 },
  {
    arbitrary: fc.tuple(fc.integer({ min: 10, max: 5000 }), fc.boolean()).map(([d, a]) => deep(d, a)),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(new Date(NaN), new Date(0), new Map(), new Set([1])), weight: 1 },
  {
    arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true, withDate: true }),
    weight: 1,
  },
);

// ---- wire objects: a valid base, then fields replaced, deleted or retyped ------------------------

/** A field value as the contract allows it, or "numbers as strings and vice versa". */
const idLike = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 0, max: 10_000_000 }).map(String),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
);
const known = {
  status: ['process', 'done', 'archived', 'rejected', 'unverified', 'unknown-status', 7],
  classification: ['1', 2, '3', '99', 'Pengaduan'],
  category: ['610', 611, '614', '999', ' 610 '],
};

function baseComplaint(id: string | number): Record<string, unknown> {
  return {
    id,
    complaint_id: id,
    tracking_id: `T${id}`,
    title: 'Paspor belum jadi',
    content: 'Sudah tiga bulan menunggu di KJRI Jeddah.',
    classification_id: 1,
    classification_name: 'Pengaduan',
    category_id: '610',
    category_name: 'Pelayanan Kekonsuleran',
    location_id: 34,
    location_name: 'Nasional',
    date_of_incident: '20-11-2026',
    is_anonymous: false,
    is_secret: 0,
    reporter: { name: 'Siti Contoh', email: 'siti@example.com', phone: '+62 812-0000-0001' },
    status_code: 'process',
    status_name: 'Dalam Proses',
    disposition_id: 1001,
    disposition_name: 'Kementerian Luar Negeri',
    dispositioned_at: '22-11-2026 09:00:00',
    created_at: '21-11-2026 08:00:00',
    updated_at: '23-11-2026 14:05:09',
    attachments: [{ id: 5, name: 'paspor.jpg', url: 'https://lapor.example/files/5' }],
  };
}
const COMPLAINT_FIELDS = Object.keys(baseComplaint(1));

function baseFollowUp(id: string | number): Record<string, unknown> {
  return {
    id,
    complaint_id: 2600001,
    content: 'Mohon ditindaklanjuti',
    created_at: '24-11-2026 10:00:00',
    author_type: 'institution',
    institution_from_id: 1001,
    institution_from_name: 'Kementerian Luar Negeri',
    institution_to_id: null,
    institution_to_name: null,
    template_code: 'T01',
    is_secret: false,
    attachments: [],
  };
}
const FOLLOWUP_FIELDS = Object.keys(baseFollowUp(1));

function baseLog(id: number): Record<string, unknown> {
  return {
    id,
    status_code: 'process',
    status_name: 'Dalam Proses',
    description: 'Laporan didisposisikan ke Kementerian Luar Negeri',
    institution_from_name: 'LAPOR! Admin',
    institution_to_name: 'Kementerian Luar Negeri',
    created_at: '22-11-2026 09:00:00',
  };
}
const LOG_FIELDS = Object.keys(baseLog(1));

type Edit = { field: string; op: 'delete' | 'set'; value: unknown };
const edits = (fields: string[], extra: fc.Arbitrary<unknown>[] = []): fc.Arbitrary<Edit[]> =>
  fc.array(
    fc.record({
      field: fc.oneof(
        { arbitrary: fc.constantFrom(...fields), weight: 8 },
        { arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'), weight: 1 },
        { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
      ),
      op: fc.constantFrom<'delete' | 'set'>('delete', 'set', 'set', 'set'),
      value: fc.oneof(wrongValue, ...extra),
    }),
    { maxLength: 5 },
  );
/** Applies edits as JSON.parse would build the object: own properties, even `__proto__`. */
function edited(base: Record<string, unknown>, list: Edit[]): Record<string, unknown> {
  const obj = { ...base };
  for (const e of list) {
    if (e.op === 'delete') delete obj[e.field];
    else
      Object.defineProperty(obj, e.field, {
        value: e.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return obj;
}

const validAttachment = fc.record({
  id: idLike,
  name: fc.oneof(anyString, fc.constant('a.pdf')),
  url: fc.constantFrom(
    'https://lapor.example/f/1',
    'http://x.example/a b',
    'javascript:alert(1)',
    'data:text/html,x',
    'ftp://x',
    '//x.example/a',
    ' https://x.example/%00 ',
    'https://\u0000x',
    'https://[::1]/x',
    '',
  ),
});
const complaintExtras = [
  idLike,
  edgeTime,
  fc.constantFrom(...known.status, ...known.classification, ...known.category),
  fc.array(fc.oneof(validAttachment, wrongValue), { maxLength: 3 }),
  fc.record({ name: fc.oneof(anyString, fc.constant(null)), email: anyString, phone: wrongValue }),
];
const wireComplaint = fc
  .tuple(idLike, edits(COMPLAINT_FIELDS, complaintExtras))
  .map(([id, list]) => edited(baseComplaint(id), list));
const wireFollowUp = fc
  .tuple(
    idLike,
    edits(FOLLOWUP_FIELDS, [
      idLike,
      edgeTime,
      fc.constantFrom('institution', 'reporter', 'admin', ' Reporter ', 'ADMIN', 'pelapor'),
      fc.array(fc.oneof(validAttachment, wrongValue), { maxLength: 2 }),
    ]),
  )
  .map(([id, list]) => edited(baseFollowUp(id), list));
const wireLog = fc
  .tuple(fc.nat(), edits(LOG_FIELDS, [edgeTime, idLike]))
  .map(([id, list]) => edited(baseLog(id), list));
/** Anything at all, as the top-level value: arrays where objects are expected, primitives, junk. */
const notAnObject = fc.oneof(
  leafValue,
  fc.array(wrongValue, { maxLength: 3 }),
  fc.constant([baseComplaint(1)]),
  pollutedObject.map((make) => make()),
);

// ---- invariants --------------------------------------------------------------------------------

const hasNul = (s: string) => s.includes('\u0000');
function expectId(v: unknown, what: string): void {
  if (typeof v !== 'string' || v === '' || v !== v.trim() || hasNul(v)) {
    throw new Error(`${what}: not an id string: ${JSON.stringify(v)?.slice(0, 80)}`);
  }
}
const expectOptId = (v: unknown, what: string) => (v === null ? undefined : expectId(v, what));
function expectText(v: unknown, what: string, required = false): void {
  if (v === null && !required) return;
  if (typeof v !== 'string' || v.trim() === '' || hasNul(v)) {
    throw new Error(`${what}: not a non-blank string without U+0000: ${JSON.stringify(v)?.slice(0, 80)}`);
  }
}
/** A real instant Postgres can store, of the years lapor-time.ts accepts (1900–2999 WIB, ±14 h). */
const MIN_INSTANT = Date.UTC(1899, 11, 31, 0, 0, 0);
const MAX_INSTANT = Date.UTC(3000, 0, 1, 14, 0, 0);
function expectInstant(v: unknown, what: string, required = false): void {
  if (v === null && !required) return;
  if (!(v instanceof Date) || !Number.isFinite(v.getTime())) throw new Error(`${what}: not a valid Date`);
  if (v.getTime() < MIN_INSTANT || v.getTime() > MAX_INSTANT)
    throw new Error(`${what}: out of range ${v.toISOString()}`);
}
function expectFlag(v: unknown, what: string, nullable = false): void {
  if (typeof v === 'boolean' || (nullable && v === null)) return;
  throw new Error(`${what}: not a boolean: ${String(v)}`);
}
function expectAttachments(list: UpstreamAttachment[], what: string): void {
  if (!Array.isArray(list)) throw new Error(`${what}: not a list`);
  list.forEach((a, i) => {
    expectId(a.id, `${what}[${i}].id`);
    expectText(a.name, `${what}[${i}].name`, true);
    const url = new URL(a.url);
    if (!['http:', 'https:'].includes(url.protocol) || hasNul(a.url))
      throw new Error(`${what}[${i}].url unsafe`);
  });
}

function checkComplaint(c: UpstreamComplaint): void {
  expectId(c.laporId, 'laporId');
  for (const k of [
    'trackingId',
    'statusCode',
    'classificationId',
    'categoryId',
    'locationId',
    'dispositionId',
  ] as const)
    expectOptId(c[k], k);
  expectText(c.title, 'title', true);
  expectText(c.content, 'content', true);
  for (const k of [
    'statusName',
    'classificationName',
    'categoryName',
    'locationName',
    'dispositionName',
  ] as const)
    expectText(c[k], k);
  if (c.dateOfIncident !== null) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.dateOfIncident);
    if (!m || Number(m[1]) < 1900 || Number(m[1]) > 2999)
      throw new Error(`dateOfIncident ${c.dateOfIncident}`);
    if (new Date(`${c.dateOfIncident}T00:00:00Z`).toISOString().slice(0, 10) !== c.dateOfIncident)
      throw new Error(`dateOfIncident not a real day: ${c.dateOfIncident}`);
  }
  expectFlag(c.isAnonymous, 'isAnonymous');
  expectFlag(c.isSecret, 'isSecret');
  if (c.isAnonymous && c.reporter !== null) throw new Error('an anonymous complaint kept its reporter');
  if (c.reporter) {
    expectText(c.reporter.name, 'reporter.name');
    expectText(c.reporter.email, 'reporter.email');
    expectText(c.reporter.phone, 'reporter.phone');
    if (c.reporter.name === null && c.reporter.email === null && c.reporter.phone === null)
      throw new Error('an all-blank reporter is not null');
  }
  expectInstant(c.createdAt, 'createdAt');
  expectInstant(c.updatedAt, 'updatedAt', true);
  expectInstant(c.dispositionedAt, 'dispositionedAt');
  const dispositioned = c.dispositionId !== null || c.dispositionName !== null;
  if (!dispositioned && (c.dispositionedAt !== null || c.dispositionedAtSource !== null))
    throw new Error('a disposition time without a disposition');
  if ((c.dispositionedAt === null) !== (c.dispositionedAtSource === null))
    throw new Error('dispositionedAt and its source disagree');
  if (c.dispositionedAtSource === 'created_at' && c.dispositionedAt?.getTime() !== c.createdAt?.getTime())
    throw new Error('dispositionedAt from created_at differs from createdAt');
  expectAttachments(c.attachments, 'attachments');
  // Unknown codes are recorded as sent, never dropped nor defaulted.
  const unknown = (field: string) => c.unknownCodes.filter((u) => u.field === field);
  const pairs: [string, unknown, string | null, string | null][] = [
    ['status', c.statusMeaning, c.statusCode, c.statusName],
    ['classification', c.classification, c.classificationId, c.classificationName],
  ];
  for (const [field, meaning, code, name] of pairs) {
    const u = unknown(field);
    if (meaning === null ? u.length !== 1 : u.length !== 0)
      throw new Error(`${field}: known/unknown mismatch`);
    if (u[0] && (u[0].code !== code || u[0].name !== name))
      throw new Error(`${field}: unknown code not as sent`);
  }
  const cat = unknown('category');
  if (cat.length > 1 || (cat[0] && (cat[0].code !== c.categoryId || cat[0].name !== c.categoryName)))
    throw new Error('category: unknown code not as sent');
  if (c.unknownCodes.length !== unknown('status').length + unknown('classification').length + cat.length)
    throw new Error('unknownCodes has a foreign entry');
  if (c.statusCode === null && c.statusName === null && c.statusMeaning !== null)
    throw new Error('a status meaning out of nothing');
}

function checkFollowUp(f: UpstreamFollowUp): void {
  expectId(f.laporFollowupId, 'laporFollowupId');
  if (typeof f.content !== 'string' || hasNul(f.content))
    throw new Error('content: not a string without U+0000');
  expectInstant(f.createdAt, 'createdAt', true);
  if (!['institution', 'reporter', 'admin'].includes(f.authorType))
    throw new Error(`authorType ${f.authorType}`);
  expectOptId(f.institutionFromId ?? null, 'institutionFromId');
  expectOptId(f.institutionToId ?? null, 'institutionToId');
  expectOptId(f.templateCode, 'templateCode');
  expectText(f.institutionFromName, 'institutionFromName');
  expectText(f.institutionToName, 'institutionToName');
  expectFlag(f.isSecret ?? null, 'isSecret', true);
  expectAttachments(f.attachments, 'attachments');
}

function checkLog(l: UpstreamLog): void {
  expectOptId(l.id, 'id');
  expectOptId(l.statusCode ?? null, 'statusCode');
  for (const k of ['statusName', 'description', 'institutionFromName', 'institutionToName'] as const)
    expectText(l[k] ?? null, k);
  expectInstant(l.createdAt, 'createdAt');
}

/** The refusal: typed, naming a field, never quoting personal data or carrying U+0000 (it is stored). */
function checkRefusal(err: unknown): void {
  if (!(err instanceof LaporMappingError)) throw err;
  if (err.code !== 'LAPOR_MAPPING_FAILED' || err.retryable) throw new Error('refusal with the wrong code');
  if (typeof err.reason !== 'string' || !err.reason) throw new Error('refusal without a reason');
  for (const s of [err.reason, err.message, err.laporId ?? '']) {
    if (hasNul(s)) throw new Error(`U+0000 in a refusal: ${JSON.stringify(s)}`);
  }
  if (err.reason.length > 400) throw new Error(`reason of ${err.reason.length} characters`);
  if (err.laporId !== null) expectId(err.laporId, 'laporId of the refusal');
  if ((err.laporId?.length ?? 0) > 64) throw new Error('laporId of a refusal longer than 64');
  if (err.reason.includes(SENTINEL) || err.message.includes(SENTINEL))
    throw new Error('the value was quoted');
  JSON.stringify(err.toJSON());
}
/** Personal data planted in fields: a refusal must never repeat it. */
const SENTINEL = 'Siti Rahasia 0812';

/** Runs a mapping: returns what it mapped, or undefined after checking the refusal. */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    checkRefusal(err);
    return undefined;
  }
}
/** Mapping is deterministic: twice the same input gives the same output, or the same refusal. */
function deterministic(fn: () => unknown): void {
  const outcome = () => {
    try {
      return { ok: fn() };
    } catch (err) {
      return { refused: (err as LaporMappingError).reason, id: (err as LaporMappingError).laporId };
    }
  };
  expect(outcome()).toEqual(outcome());
}
/** JSON-safe snapshot to check that the input is left unchanged (no mutation, no pollution). */
const snapshot = (v: unknown) => {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
  } catch {
    return 'unserialisable';
  }
};

// ---- properties --------------------------------------------------------------------------------

describe(`LAPOR! mapper fuzz (seed ${SEED}, ${RUNS} runs)`, () => {
  afterEach(() => {
    // Nothing a wire object carried may leak onto shared prototypes.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'title')).toBe(false);
  });

  it('mapComplaint: a well-formed complaint or a LaporMappingError, deterministically, input untouched', () => {
    let mapped = 0;
    fc.assert(
      fc.property(wireComplaint, fc.boolean(), (wire, plant) => {
        if (plant) wire.updated_at = SENTINEL;
        const before = snapshot(wire);
        const c = attempt(() => mapComplaint(wire, { codes }));
        if (c) {
          mapped++;
          checkComplaint(c);
          JSON.stringify(c);
        }
        deterministic(() => mapComplaint(wire, { codes }));
        expect(snapshot(wire)).toBe(before);
      }),
      params(),
    );
    // The generators must reach the accepting path too, or the invariants prove little.
    expect(mapped).toBeGreaterThan(RUNS / 20);
  });

  it('mapComplaint: records every unknown code as sent, never defaulting it', () => {
    const code = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      idLike,
      fc.constantFrom(...known.status),
    );
    const name = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      anyString,
      fc.constantFrom('Selesai', 'DALAM  proses'),
    );
    fc.assert(
      fc.property(code, name, code, name, code, name, (sc, sn, cc, cn, gc, gn) => {
        const wire = baseComplaint(77);
        const set = (k: string, v: unknown) => (v === undefined ? delete wire[k] : (wire[k] = v));
        set('status_code', sc);
        set('status_name', sn);
        set('classification_id', cc);
        set('classification_name', cn);
        set('category_id', gc);
        set('category_name', gn);
        const c = attempt(() => mapComplaint(wire, { codes }));
        if (c) checkComplaint(c);
      }),
      params(),
    );
  });

  it('every mapper refuses non-objects (arrays, primitives, polluted objects) with a LaporMappingError', () => {
    const mappers = [
      (w: unknown) => mapComplaint(w, { codes }),
      mapComplaintDetail,
      mapFollowUp,
      mapLog,
      mapInstitution,
      mapTemplate,
    ];
    fc.assert(
      fc.property(notAnObject, fc.constantFrom(...mappers.keys()), (wire, i) => {
        attempt(() => mappers[i](wire));
        deterministic(() => mappers[i](wire));
      }),
      params(),
    );
  });

  it('mapFollowUp: a well-formed follow-up (content without U+0000) or a LaporMappingError', () => {
    let mapped = 0;
    fc.assert(
      fc.property(wireFollowUp, (wire) => {
        const before = snapshot(wire);
        const f = attempt(() => mapFollowUp(wire));
        if (f) {
          mapped++;
          checkFollowUp(f);
        }
        deterministic(() => mapFollowUp(wire));
        expect(snapshot(wire)).toBe(before);
      }),
      params(),
    );
    expect(mapped).toBeGreaterThan(RUNS / 20);
  });

  it('mapLog and mapComplaintDetail: logs typed, the disposition time taken from a real log entry', () => {
    const detail = fc.record({
      data: fc.oneof({ arbitrary: wireComplaint, weight: 4 }, { arbitrary: notAnObject, weight: 1 }),
      data_logs: fc.oneof(
        { arbitrary: fc.array(wireLog, { maxLength: 4 }), weight: 4 },
        { arbitrary: wrongValue, weight: 1 },
      ),
      noDispositionedAt: fc.boolean(),
    });
    fc.assert(
      fc.property(detail, ({ data, data_logs, noDispositionedAt }) => {
        if (noDispositionedAt && data && typeof data === 'object')
          delete (data as Record<string, unknown>).dispositioned_at;
        const results = { data, data_logs };
        if (Array.isArray(data_logs))
          data_logs.forEach((l) => attempt(() => mapLog(l)) && checkLog(mapLog(l)));
        const d = attempt(() => mapComplaintDetail(results, codes));
        deterministic(() => mapComplaintDetail(results, codes));
        if (!d) return;
        checkComplaint(d.complaint);
        d.logs.forEach(checkLog);
        if (d.complaint.dispositionedAtSource === 'log') {
          const times = d.logs.map((l) => l.createdAt?.getTime());
          if (!times.includes(d.complaint.dispositionedAt!.getTime()))
            throw new Error('log time from nowhere');
        }
      }),
      params(),
    );
  });

  it('mapInstitution and mapTemplate: ids and names typed, or a LaporMappingError', () => {
    const master = fc.tuple(
      fc.constantFrom<'institution' | 'template'>('institution', 'template'),
      edits(['id', 'name', 'template_code', 'title', 'type', 'content'], [idLike, anyString]),
    );
    fc.assert(
      fc.property(master, ([kind, list]) => {
        if (kind === 'institution') {
          const i = attempt(() => mapInstitution(edited({ id: 1001, name: 'Kemlu' }, list)));
          if (i) {
            expectId(i.id, 'id');
            expectText(i.name, 'name', true);
          }
        } else {
          const t = attempt(() => mapTemplate(edited({ template_code: 'T1', title: 'Salam' }, list)));
          if (t) {
            expectId(t.templateCode, 'templateCode');
            for (const k of ['title', 'type', 'content'] as const) expectText(t[k], k);
          }
        }
      }),
      params(),
    );
  });

  it('mapItems: never fails a page; every item is mapped or rejected once, with a bounded id', () => {
    const items = fc.array(fc.oneof(wireComplaint, notAnObject, wireFollowUp), { maxLength: 8 });
    fc.assert(
      fc.property(items, fc.constantFrom('complaint', 'followup'), (list, kind) => {
        const page: UpstreamPage<unknown> =
          kind === 'complaint'
            ? mapItems(list, null, (w) => mapComplaint(w, { codes }))
            : mapItems(list, 'https://lapor.example/next', mapFollowUp, ['id']);
        expect(page.items.length + page.rejected.length).toBe(list.length);
        const indexes = page.rejected.map((r) => r.index);
        expect(new Set(indexes).size).toBe(indexes.length);
        indexes.forEach((i) => expect(i >= 0 && i < list.length).toBe(true));
        for (const r of page.rejected) {
          if (hasNul(r.reason) || r.reason.length > 400)
            throw new Error(`bad reason ${JSON.stringify(r.reason)}`);
          if (r.laporId !== null) {
            expectId(r.laporId, 'rejected laporId');
            expect(r.laporId.length).toBeLessThanOrEqual(64);
          }
        }
      }),
      params(),
    );
  });

  it('wireIdOf: null or a trimmed id of at most 64 characters, without U+0000', () => {
    fc.assert(
      fc.property(fc.oneof(wireComplaint, notAnObject), fc.oneof(wrongValue, anyString), (item, id) => {
        const obj =
          item && typeof item === 'object' && !Array.isArray(item) ? { ...item, complaint_id: id } : item;
        const v = wireIdOf(obj);
        if (v === null) return;
        expectId(v, 'wireIdOf');
        expect(v.length).toBeLessThanOrEqual(64);
      }),
      params(),
    );
  });

  it('the webhook path (parseWebhookEvent, then the mappers) refuses with a 4xx domain error or a LaporMappingError', () => {
    const event = fc.record(
      {
        type: fc.oneof(fc.constantFrom('complaint.updated', 'complaint.followup_added'), wrongValue),
        timestamp: fc.oneof(edgeTime, wrongValue),
        data: fc.oneof(
          fc.record(
            {
              complaint_id: fc.oneof(idLike, wrongValue),
              complaint: fc.oneof(wireComplaint, notAnObject),
              followup: fc.oneof(wireFollowUp, notAnObject),
            },
            { requiredKeys: ['complaint_id'] },
          ),
          wrongValue,
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(event, (e) => {
        let text: string;
        try {
          text = JSON.stringify(e, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? 'null';
        } catch {
          return; // not JSON: cannot arrive over HTTP
        }
        try {
          const parsed = parseWebhookEvent(Buffer.from(text));
          if (parsed.complaint !== undefined) checkComplaint(mapComplaint(parsed.complaint, { codes }));
          if (parsed.followup !== undefined) checkFollowUp(mapFollowUp(parsed.followup));
        } catch (err) {
          if (err instanceof DomainError && err.status >= 400 && err.status < 500) return;
          checkRefusal(err);
        }
      }),
      params(),
    );
  });

  // Found by this fuzz (fixed); kept as named regressions.
  it('regression: U+0000 in a follow-up content is dropped, as in every other text field', () => {
    expect(mapFollowUp({ ...baseFollowUp(9), content: 'Mohon\u0000 dicek' }).content).toBe('Mohon dicek');
  });

  it('regression: a refused item never carries U+0000 in its id or reason (they are stored)', () => {
    const page = mapItems(
      [
        { ...baseComplaint('12\u0000'), title: null, updated_at: '\u0000x' },
        { ...baseComplaint(13), updated_at: '\u0000x' },
      ],
      null,
      (w) => mapComplaint(w, { codes }),
    );
    expect(page.rejected).toHaveLength(2);
    expect(page.rejected[0].laporId).toBe('12');
    for (const r of page.rejected) expect(r.reason).not.toContain('\u0000');
  });
});

import { UnrecoverableError } from 'bullmq';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { QUEUE_NAMES } from '../../src/core/queue/queue.contract';
import { laporCodes } from '../../src/integrations/lapor/lapor-codes';
import { LaporMappingError } from '../../src/integrations/lapor/lapor.errors';
import { mapComplaint, wireIdOf } from '../../src/integrations/lapor/lapor.mapper';
import type { UpstreamComplaint } from '../../src/integrations/lapor/lapor.types';
import { FetchComplaintHandler } from '../../src/modules/intake/fetch-complaint.handler';
import { PollItemService } from '../../src/modules/intake/poll-item.service';
import type { TestApp } from '../helpers/test-app';
import { signedWebhook } from '../helpers/lapor-wire';
import { waitFor } from '../helpers/wait-for';
import { intakeQueries, pollOnce, startIntakeApp } from '../intake/poller.helper';

/**
 * SPEC.md "Reliability and security promises", from the other side: LAPOR! itself (or a gateway in
 * front of it) serves random and adversarial complaint, log and follow-up JSON. A tiny raw HTTP server
 * stands in for LAPOR! (the sandbox only serves well-formed objects). The poller and the detail fetch
 * (intake.fetch-complaint) read it: the bridge never crashes, stores only well-formed rows, records
 * every refused item as rejected in inbound_deliveries, and keeps working for a valid complaint.
 * Reproduce with the seed in the test name: FUZZ_SEED=<seed> npx jest test/fuzz/lapor-upstream.e2e-spec.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
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

type Wire = Record<string, unknown>;

/** What the stand-in LAPOR! serves now. */
interface Upstream {
  inbox: unknown[];
  details: Map<string, unknown>;
  followUps: Map<string, unknown>;
}
const upstream: Upstream = { inbox: [], details: new Map(), followUps: new Map() };

function envelope(results: unknown): string {
  return JSON.stringify({ success: true, results });
}

function startFakeLapor(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://lapor.test');
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    const detail = /^\/complaints\/([^/]+)\/complaint$/.exec(url.pathname);
    const followUps = /^\/complaints\/([^/]+)\/followups$/.exec(url.pathname);
    if (url.pathname === '/complaints/inbox') {
      return send(200, envelope({ data: upstream.inbox, next_page_url: null }));
    }
    if (detail) {
      const d = upstream.details.get(decodeURIComponent(detail[1]));
      return d === undefined ? send(404, '{"success":false}') : send(200, envelope(d));
    }
    if (followUps) {
      const list = upstream.followUps.get(decodeURIComponent(followUps[1])) ?? [];
      return send(200, envelope({ data: list, next_page_url: null }));
    }
    send(404, '{"success":false,"message":"not found"}');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

// ---- generators --------------------------------------------------------------------------------

let seq = 0;
/** Fresh LAPOR! ids per case, also when fast-check replays one to shrink it. */
const freshId = () => 8_300_000_000 + process.pid * 10_000 + ++seq;

const incompressible = (n: number, salt: number) => {
  let s = '';
  for (let i = 0; s.length < n; i++) s += ((salt * 2654435761 + i * 40503) >>> 0).toString(36);
  return s.slice(0, n);
};
/** Values aimed at what the database refuses or mangles, and at the mapper's edges. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    '',
    '   ',
    'a\u0000b',
    '\u0000',
    '\ud800 lone',
    'جواز السفر \u202eevil',
    'Paspor 🛂🇮🇩👨‍👩‍👧 e\u0301\u0301',
    '<img src=x onerror=alert(1)>',
    "'; DROP TABLE complaints; --",
    '01-01-0000 00:00:00',
    '01-01-1900 00:00:00',
    '31-12-2999 23:59:59',
    '31-12-9999 23:59:59',
    '2026-03-08T02:30:00-05:00',
    '2026-11-20T10:00:00+14:00',
    '31-02-2026 10:00:00',
    '29-02-2024',
    '1',
    1,
    0,
    'true',
    -1,
    1.5,
    1e21,
    2 ** 53,
    [],
    {},
    [1, 2],
    { id: 1 },
    JSON.parse('{"__proto__": {"x": 1}}'),
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.nat({ max: 5 }).map((k) => 'x'.repeat(200_000 + k)), // big, compressible
  fc.nat().map((k) => incompressible(3_500, k)), // past a btree index entry's limit
);
const COMPLAINT_FIELDS = [
  'id',
  'complaint_id',
  'tracking_id',
  'title',
  'content',
  'classification_id',
  'classification_name',
  'category_id',
  'status_code',
  'status_name',
  'disposition_id',
  'disposition_name',
  'dispositioned_at',
  'created_at',
  'updated_at',
  'date_of_incident',
  'is_anonymous',
  'is_secret',
  'reporter',
  'attachments',
  '__proto__',
  'constructor',
];
const FOLLOWUP_FIELDS = [
  'id',
  'content',
  'created_at',
  'author_type',
  'template_code',
  'is_secret',
  'attachments',
];
/** Half the objects are left whole, so that many reach the database. */
const edits = (fields: string[]): fc.Arbitrary<Edit[]> =>
  fc.oneof(
    fc.constant<Edit[]>([]),
    fc.array(fc.record({ field: fc.constantFrom(...fields), drop: fc.boolean(), value: hostile }), {
      minLength: 1,
      maxLength: 2,
    }),
  );
type Edit = { field: string; drop: boolean; value: unknown };
function edited(base: Wire, list: Edit[]): Wire {
  const obj = { ...base };
  for (const e of list) {
    if (e.drop) delete obj[e.field];
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

function complaint(id: number, title: string): Wire {
  return {
    id,
    complaint_id: id,
    tracking_id: `T${id}`,
    title,
    content: 'Saya menunggu paspor di KBRI Tokyo sejak bulan lalu.',
    classification_id: 1,
    classification_name: 'Pengaduan',
    category_id: 610,
    category_name: 'Pelayanan Kekonsuleran',
    location_id: 34,
    location_name: 'Nasional',
    date_of_incident: '01-11-2026',
    is_anonymous: false,
    is_secret: false,
    reporter: { name: 'Siti Aminah', email: 'siti@example.id', phone: '+62 812-0000-1234' },
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
const followUp = (id: string | number, author = 'reporter'): Wire => ({
  id,
  content: 'Mohon kabarnya',
  created_at: '21-11-2026 10:00:00',
  author_type: author,
  institution_from_id: null,
  template_code: null,
  is_secret: false,
  attachments: [],
});

interface Case {
  id: number;
  inbox: unknown;
  /** What the detail answers: the same object, another mutation, another complaint, or junk. */
  detail: 'same' | 'edited' | 'other' | 'junk' | 'missing';
  detailEdits: Edit[];
  junk: unknown;
  followUps: { edits: Edit[]; author: string; shared: boolean }[];
  logs: unknown[];
}
const caseArb: fc.Arbitrary<Omit<Case, 'id' | 'inbox'> & { kind: 'object' | 'junk'; inboxEdits: Edit[] }> =
  fc.record({
    kind: fc.constantFrom<'object' | 'junk'>('object', 'object', 'object', 'object', 'junk'),
    inboxEdits: edits(COMPLAINT_FIELDS),
    detail: fc.constantFrom<Case['detail']>('same', 'same', 'same', 'edited', 'other', 'junk', 'missing'),
    detailEdits: edits(COMPLAINT_FIELDS),
    junk: hostile,
    followUps: fc.array(
      fc.record({
        edits: edits(FOLLOWUP_FIELDS),
        author: fc.constantFrom('reporter', 'institution', 'admin', 'ADMIN ', 'robot'),
        shared: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    logs: fc.oneof(
      fc.constant<unknown[]>([]),
      fc.array(
        fc.oneof(
          fc.constant<unknown>({
            id: 1,
            status_name: 'Dalam Proses',
            institution_to_name: 'Kementerian Luar Negeri',
            created_at: '20-11-2026 09:00:00',
          }),
          fc.record({ id: hostile, created_at: hostile, description: hostile }),
          hostile,
        ),
        { maxLength: 2 },
      ),
    ),
  });

/** Strings as Postgres stores them: lone surrogates become U+FFFD on the way in (UTF-8). */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

describe(`LAPOR! serving adversarial JSON to the poller and the detail fetch (seed ${SEED}, ${RUNS} runs)`, () => {
  let server: Server;
  let t: TestApp;
  let q: ReturnType<typeof intakeQueries>;
  const codes = laporCodes();
  /** LAPOR! ids (as the bridge reads them) of complaints that mapped, with what they mapped to. */
  const mapped = new Map<string, { c: UpstreamComplaint; sameDetail: boolean }>();
  /** Follow-up ids served per complaint: a stored follow-up must belong to one that served it. */
  const servedFollowUps = new Map<string, Set<string>>();
  const counts = { mapped: 0, refused: 0, dbRefused: 0, fetched: 0, fetchRefused: 0 };

  beforeAll(async () => {
    let url: string;
    ({ server, url } = await startFakeLapor());
    t = await startIntakeApp(url, { label: 'upstream_fuzz', poll: { pageAttempts: 2 } });
    q = intakeQueries(t);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => server?.close(r));
  });

  const fetchDetail = (laporId: string) =>
    t.app.get(FetchComplaintHandler).handle({ correlationId: `fuzz-${laporId}`, laporId, reason: 'refresh' });

  it('polls and fetches adversarial complaints: never a crash, refused items recorded, the run finishes', async () => {
    let shared = `F${freshId()}`;
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 5 }), async (batch) => {
        shared = `F${freshId()}`;
        const cases: Case[] = batch.map((b) => {
          const id = freshId();
          return {
            ...b,
            id,
            inbox: b.kind === 'junk' ? b.junk : edited(complaint(id, `Paspor ${id}`), b.inboxEdits),
          };
        });
        upstream.inbox = cases.map((c) => c.inbox);
        upstream.details.clear();
        upstream.followUps.clear();
        const expectations: { laporId: string; c: UpstreamComplaint }[] = [];
        const refused: { laporId: string | null; reason: string }[] = [];
        for (const c of cases) {
          let m: UpstreamComplaint | undefined;
          try {
            m = mapComplaint(c.inbox, { codes });
          } catch (e) {
            if (!(e instanceof LaporMappingError)) throw e;
            refused.push({ laporId: e.laporId ?? wireIdOf(c.inbox), reason: e.reason });
          }
          if (!m) continue;
          const data =
            c.detail === 'same'
              ? c.inbox
              : c.detail === 'edited'
                ? edited(c.inbox as Wire, c.detailEdits)
                : c.detail === 'other'
                  ? complaint(freshId(), 'Bukan yang diminta')
                  : c.junk;
          if (c.detail !== 'missing') upstream.details.set(m.laporId, { data, data_logs: c.logs });
          const list = c.followUps.map((f, i) =>
            edited(followUp(f.shared ? shared : `${c.id}-${i}`, f.author), f.edits),
          );
          upstream.followUps.set(m.laporId, list);
          const ids = servedFollowUps.get(m.laporId) ?? new Set<string>();
          list.forEach((f) => ids.add(String(wireIdOf(f, ['id']))));
          servedFollowUps.set(m.laporId, ids);
          expectations.push({ laporId: m.laporId, c: m });
          // An id served twice (a hostile edit can make one up) may hold either state: not compared.
          const again = mapped.has(m.laporId) || expectations.some((x) => x.laporId === m.laporId);
          mapped.set(m.laporId, { c: m, sameDetail: c.detail === 'same' && !again });
        }

        // The poll run must finish (a poisoned item would fail it forever: the cursor never moves).
        const before = (await q.cursor())?.last_success_at?.getTime() ?? 0;
        await pollOnce(t, 30_000);
        const cursor = (await q.cursor())!;
        if (!cursor.last_success_at || cursor.last_success_at.getTime() <= before)
          throw new Error(`the poll run failed: ${cursor.last_error}`);

        // Every item is stored, or recorded as rejected; nothing silently lost.
        for (const e of expectations) {
          const [row] = await q.complaints([e.laporId]);
          if (row) {
            counts.mapped++;
            continue;
          }
          const key = `${PollItemService.deliveryKey(e.c)}#ingest`;
          const rejected = (await q.deliveries([e.laporId])).filter(
            (d) => d.outcome === 'rejected' && d.delivery_key === key,
          );
          if (!rejected.length)
            throw new Error(`complaint ${e.laporId.slice(0, 80)} was neither stored nor rejected`);
          counts.dbRefused++;
        }
        for (const r of refused) {
          const rows = await q.ds.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM inbound_deliveries
             WHERE outcome = 'rejected' AND source = 'poll' AND lapor_id IS NOT DISTINCT FROM $1 AND detail = $2`,
            [r.laporId, r.reason.slice(0, 500)],
          );
          if (rows[0].n < 1) throw new Error(`refused item ${r.laporId} (${r.reason}) is not recorded`);
          counts.refused++;
        }

        // The detail fetch: an outcome, or a permanent LAPOR! error recorded as rejected. Never a crash.
        for (const e of expectations) {
          try {
            await fetchDetail(e.laporId);
            counts.fetched++;
          } catch (err) {
            const msg = (err as Error).message;
            if (!(err instanceof UnrecoverableError) || !/^LAPOR_[A-Z_]+: /.test(msg))
              throw new Error(`fetch of ${e.laporId.slice(0, 80)} crashed: ${(err as Error).name}: ${msg}`, {
                cause: err,
              });
            // Keyed by the LAPOR! error code, or by the SQLSTATE when the database refused the item.
            const recorded = (await q.deliveries([e.laporId])).some(
              (d) => d.outcome === 'rejected' && d.delivery_key.startsWith(`detail:${e.laporId}:`),
            );
            if (!recorded) throw new Error(`refused detail of ${e.laporId} not recorded`, { cause: err });
            counts.fetchRefused++;
          }
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The generators must reach both paths, or the checks prove little.
    expect(counts.mapped).toBeGreaterThan(RUNS / 2);
    expect(counts.refused).toBeGreaterThan(0);
    expect(counts.fetched).toBeGreaterThan(0);
  }, 120_000);

  /** One complaint through a poll and a detail fetch; returns where it ended up. */
  async function pollAndFetch(wire: Wire, followUps: Wire[]): Promise<{ stored: boolean; fetch: string }> {
    const m = mapComplaint(wire, { codes });
    upstream.inbox = [wire];
    upstream.details.set(m.laporId, { data: wire, data_logs: [] });
    upstream.followUps.set(m.laporId, followUps);
    servedFollowUps.set(m.laporId, new Set(followUps.map((f) => String(f.id))));
    const before = (await q.cursor())?.last_success_at?.getTime() ?? 0;
    await pollOnce(t, 30_000);
    const cursor = (await q.cursor())!;
    // last_error stays after a later success (intake README): the run's success is what counts.
    expect([cursor.run_id, cursor.last_success_at!.getTime() > before]).toEqual([null, true]);
    const stored = (await q.complaints([m.laporId])).length === 1;
    if (!stored) {
      const key = `${PollItemService.deliveryKey(m)}#ingest`;
      expect((await q.deliveries([m.laporId])).map((d) => [d.delivery_key, d.outcome])).toContainEqual([
        key,
        'rejected',
      ]);
    }
    const fetch = await fetchDetail(m.laporId).then(
      (r) => r.outcome,
      (e: Error) => `${e.name}: ${e.message}`,
    );
    return { stored, fetch };
  }

  it('regression: an id too long for a database index is refused, not a poll stuck forever', async () => {
    // Found by this fuzz: Postgres refused the index entry (SQLSTATE 54000) and the page failed on
    // every attempt, so the cursor never moved past it. The mapper now bounds ids (255 characters).
    const id = `L${incompressible(3_500, freshId())}`;
    const wire = { ...complaint(1, 'Id panjang'), id, complaint_id: id };
    expect(() => mapComplaint(wire, { codes })).toThrow(/at most 255 characters/);
    upstream.inbox = [wire];
    const before = (await q.cursor())!.last_success_at!.getTime();
    await pollOnce(t, 30_000);
    expect((await q.cursor())!.last_success_at!.getTime()).toBeGreaterThan(before);
    const rows = await q.ds.query<{ lapor_id: string }[]>(
      `SELECT lapor_id FROM inbound_deliveries WHERE outcome = 'rejected' AND detail LIKE 'id: expected an id of at most%'`,
    );
    expect(rows.map((r) => r.lapor_id)).toContain(id.slice(0, 64));
  });

  it('regression: a follow-up id too long for a database index, and U+0000 in follow-up content', async () => {
    const id = freshId();
    const r = await pollAndFetch(complaint(id, 'Tindak lanjut aneh'), [
      followUp(`L${incompressible(3_500, id)}`),
      { ...followUp(`nul-${id}`), content: 'Mohon\u0000 dicek' },
    ]);
    expect(r.stored).toBe(true);
    expect(r.fetch).not.toMatch(/QueryFailedError|TypeError/);
    const rows = await q.ds.query<{ content: string }[]>(
      `SELECT content FROM follow_ups WHERE lapor_followup_id = $1`,
      [`nul-${id}`],
    );
    expect(rows).toEqual([{ content: 'Mohon dicek' }]);
  });

  it('regression: content too long for the search index (tsvector over 1 MB) is rejected, not a stuck poll', async () => {
    const id = freshId();
    const words = Array.from({ length: 160_000 }, (_, i) => `kata${i.toString(36)}x`).join(' ');
    const r = await pollAndFetch({ ...complaint(id, 'Isi panjang'), content: words }, []);
    expect(r.stored).toBe(false);
    expect(r.fetch).toMatch(
      /^UnrecoverableError: LAPOR_MAPPING_FAILED: the database refused the item \(SQLSTATE 54000\)/,
    );
    const keys = (await q.deliveries([String(id)])).map(
      (d) => `${d.outcome} ${d.delivery_key.split('@')[0]}`,
    );
    expect(keys).toEqual(expect.arrayContaining([`rejected ${id}`, `rejected detail:${id}:db-54000`]));
  });

  it('regression, by webhook: values the database refuses get a 400, not a 500', async () => {
    const id = freshId();
    const event = (followupId: string, content = 'Isi') => ({
      type: 'complaint.followup_added',
      data: {
        complaint_id: id,
        complaint: { ...complaint(id, 'Lewat webhook'), content },
        followup: followUp(followupId),
      },
    });
    const secret = t.config.lapor.webhookSecrets[0];
    const post = (body: unknown) => {
      const signed = signedWebhook(secret, body);
      return fetch(`${t.url}/webhooks/lapor`, { method: 'POST', headers: signed.headers, body: signed.body });
    };
    // Found by this fuzz: a body within the 1 MiB limit whose words overflow the search index's
    // tsvector (SQLSTATE 54000) was a 500; the signature was valid, so it is the sender's 400.
    const words = Array.from({ length: 150_000 }, (_, i) => `k${i.toString(36)}`).join(' ');
    const tooMany = await post(event(`ok-${id}`, words));
    expect([tooMany.status, ((await tooMany.json()) as { code: string }).code]).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const tooLong = await post(event(`L${incompressible(3_500, id)}`));
    expect([tooLong.status, ((await tooLong.json()) as { code: string }).code]).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await q.complaints([String(id)])).toEqual([]);
    // The same complaint with a sane follow-up is then accepted: nothing half-stored was left behind.
    const ok = await post(event(`ok-${id}`));
    expect(ok.status).toBe(202);
    servedFollowUps.set(String(id), new Set([`ok-${id}`]));
  });

  it('stored only well-formed, consistent rows', async () => {
    const rows = await q.ds.query<
      {
        lapor_id: string;
        title: string;
        content: string;
        status: string;
        version: number;
        is_anonymous: boolean;
        is_secret: boolean;
        reporter: boolean;
        upstream_updated_at: Date | null;
        received: number;
      }[]
    >(
      `SELECT c.lapor_id, c.title, c.content, c.status, c.version, c.is_anonymous, c.is_secret,
              (c.reporter_name_enc IS NOT NULL OR c.reporter_email_enc IS NOT NULL OR c.reporter_phone_enc IS NOT NULL) AS reporter,
              c.upstream_updated_at,
              (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'received') AS received
       FROM complaints c`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const problems: string[] = [];
    const check = (ok: boolean, r: { lapor_id: string }, what: string) =>
      ok || problems.push(`complaint ${r.lapor_id.slice(0, 40)}: ${what}`);
    for (const r of rows) {
      check(STATUSES.includes(r.status), r, `status ${r.status}`);
      check(r.version >= 1 && r.received === 1, r, `version ${r.version}, ${r.received} received events`);
      check(r.upstream_updated_at instanceof Date, r, 'no upstream_updated_at');
      check(r.title.trim() !== '' && r.content.trim() !== '', r, 'blank title or content');
      check(!r.is_anonymous || !r.reporter, r, 'an anonymous reporter stored');
      // What LAPOR! sent is what is stored (when the detail did not send another state).
      const m = mapped.get(r.lapor_id);
      if (m?.sameDetail) {
        check(r.title === wellFormed(m.c.title), r, 'title differs from what LAPOR! sent');
        check(r.is_secret === m.c.isSecret, r, 'is_secret differs from what LAPOR! sent');
      }
    }
    const followUps = await q.ds.query<
      { lapor_id: string; lapor_followup_id: string; author_type: string }[]
    >(
      `SELECT c.lapor_id, f.lapor_followup_id, f.author_type FROM follow_ups f JOIN complaints c ON c.id = f.complaint_id
       WHERE f.origin = 'lapor'`,
    );
    for (const f of followUps) {
      // A follow-up is stored under a complaint that served it, never under another one.
      if (!servedFollowUps.get(f.lapor_id)?.has(f.lapor_followup_id))
        problems.push(`follow-up ${f.lapor_followup_id.slice(0, 40)} filed under another complaint`);
      if (!['institution', 'reporter', 'admin'].includes(f.author_type))
        problems.push(`follow-up ${f.lapor_followup_id.slice(0, 40)}: author ${f.author_type}`);
    }
    expect(problems).toEqual([]);
    // eslint-disable-next-line no-console -- the summary of what the fuzz reached, for the report
    console.log(
      `upstream fuzz: ${JSON.stringify({ ...counts, complaints: rows.length, followUps: followUps.length })}`,
    );
  });

  it('left no job failed by a crash (only permanent LAPOR! errors)', async () => {
    const registry = t.app.get(QueueRegistry);
    for (const name of QUEUE_NAMES) {
      const failed = await registry.queue(name).getFailed(0, 500);
      const crashes = failed.filter((j) => !/^LAPOR_[A-Z_]+: /.test(j.failedReason ?? ''));
      expect(crashes.map((j) => `${j.name}: ${j.failedReason}`)).toEqual([]);
    }
  });

  it('keeps working for a valid complaint afterwards: stored, fetched and routed', async () => {
    const id = freshId();
    upstream.inbox = [complaint(id, 'Paspor hilang di Tokyo')];
    upstream.details.set(String(id), { data: complaint(id, 'Paspor hilang di Tokyo'), data_logs: [] });
    upstream.followUps.set(String(id), [followUp(`ok-${id}`, 'reporter')]);
    await pollOnce(t);
    await expect(fetchDetail(String(id))).resolves.toBeDefined();
    await waitFor(
      async () => (await q.complaints([String(id)]))[0]?.status !== 'received',
      'the valid complaint routed',
      15_000,
    );
    const [row] = await q.complaints([String(id)]);
    expect(['assigned', 'triage', 'awaiting_reporter', 'acknowledged']).toContain(row.status);
    const [{ n }] = await q.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM follow_ups WHERE lapor_followup_id = $1`,
      [`ok-${id}`],
    );
    expect(n).toBe(1);
  });
});

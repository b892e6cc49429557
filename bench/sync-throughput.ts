import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { BenchDatabase } from './bench-database';
import type { RunningSandbox } from './sandbox-process';
import { percentile, waitUntil } from './stats';

/*
 * Sync throughput (issue 9): public follow-ups posted by a handler through the API, delivered to the
 * LAPOR! sandbox by the sync worker (outbox → relay → BullMQ `sync` → POST /complaints/followup/add →
 * confirmed). Two passes over the same K complaints, each posting one follow-up per complaint:
 *  1. steady: the sync runs while the follow-ups are posted; latency post accepted → confirmed
 *     (sync_items.created_at, stamped by the transaction that accepted the post, → confirmed_at,
 *     stamped when LAPOR! answered; both Postgres now(), like freshness);
 *  2. backlog: the `sync` queue is paused while they are posted, then resumed; items confirmed per
 *     second from the first confirmation to the last is the sync's capacity, not the API's posting
 *     rate (as routing's figure is the worker draining a backlog).
 */

/** Missions named in the titles: routing rule 2 sends each complaint to one (status `assigned`). */
const NAMED = ['KJRI Osaka', 'KBRI Tokyo', 'KJRI Jeddah', 'KBRI Seoul', 'KBRI Kuala Lumpur', 'KBRI Riyadh'];

export interface SyncPass {
  /** Follow-ups the API accepted per second (GET for the ETag, then the POST with If-Match). */
  postsPerSecond: number;
  /** Post accepted → confirmed, per item, ms. */
  latenciesMs: number[];
  /** Items confirmed per second, first confirmation to the last. */
  confirmedPerSecond: number;
  /** The last confirmation after the last post was accepted, ms: small when the sync kept pace. */
  tailMs: number;
}

export interface SyncResult {
  complaints: number;
  steady: SyncPass;
  backlog: SyncPass;
  /** The bridge's calls to LAPOR! before the phase (the first poll at boot; anything else disturbed the intake). */
  earlierCalls: Record<string, number>;
  /** The bridge's calls to LAPOR! during the phase other than the follow-ups (poll, reconciler). */
  otherCalls: Record<string, number>;
}

interface Options {
  db: BenchDatabase;
  sandbox: RunningSandbox;
  bridgeUrl: string;
  adminToken: string;
  count: number;
  concurrency: number;
  redisUrl: string;
  queuePrefix: string;
}

/** Runs `fn` over 0..count-1, `concurrency` at a time. */
async function pool(count: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(count, concurrency) }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

export async function measureSync(o: Options): Promise<SyncResult> {
  // K complaints in LAPOR!, dispositioned to Kemenlu (the sandbox's default), each naming a mission.
  const { data } = await o.sandbox.control<{ data: { id: string | number }[] }>('POST', '/complaints', {
    complaints: Array.from({ length: o.count }, (_, i) => ({
      title: `Paspor pengganti belum selesai di ${NAMED[i % NAMED.length]} (${i})`,
      content:
        'Permohonan paspor pengganti saya sudah tiga minggu belum ada kabar. Mohon bantuan dan ' +
        'kepastian waktunya, izin tinggal saya berakhir bulan depan.',
    })),
  });
  const laporIds = data.map((c) => String(c.id));
  const earlierCalls = await calls(o.sandbox, () => true);
  await o.sandbox.control('DELETE', '/requests');

  // LAPOR! tells the bridge: one signed complaint.dispositioned callback each, from the sandbox.
  const hook = new URL('/webhooks/lapor', o.bridgeUrl).toString();
  await pool(laporIds.length, o.concurrency, async (i) => {
    const r = await o.sandbox.control<{ statuses: (number | null)[] }>('POST', '/webhooks/deliver', {
      url: hook,
      type: 'complaint.dispositioned',
      complaintId: laporIds[i],
    });
    if (r.statuses[0] !== 202)
      throw new Error(`sync: the bridge answered the sandbox's webhook with ${r.statuses[0]}`);
  });
  const ids = await routedIds(o.db, laporIds);

  const steady = await pass(o, ids, 1, 'Paspor pengganti Bapak/Ibu sudah kami proses');
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('sync', { connection: redis, prefix: o.queuePrefix });
  let backlog: SyncPass;
  try {
    backlog = await pass(o, ids, 2, 'Paspor sudah dapat diambil di loket konsuler', {
      before: () => queue.pause(),
      posted: () => queue.resume(),
    });
  } finally {
    await queue.resume().catch(() => undefined);
    await queue.close();
    redis.disconnect();
  }

  await checkUpstream(o.sandbox, laporIds, 2);
  const otherCalls = await calls(
    o.sandbox,
    (c) => !(c.method === 'POST' && c.path === '/complaints/followup/add'),
  );
  return { complaints: ids.length, steady, backlog, earlierCalls, otherCalls };
}

/** The bridge's calls to LAPOR! in the sandbox's request log, counted by method and path. */
async function calls(
  sandbox: RunningSandbox,
  which: (c: { method: string; path: string }) => boolean,
): Promise<Record<string, number>> {
  const { data } = await sandbox.control<{ data: { method: string; path: string }[] }>('GET', '/requests');
  const counts: Record<string, number> = {};
  for (const c of data.filter(which)) {
    const key = `${c.method} ${c.path.replace(/\d+/g, ':id')}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Waits until the bridge has every complaint routed; all must be at a mission (follow-ups need that). */
async function routedIds(db: BenchDatabase, laporIds: string[]): Promise<string[]> {
  return db.withClient(async (c) => {
    const count = async (where: string) =>
      (
        await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM complaints WHERE lapor_id = ANY($1) AND ${where}`,
          [laporIds],
        )
      ).rows[0].n;
    await waitUntil(
      async () => (await count(`status <> 'received'`)) === laporIds.length,
      `the ${laporIds.length} sandbox complaints to be stored and routed`,
      60_000,
    );
    const assigned = await count(`status = 'assigned'`);
    if (assigned !== laporIds.length)
      throw new Error(`sync: ${laporIds.length - assigned} sandbox complaints were not routed to a mission`);
    const { rows } = await c.query<{ id: string }>(`SELECT id FROM complaints WHERE lapor_id = ANY($1)`, [
      laporIds,
    ]);
    return rows.map((r) => r.id);
  });
}

/** One public follow-up per complaint, as an admin (the ETag of a GET as If-Match), then waits for LAPOR!. */
async function pass(
  o: Options,
  ids: string[],
  seq: number,
  text: string,
  hooks?: { before: () => Promise<void>; posted: () => Promise<void> },
): Promise<SyncPass> {
  const auth = { authorization: `Bearer ${o.adminToken}` };
  await hooks?.before();
  const started = performance.now();
  await pool(ids.length, o.concurrency, async (i) => {
    const url = new URL(`/api/v1/complaints/${ids[i]}`, o.bridgeUrl);
    const got = await fetch(url, { headers: auth });
    await got.arrayBuffer();
    const etag = got.headers.get('etag');
    if (!got.ok || !etag) throw new Error(`sync: GET complaint answered ${got.status}`);
    const res = await fetch(`${url.toString()}/followups`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify({ visibility: 'public', content: `${text} (${seq}).` }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`sync: follow-up answered ${res.status}: ${body.slice(0, 300)}`);
  });
  const postsPerSecond = ids.length / ((performance.now() - started) / 1000);
  const postedAt = Date.now();
  await hooks?.posted();

  return o.db.withClient(async (c) => {
    const state = async () =>
      (
        await c.query<{ confirmed: number; dead: number; error: string | null }>(
          `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                  count(*) FILTER (WHERE status = 'dead')::int AS dead,
                  max(last_error) AS error
           FROM sync_items WHERE complaint_id = ANY($1) AND seq = $2`,
          [ids, seq],
        )
      ).rows[0];
    await waitUntil(
      async () => {
        const s = await state();
        if (s.dead) throw new Error(`sync: ${s.dead} items became dead letters (${s.error})`);
        return s.confirmed === ids.length;
      },
      `the ${ids.length} follow-ups to be confirmed in LAPOR!`,
      120_000,
    );
    const { rows } = await c.query<{ ms: number; confirmed: Date }>(
      `SELECT extract(epoch FROM confirmed_at - created_at)::float8 * 1000 AS ms, confirmed_at AS confirmed
       FROM sync_items WHERE complaint_id = ANY($1) AND seq = $2`,
      [ids, seq],
    );
    const times = rows.map((r) => r.confirmed.getTime());
    const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
    return {
      postsPerSecond,
      latenciesMs: rows.map((r) => r.ms),
      confirmedPerSecond: rows.length > 1 && spanS > 0 ? (rows.length - 1) / spanS : NaN,
      tailMs: Math.max(...times) - postedAt,
    };
  });
}

/** LAPOR! shows each complaint's follow-ups from the bridge exactly once and in order. */
async function checkUpstream(
  sandbox: RunningSandbox,
  laporIds: string[],
  perComplaint: number,
): Promise<void> {
  const { data } = await sandbox.control<{ data: { complaint_id: string | number; content: string }[] }>(
    'GET',
    '/followups',
  );
  const ours = new Map(laporIds.map((id) => [id, [] as string[]]));
  for (const f of data) {
    if (/\[Ref: lb-[0-9a-f]{16}\]$/.test(f.content)) ours.get(String(f.complaint_id))?.push(f.content);
  }
  const wrong = [...ours].filter(
    ([, texts]) => texts.length !== perComplaint || texts.some((t, i) => !t.includes(`(${i + 1}).`)),
  );
  if (wrong.length)
    throw new Error(
      `sync: ${wrong.length} complaints do not show their ${perComplaint} follow-ups once each, in order, ` +
        `in LAPOR! (e.g. ${wrong[0][0]}: ${JSON.stringify(wrong[0][1])})`,
    );
}

/** p50 and p99 of a pass's latencies. */
export const latency = (p: SyncPass) => ({
  p50: percentile(p.latenciesMs, 50),
  p99: percentile(p.latenciesMs, 99),
});

import { control } from '../intake/poller.helper';
import { waitFor } from '../helpers/wait-for';
import { trace, type ChaosBed } from './chaos-bed';
import type { ChaosLoad } from './chaos-load';

/** How hard one round hits: the short form runs in `npm test`, the long one in `npm run test:chaos`. */
export interface ChaosForm {
  name: 'short' | 'long';
  /** Load: a webhook complaint every…, a polled complaint every…, follow-ups per complaint. */
  webhookEveryMs: number;
  pollEveryMs: number;
  followUpsPerComplaint: number;
  /** Load alone before the first fault, and between faults. */
  gapMs: number;
  /** Complaints pushed by webhook at once just before Redis dies. */
  burst: number;
  /** Workers killed with SIGKILL (one after the other, each started again at once). */
  workerKills: number;
  redisDownMs: number;
  postgresDownMs: number;
  /** Sandbox faults: the mixed stretch, and (long form) a total outage after it. */
  sandboxFaultMs: number;
  sandboxErrorProbability: number;
  totalOutageMs: number;
  /** After the load stops, how long the bridge gets to catch up. */
  quiesceMs: number;
  /** Jest timeout of one round. */
  timeoutMs: number;
}

export const SHORT_FORM: ChaosForm = {
  name: 'short',
  webhookEveryMs: 1200,
  pollEveryMs: 1500,
  followUpsPerComplaint: 2,
  gapMs: 3000,
  burst: 40,
  workerKills: 1,
  redisDownMs: 2000,
  postgresDownMs: 3000,
  sandboxFaultMs: 8000,
  sandboxErrorProbability: 0.25,
  totalOutageMs: 0,
  // Usually quiet within seconds. The bound covers an open circuit breaker (30 s) and the backoffs of
  // sync items and poll pages that failed through it, on a machine busy with other test files. (A sync
  // claim left by an attempt that died with its database connection used to wait out SYNC_CLAIM_MS,
  // 120 s; its worker now takes it back at its next attempt.)
  quiesceMs: 200_000,
  timeoutMs: 320_000,
};

export const LONG_FORM: ChaosForm = {
  name: 'long',
  webhookEveryMs: 500,
  pollEveryMs: 700,
  followUpsPerComplaint: 3,
  gapMs: 8000,
  burst: 150,
  workerKills: 2,
  redisDownMs: 10_000,
  postgresDownMs: 8000,
  sandboxFaultMs: 30_000,
  sandboxErrorProbability: 0.4,
  totalOutageMs: 15_000,
  // As the short form, with the longer faults' backoffs on top.
  quiesceMs: 240_000,
  timeoutMs: 540_000,
};

export interface FaultRecord {
  fault: string;
  atS: number;
  detail: string;
  /** LAPOR! faults: requests spoiled, by kind. */
  hits?: Record<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FOLLOW_UP = '/complaints/followup/add';

/**
 * The faults, one after the other while the load flows: kill -9 of a worker (started again at
 * once), a Redis that dies and comes back empty, a Postgres "restart", and LAPOR! failing in every
 * way the sandbox can (5xx, 429 with Retry-After, timeouts, dropped connections, writes that land
 * but are never answered). Returns what was done, for the summary.
 */
export async function injectFaults(bed: ChaosBed, load: ChaosLoad, form: ChaosForm): Promise<FaultRecord[]> {
  const t0 = Date.now();
  const log: FaultRecord[] = [];
  const record = (fault: string, detail: string, hits?: Record<string, number>) => {
    log.push({ fault, atS: Math.round((Date.now() - t0) / 100) / 10, detail, hits });
    trace(`${fault}: ${detail}`);
  };

  // 1. kill -9 of a worker replica while it consumes and polls; the other carries on, then it is back.
  for (let k = 0; k < form.workerKills; k++) {
    await sleep(form.gapMs);
    const w = bed.workers[k % bed.workers.length];
    await bed.kill(w);
    bed.restart(w);
    record('worker SIGKILL', `${w.name} killed and started again`);
    await bed.waitLive(w);
  }

  // 2. Redis dies (kill -9) and comes back empty after a while: every job in it is gone. It dies
  // while a burst of webhooks is being routed: complaints stored, their routing jobs relayed from the
  // outbox to Redis and not run yet (as under any backlog).
  await sleep(form.gapMs);
  load.burst(form.burst);
  const waiting = async () =>
    (
      await bed.ledger.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM complaints c JOIN outbox o
           ON o.job_name = 'complaint.route' AND o.payload->>'complaintId' = c.id::text
         WHERE c.status = 'received' AND o.relayed_at IS NOT NULL`,
      )
    ).rows[0].n;
  let inRedis = 0;
  await waitFor(async () => (inRedis = await waiting()) > 0, 'routing jobs waiting in Redis', 10_000).catch(
    () => undefined,
  );
  const keys = await bed.redis.dbsize();
  await bed.redis.kill();
  await sleep(form.redisDownMs);
  await bed.redis.up();
  record(
    'Redis restart',
    `kill -9 with ${keys} keys (${inRedis} routing jobs of stored complaints waiting in it), ` +
      `down ${form.redisDownMs} ms, back empty`,
  );

  // 3. Postgres "restarts" (see ChaosBed.restartPostgres).
  await sleep(form.gapMs);
  const pg = await bed.restartPostgres(form.postgresDownMs);
  record('Postgres restart', `${pg.terminated} backends terminated, down ${form.postgresDownMs} ms`);

  // 4. LAPOR! misbehaves. The first matching fault applies, so the counted ones come first and the
  // random errors last.
  await sleep(form.gapMs);
  const api = control(bed.laporUrl);
  const add = (f: Record<string, unknown>) => api.fault(f);
  await add({ kind: 'rate_limit', retryAfterS: 2, path: FOLLOW_UP, method: 'POST', times: 2 });
  await add({ kind: 'timeout', phase: 'after', path: FOLLOW_UP, method: 'POST', times: 1 });
  await add({ kind: 'drop', phase: 'after', path: FOLLOW_UP, method: 'POST', times: 2 });
  await add({ kind: 'status', status: 500, phase: 'after', path: FOLLOW_UP, method: 'POST', times: 2 });
  await add({ kind: 'timeout', path: '/complaints/inbox', method: 'GET', times: 1 });
  await add({ kind: 'drop', path: '/complaints/', method: 'GET', times: 3 });
  await add({ kind: 'rate_limit', retryAfterS: 1, path: '/complaints/', method: 'GET', times: 2 });
  await add({ kind: 'latency', latencyMs: 1500, times: 5 });
  await add({ kind: 'status', status: 503, probability: form.sandboxErrorProbability });
  await sleep(form.sandboxFaultMs);
  const spoiled = async () => {
    const list = (await api.faults()) as unknown as { kind: string; hits: number }[];
    await api.clearFaults();
    return list.filter((f) => f.hits > 0);
  };
  const mixed = await spoiled();
  const byKind: Record<string, number> = {};
  for (const f of mixed) byKind[f.kind] = (byKind[f.kind] ?? 0) + f.hits;
  record(
    'LAPOR! faults',
    `${mixed.reduce((n, f) => n + f.hits, 0)} requests spoiled over ${form.sandboxFaultMs} ms ` +
      `(${mixed.map((f) => `${f.kind}×${f.hits}`).join(', ')})`,
    byKind,
  );
  if (form.totalOutageMs > 0) {
    // Every call fails: the client's circuit breaker opens; polls and sends wait it out.
    await add({ kind: 'status', status: 502 });
    await sleep(form.totalOutageMs);
    const outage = await spoiled();
    record(
      'LAPOR! outage',
      `every call answered 502 for ${form.totalOutageMs} ms (${outage.reduce((n, f) => n + f.hits, 0)} requests)`,
    );
  }
  return log;
}

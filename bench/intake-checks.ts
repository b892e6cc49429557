import type { BenchDatabase } from './bench-database';
import { say, waitUntil } from './stats';

/** Waits until no complaint is left in `received`; returns how long that took, ms. */
export async function waitRouted(db: BenchDatabase, timeoutMs: number): Promise<number> {
  const started = performance.now();
  await db.withClient((c) =>
    waitUntil(
      async () => {
        const { rows } = await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM complaints WHERE status = 'received'`,
        );
        return rows[0].n === 0;
      },
      'every complaint to be routed',
      timeoutMs,
    ),
  );
  return performance.now() - started;
}

/**
 * Waits until the SLA sweep has computed the clocks of every complaint (none left `sla_dirty`); returns
 * how many were dirty at the start and how long it took. The routing phase leaves thousands of newly
 * routed complaints for the sweep (every 15 s, batches of its own): measuring freshness while it
 * catches up would time a transient, not the steady state at the paced rate.
 */
export async function waitSlaSwept(
  db: BenchDatabase,
  timeoutMs: number,
): Promise<{ dirty: number; ms: number }> {
  const started = performance.now();
  let dirty = -1;
  await db.withClient((c) =>
    waitUntil(
      async () => {
        const { rows } = await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM complaints WHERE sla_dirty`,
        );
        if (dirty < 0) dirty = rows[0].n;
        return rows[0].n === 0;
      },
      'the SLA sweep to catch up',
      timeoutMs,
    ),
  );
  return { dirty, ms: performance.now() - started };
}

/**
 * Complaints routed per second by the routing transactions: every routed complaint, from the first
 * routing transaction to the last (assigned_at is the transaction's now()). For a backlog that the
 * worker drained alone, this is its routing throughput over wall time.
 */
export async function routedRate(
  db: BenchDatabase,
): Promise<{ routed: number; seconds: number; perSecond: number }> {
  return db.withClient(async (c) => {
    const { rows } = await c.query<{ routed: number; seconds: number }>(
      `SELECT count(*)::int AS routed, extract(epoch FROM max(assigned_at) - min(assigned_at))::float8 AS seconds
       FROM complaints WHERE assigned_at IS NOT NULL`,
    );
    const { routed, seconds } = rows[0];
    return { routed, seconds, perSecond: routed > 1 && seconds > 0 ? (routed - 1) / seconds : NaN };
  });
}

/** Freshness: created_at is stamped by the intake transaction, assigned_at by the routing one (both now()). */
export async function freshness(db: BenchDatabase, laporIds: string[]) {
  return db.withClient(async (c) => {
    const { rows } = await c.query<{ p50: number; p99: number; assigned: number; triage: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
              count(*) FILTER (WHERE status = 'assigned')::int AS assigned,
              count(*) FILTER (WHERE status = 'triage')::int AS triage
       FROM (SELECT status, extract(epoch FROM assigned_at - created_at) * 1000 AS ms
             FROM complaints WHERE lapor_id = ANY($1)) f`,
      [laporIds],
    );
    return rows[0];
  });
}

/** Nothing lost, nothing doubled: one complaint, one received and one routed event each, all relayed. */
export async function checkConsistency(db: BenchDatabase, expected: number): Promise<void> {
  const check = await db.withClient(async (c) => {
    const { rows } = await c.query<{
      complaints: number;
      received: number;
      routed: number;
      unrelayed: number;
    }>(
      `SELECT (SELECT count(*)::int FROM complaints) AS complaints,
              (SELECT count(*)::int FROM complaint_events WHERE type = 'received') AS received,
              (SELECT count(*)::int FROM complaint_events WHERE type = 'routed') AS routed,
              -- Rows due later (a notification held until the office opens) are not behind.
              (SELECT count(*)::int FROM outbox WHERE relayed_at IS NULL AND available_at <= now()) AS unrelayed`,
    );
    return rows[0];
  });
  if (
    check.complaints !== expected ||
    check.received !== expected ||
    check.routed !== expected ||
    check.unrelayed
  )
    throw new Error(`inconsistent database after the run: ${JSON.stringify({ expected, ...check })}`);
  say(`checked: ${expected} complaints, one received and one routed event each, outbox fully relayed`);
}

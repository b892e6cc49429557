import { performance } from 'node:perf_hooks';
import type { BenchDatabase } from './bench-database';
import { percentile } from './stats';

const DAY_S = 86_400;

/**
 * The KPI facts of `n` generated complaints, straight into sla_facts (the table the reports read),
 * dispositioned over the two years up to now across every office: 90% followed up after a skewed 0–10
 * days, 70% resolved, a third acknowledged late. The complaints rows themselves are not generated —
 * the reports never read them — so the foreign key to complaints is not checked for this insert
 * (session_replication_role = replica, in this connection only).
 */
export async function generateFacts(db: BenchDatabase, n: number): Promise<{ seconds: number }> {
  const started = performance.now();
  await db.withClient(async (c) => {
    await c.query(`SET session_replication_role = replica`);
    await c.query(`SET synchronous_commit = off`);
    const { rows } = await c.query<{ code: string }>(`SELECT code FROM missions ORDER BY code`);
    const codes = rows.map((r) => r.code);
    const chunk = 250_000;
    for (let from = 1; from <= n; from += chunk) {
      const to = Math.min(n, from + chunk - 1);
      await c.query(
        `WITH g AS (
           SELECT i, $1::text[] AS codes,
                  now() - (random() * 730 * ${DAY_S}) * interval '1 second' AS disp,
                  random() AS r1, random() AS r2, random() AS r3
           FROM generate_series($2::int, $3::int) AS i
         ), f AS (
           SELECT g.*, codes[1 + (i % array_length(codes, 1))] AS mission,
                  CASE WHEN r1 < 0.9 THEN r2 * r2 * 10 END AS fu_days
           FROM g
         )
         INSERT INTO sla_facts (complaint_id, mission_code, category_id, classification, priority, status, imported,
           received_at, dispositioned_at, closed_at, ack_due_at, acknowledged_at, follow_up_due_at, followed_up_at,
           follow_up_days, follow_up_working_days, completion_due_at, completed_at)
         SELECT gen_random_uuid(), mission, (10 + i % 20)::text,
                (ARRAY['pengaduan', 'aspirasi', 'permintaan_informasi'])[1 + i % 3],
                CASE WHEN i % 50 = 0 THEN 'urgent' WHEN i % 10 = 0 THEN 'high' ELSE 'normal' END,
                CASE WHEN r3 < 0.7 THEN 'resolved' WHEN fu_days IS NOT NULL THEN 'responded' ELSE 'assigned' END,
                false, disp, disp,
                CASE WHEN r3 < 0.7 THEN disp + (COALESCE(fu_days, 0) + 3) * interval '1 day' END,
                disp + interval '1 day', disp + (r3 * 2) * interval '1 day',
                disp + interval '7 days',
                disp + fu_days * interval '1 day',
                fu_days, fu_days * 5 / 7,
                disp + interval '20 days',
                CASE WHEN r3 < 0.7 THEN disp + (COALESCE(fu_days, 0) + 3) * interval '1 day' END
         FROM f`,
        [codes, from, to],
      );
    }
    await c.query(`ANALYZE sla_facts`);
  });
  return { seconds: (performance.now() - started) / 1000 };
}

export interface KpiTiming {
  coldMs: number;
  warmMs: number[];
  p50Ms: number;
  slaP50Ms: number;
  count: number;
}

/**
 * GET /api/v1/reports/kpi over every complaint, as a monitor's client would: the first call loads
 * the read model (cold); then `rounds` calls, each of which first asks Postgres for changes.
 */
export async function timeKpi(url: string, token: string, rounds: number): Promise<KpiTiming> {
  const get = async (path: string) => {
    const t = performance.now();
    const res = await fetch(new URL(path, url), { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { count?: number };
    return { ms: performance.now() - t, body };
  };
  const to = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // today, WIB
  const range = `from=2000-01-01&to=${to}`;
  const path = `/api/v1/reports/kpi?${range}`;
  const cold = await get(path);
  const warm: number[] = [];
  for (let i = 0; i < rounds; i++) warm.push((await get(path)).ms);
  const sla: number[] = [];
  for (let i = 0; i < rounds; i++) sla.push((await get(`/api/v1/reports/sla?${range}`)).ms);
  return {
    coldMs: cold.ms,
    warmMs: warm,
    p50Ms: percentile(warm, 50),
    slaP50Ms: percentile(sla, 50),
    count: cold.body.count ?? 0,
  };
}

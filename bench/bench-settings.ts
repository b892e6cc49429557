import { randomBytes } from 'node:crypto';
import { dataSourceOptions } from '../src/core/database/data-source-options';

export type Topology = 'split' | 'all';

export interface BenchSettings {
  /** `npm run bench -- --quick`: smaller phases, the whole run well under a minute (rough figures). */
  quick: boolean;
  /** Distinct complaints per measured phase (baseline transactions, max-rate webhooks). */
  n: number;
  /** Rounds of the baseline and of the max-rate intake; the best of each counts (other load on the machine only ever slows a round down). */
  rounds: number;
  /** Requests (or transactions) in flight at once, in both the baseline and the intake run. */
  concurrency: number;
  /** Connections of the baseline pool: the bridge's own pool size (data-source-options.ts). */
  poolSize: number;
  /** Seconds of the paced run at half the measured rate (latency and freshness). */
  pacedSeconds: number;
  /** Seconds of routing decisions measured (after a warm-up of a fifth of it, at least 0.5 s). */
  decisionSeconds: number;
  /** split = ROLE=api serves the webhooks, a ROLE=worker process routes; all = one ROLE=all process. */
  topology: Topology;
  /** Postgres server URL of a database the bench may connect to (to create its own). */
  adminDatabaseUrl: string;
  redisUrl: string;
  port: number;
  /** WORKER_QUEUES of the worker (BENCH_WORKER_QUEUES); undefined = the bridge's default, every queue. */
  workerQueues: string | undefined;
  /** BENCH_PROFILE=1: CPU profiles of the measured phases (intake; routing drain), summarised. */
  profile: boolean;
  /** Unique per run: the database name and the queue prefix carry it. */
  runId: string;
  webhookSecret: string;
  encryptionKey: string;
  /** BOOTSTRAP_ADMIN_TOKEN of the bridge: the reports phase calls the API with it. */
  adminToken: string;
  /** Complaints generated for the reports phase (BENCH_KPI_N; SPEC.md: 1,000,000). */
  kpiN: number;
  /** Complaints of the sync phase, each getting two public follow-ups (BENCH_SYNC_N). */
  syncN: number;
  /**
   * SYNC_RATE_PER_S of the bridge (BENCH_SYNC_RATE): high, so the phase measures what the sync can
   * do; production keeps the default (PRODUCTION_SYNC_RATE_PER_S), a courtesy to LAPOR!.
   */
  syncRatePerS: number;
}

/** SYNC_RATE_PER_S's default (src/core/config/env.schema.ts), as production runs it. */
export const PRODUCTION_SYNC_RATE_PER_S = 5;

function int(name: string, def: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new Error(`${name} must be a whole number ${min}..${max}`);
  return v;
}

/**
 * Defaults sized for a 2-core machine running Postgres, Redis, the bridge and the load generator
 * together: the whole bench takes about a minute and a half, `--quick` under a minute. Everything
 * can be overridden by environment.
 */
export function benchSettings(argv: string[] = process.argv.slice(2)): BenchSettings {
  const unknown = argv.filter((a) => a !== '--quick');
  if (unknown.length) throw new Error(`unknown argument(s) ${unknown.join(' ')} (only --quick)`);
  const quick = argv.includes('--quick');
  const topology = process.env.BENCH_TOPOLOGY ?? 'split';
  if (topology !== 'split' && topology !== 'all') throw new Error('BENCH_TOPOLOGY must be split or all');
  return {
    quick,
    n: int('BENCH_N', quick ? 1500 : 3000, 100, 1_000_000),
    concurrency: int('BENCH_CONCURRENCY', 16, 1, 1000),
    rounds: int('BENCH_ROUNDS', quick ? 1 : 2, 1, 10),
    poolSize: Number(dataSourceOptions('postgres://bench@127.0.0.1/bench').poolSize),
    pacedSeconds: int('BENCH_PACED_S', quick ? 3 : 10, 2, 600),
    decisionSeconds: int('BENCH_DECISIONS_S', quick ? 2 : 5, 1, 600),
    topology,
    adminDatabaseUrl:
      process.env.BENCH_DATABASE_URL ??
      process.env.TEST_DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    port: int('BENCH_PORT', 0, 0, 65535),
    workerQueues: process.env.BENCH_WORKER_QUEUES || undefined,
    profile: process.env.BENCH_PROFILE === '1',
    runId: `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`,
    webhookSecret: `whsec_${randomBytes(32).toString('base64')}`,
    encryptionKey: `bench:${randomBytes(32).toString('base64')}`,
    adminToken: `bench-admin-${randomBytes(24).toString('hex')}`,
    kpiN: int('BENCH_KPI_N', 1_000_000, 1000, 10_000_000),
    syncN: int('BENCH_SYNC_N', quick ? 60 : 400, 10, 2000),
    // 1000 is the most the bridge accepts (env.schema.ts).
    syncRatePerS: int('BENCH_SYNC_RATE', 1000, 1, 1000),
  };
}

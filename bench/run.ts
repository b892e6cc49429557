import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { BenchDatabase } from './bench-database';
import { benchSettings, PRODUCTION_SYNC_RATE_PER_S, type BenchSettings } from './bench-settings';
import { deleteQueueKeys, freePort, startBridge, type RunningBridge } from './bridge-topology';
import { buildBridge, type BridgeProcess } from './bridge-process';
import { profiled } from './cpu-profile';
import { cpuMeter, perUnit, pidsNamed, postgresPids, type CpuGroup, type CpuShare } from './cpu-usage';
import { runBaseline, type BaselineResult } from './intake-baseline';
import { checkConsistency, freshness, routedRate, waitRouted, waitSlaSwept } from './intake-checks';
import { baselineParams, signedWebhook } from './intake-fixtures';
import { measureDecisions } from './routing-decisions';
import { timeDashboard } from './dashboard-render';
import { generateFacts, timeKpi } from './kpi-report';
import { startSandbox, type RunningSandbox } from './sandbox-process';
import { percentile, round, say } from './stats';
import { latency, measureSync } from './sync-throughput';
import { printTargets, type Summary } from './targets';
import { maxRate, paced, type LoadResult, type Webhooks } from './webhook-load';

/**
 * `npm run bench` (SPEC.md "Performance targets"): routing decisions per second of the pure router;
 * the intake of signed webhooks against the same SQL transaction issued by a bare `pg` pool, in one
 * run on this machine; latency at half the measured rate; complaints routed per second through the
 * queue (split: a worker drains the backlog the intake left); freshness (accepted → routed); peak RSS
 * of each bridge process under the intake load; sync of public follow-ups to the LAPOR! sandbox (a
 * process of its own); the KPI report and the dashboard. Prints a readable report, a table of the
 * figures against SPEC.md's targets, and ends with exactly one JSON line.
 * Parts not built yet are null, never invented. `npm run bench -- --quick`: smaller phases.
 */

/** LAPOR! id ranges of the phases: every complaint of the run is distinct. */
const IDS = {
  baselineWarm: 1e8,
  baseline: 2e8,
  warm: 3e8,
  max: 4e8,
  pacedIntake: 5e8,
  paced: 6e8,
};
const WARM_UP = 300;

const loadLine = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const ms = (v: number) => `${v.toFixed(1)} ms`;
const perSec = (v: number) => `${Math.round(v).toLocaleString('en-US')}/s`;

const webhooks = (s: BenchSettings, from: number, count: number): Webhooks => ({
  count,
  make: (i) => signedWebhook(s.webhookSecret, from + i),
});

function mustAcceptAll(what: string, r: LoadResult): void {
  if (r.accepted !== r.sent)
    throw new Error(
      `${what}: ${r.sent - r.accepted} of ${r.sent} webhooks were not accepted ` +
        `(${JSON.stringify(r.refused)}; e.g. ${r.sampleRefusal})`,
    );
}

const best = <T>(list: T[], by: (x: T) => number): T => list.reduce((a, b) => (by(b) > by(a) ? b : a));

/** Adds CPU shares of two phases, by name. */
function addShares(a: CpuShare[], b: CpuShare[]): CpuShare[] {
  if (!a.length) return b;
  return a.map((x, i) => ({ name: x.name, seconds: x.seconds + b[i].seconds }));
}

/** CPU of the bench's own processes (the bridge, Postgres, Redis, the load generator). */
const ownCpu = (shares: CpuShare[]) =>
  shares.filter((c) => c.name !== 'rest of the machine').reduce((a, c) => a + c.seconds, 0);
const group = (p: BridgeProcess): CpuGroup => ({ name: p.name.split(' ')[0], pids: [p.pid] });

/** Postgres working for the bench, and Redis (shared with whatever else runs on the machine). */
function infrastructure(db: BenchDatabase): CpuGroup[] {
  return [
    { name: 'postgres', pids: () => postgresPids(db) },
    { name: 'redis', pids: pidsNamed('redis-server') },
  ];
}

async function main(): Promise<void> {
  const s = benchSettings();
  const poolSize = s.poolSize;
  const db = new BenchDatabase(s.adminDatabaseUrl, `lapor_bridge_bench_${s.runId}`);
  const prefix = `bench-${s.runId}`;
  let bridge: RunningBridge | undefined;
  let sandbox: RunningSandbox | undefined;
  let created = false;
  const cleanup = async () => {
    await Promise.all([...(bridge?.all ?? []), ...(sandbox ? [sandbox.process] : [])].map((p) => p.stop()));
    sandbox = undefined;
    if (bridge?.profileDir) rmSync(bridge.profileDir, { recursive: true, force: true });
    bridge = undefined;
    if (created) await db.drop();
    created = false;
    await deleteQueueKeys(s.redisUrl, prefix);
  };
  const interrupted = () => {
    say('\ninterrupted: cleaning up');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  say(`lapor-bridge bench — ${cpus().length} CPU(s), Node ${process.version}, load average ${loadLine()}`);
  if (loadavg()[0] > cpus().length / 2)
    say('  note: the machine is already busy; the figures will be lower than on a quiet machine');
  say(
    `settings${s.quick ? ' (--quick)' : ''}: N=${s.n} × ${s.rounds} rounds, concurrency=${s.concurrency}, ` +
      `pool=${poolSize}, paced=${s.pacedSeconds}s, decisions=${s.decisionSeconds}s, topology=${s.topology} ` +
      `(BENCH_N, BENCH_ROUNDS, BENCH_CONCURRENCY, BENCH_PACED_S, BENCH_DECISIONS_S, BENCH_TOPOLOGY, BENCH_PROFILE)`,
  );
  try {
    let t = performance.now();
    const entry = buildBridge();
    say(`compiled the bridge in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // 0. The router alone (router.ts decide(), the gazetteer of config/data), on this process's one
    //    thread, before anything else of the bench runs.
    const decisions = measureDecisions({
      seconds: s.decisionSeconds,
      warmUpSeconds: Math.max(0.5, s.decisionSeconds / 5),
      corpusSize: s.quick ? 5000 : 20_000,
    });
    say(
      `routing decisions: ${perSec(decisions.perSecond)} on one core (${decisions.decisions} decide() calls in ` +
        `${decisions.seconds.toFixed(1)} s, ${decisions.cores.toFixed(2)} of a core busy; corpus of ${decisions.corpus} ` +
        `complaints, mean ${decisions.meanChars.toFixed(0)} characters; ` +
        `${Object.entries(decisions.rules)
          .map(([rule, share]) => `${rule} ${(share * 100).toFixed(0)}%`)
          .join(', ')}; decisions digest ${decisions.digest.slice(0, 12)})`,
    );
    created = true;
    await db.create();
    say(`database ${db.name} created, migrated and seeded`);

    // 1. Baseline: the intake transaction through a bare pg pool, nothing else running.
    await runBaseline(db.url, baselineParams(range(IDS.baselineWarm, WARM_UP), s.encryptionKey), {
      poolSize,
      concurrency: s.concurrency,
    });
    const baselines: BaselineResult[] = [];
    let baselineShares: CpuShare[] = [];
    for (let k = 0; k < s.rounds; k++) {
      const params = baselineParams(range(IDS.baseline + k * s.n, s.n), s.encryptionKey);
      let meter: () => Promise<CpuShare[]> = () => Promise.resolve([]);
      const b = await runBaseline(db.url, params, {
        poolSize,
        concurrency: s.concurrency,
        onStart: async () => {
          meter = await cpuMeter(infrastructure(db));
        },
      });
      const shares = await meter();
      baselineShares = addShares(baselineShares, shares);
      baselines.push(b);
      say(
        `baseline round ${k + 1}: ${b.transactions} transactions in ${b.seconds.toFixed(2)} s = ` +
          `${b.perSecond.toFixed(0)} tx/s (bare pg, pool ${poolSize}, ${s.concurrency} at a time)`,
      );
      say(`  CPU per transaction: ${perUnit(shares, b.transactions)}`);
    }
    const baseline = best(baselines, (b) => b.perSecond);
    await db.resetIntake();

    // 2. The bridge on the same (now empty) tables. split: the api process alone for now, so the
    //    webhooks compete with nothing the baseline did not have; `all`: one process doing everything.
    //    LAPOR! is the sandbox, up (empty, idle) before the bridge so its first poll finds nothing.
    sandbox = await startSandbox(entry, await freePort(), s.webhookSecret);
    const lapor = sandbox;
    t = performance.now();
    bridge = await startBridge(s, entry, db, prefix, { url: lapor.url, env: lapor.laporEnv });
    const running = bridge;
    say(`bridge up (${running.api.name}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const warm = await maxRate(running.url, webhooks(s, IDS.warm, WARM_UP), s.concurrency);
    mustAcceptAll('warm-up', warm);
    if (!running.startWorker) await waitRouted(db, 60_000);

    // 3. Highest sustained rate, closed loop at the baseline's concurrency; best of the rounds.
    const loaded = [...running.all];
    loaded.forEach((p) => p.startSampling());
    const rounds: LoadResult[] = [];
    let intakeShares: CpuShare[] = [];
    for (let k = 0; k < s.rounds; k++) {
      const hooks = webhooks(s, IDS.max + k * s.n, s.n);
      const meter = await cpuMeter([...loaded.map(group), ...infrastructure(db)]);
      const phase = () => maxRate(running.url, hooks, s.concurrency);
      const r = k === 0 ? await profiled(running, loaded, phase) : await phase();
      const shares = await meter();
      mustAcceptAll('max rate', r);
      intakeShares = addShares(intakeShares, shares);
      rounds.push(r);
      say(
        `intake round ${k + 1}: ${r.accepted} webhooks accepted (202) in ${r.seconds.toFixed(2)} s = ` +
          `${r.perSecond.toFixed(0)}/s; latency under saturation p50 ${ms(percentile(r.latenciesMs, 50))}, ` +
          `p99 ${ms(percentile(r.latenciesMs, 99))}`,
      );
      say(`  CPU per webhook: ${perUnit(shares, r.accepted)}`);
    }
    const peaks = new Map(loaded.map((p) => [p, p.stopSampling()]));
    const max = best(rounds, (r) => r.perSecond);
    const intakeAccepted = rounds.reduce((a, r) => a + r.accepted, 0);

    // 4. Open loop at half the best rate: latency (and freshness once routing runs).
    const rate = max.perSecond / 2;
    const count = Math.max(50, Math.round(rate * s.pacedSeconds));
    const pacedPhase = async (label: string, firstId: number) => {
      const procs = running.all;
      procs.forEach((p) => p.startSampling());
      const meter = await cpuMeter([...procs.map(group), ...infrastructure(db)]);
      const started = performance.now();
      const r = await paced(running.url, webhooks(s, firstId, count), rate);
      procs.forEach((p) => peaks.set(p, Math.max(peaks.get(p) ?? 0, p.stopSampling())));
      mustAcceptAll(label, r);
      // When routing runs (ROLE=all, or the worker is up), wait for it: its CPU belongs to the phase.
      if (!running.startWorker || running.all.length > 1) await waitRouted(db, 60_000);
      const shares = await meter();
      const busy = shares.reduce((a, c) => a + c.seconds, 0) / ((performance.now() - started) / 1000);
      const latency = { p50: percentile(r.latenciesMs, 50), p99: percentile(r.latenciesMs, 99) };
      say(
        `${label}: ${r.accepted} webhooks at ${rate.toFixed(0)}/s (0.5 × best): ` +
          `latency p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}`,
      );
      say(
        `  CPU per webhook: ${perUnit(shares, r.accepted)} (${busy.toFixed(2)} of ${cpus().length} cores busy)`,
      );
      return { r, ...latency };
    };
    // split: the intake's latency under the conditions its rate was measured in (no routing yet).
    const intakeOnly = running.startWorker
      ? await pacedPhase('paced, intake only', IDS.pacedIntake)
      : undefined;

    // 5. split: the worker comes up and routes the backlog (relay → BullMQ → routing transaction,
    //    which updates the complaint, appends the `routed` event and writes the notification's outbox
    //    row; the notifications are delivered by the same worker meanwhile).
    let routedPerSecond: number | null = null;
    if (running.startWorker) {
      const spawned = performance.now();
      await running.startWorker();
      const upMs = performance.now() - spawned;
      const worker = running.all[running.all.length - 1];
      worker.startSampling();
      const routingCpu = await cpuMeter([group(worker), ...infrastructure(db)]);
      const drainMs = await profiled(running, [worker], () => waitRouted(db, 120_000));
      peaks.set(worker, worker.stopSampling());
      const backlog = warm.accepted + intakeAccepted + (intakeOnly?.r.accepted ?? 0);
      const rate = await routedRate(db);
      if (rate.routed !== backlog)
        throw new Error(`routing: ${rate.routed} complaints routed, the backlog was ${backlog}`);
      routedPerSecond = rate.perSecond;
      say(
        `routing: the worker routed the backlog of ${backlog} complaints; first to last routing transaction ` +
          `${rate.seconds.toFixed(2)} s = ${perSec(rate.perSecond)} ` +
          `(${((upMs + drainMs) / 1000).toFixed(1)} s from spawning the worker, its start-up included)`,
      );
      say(`  CPU per routed complaint: ${perUnit(await routingCpu(), backlog)}`);
    } else {
      const drainMs = await waitRouted(db, 120_000);
      say(`routing backlog drained ${(drainMs / 1000).toFixed(1)} s after the last 202`);
    }

    // 6. The same rate with the whole pipeline running: freshness accepted → routed. First the SLA
    //    sweep catches up on the backlog just routed (a transient the steady state does not have).
    const swept = await waitSlaSwept(db, 180_000);
    say(
      `SLA sweep: clocks of the ${swept.dirty} complaints just routed computed ${(swept.ms / 1000).toFixed(1)} s ` +
        `after the routing phase (sweep every 15 s)`,
    );
    const pipeline = await pacedPhase('paced, intake and routing', IDS.paced);
    const { p50, p99 } = intakeOnly ?? pipeline;
    const fresh = await freshness(db, pipeline.r.acceptedIds);
    say(
      `freshness at ${rate.toFixed(0)}/s: accepted → routed p50 ${ms(fresh.p50)}, p99 ${ms(fresh.p99)} ` +
        `(${fresh.assigned} to a mission by disposition, ${fresh.triage} to the triage desk)`,
    );
    const procs = running.all;
    say(
      `memory under load: peak RSS ${procs.map((p) => `${p.name} ${(peaks.get(p) ?? 0).toFixed(0)} MB`).join(', ')}; ` +
        `whole-life peaks ${procs.map((p) => `${p.memory()?.hwmMb.toFixed(0) ?? '?'} MB`).join(', ')}`,
    );
    await checkConsistency(
      db,
      warm.accepted + intakeAccepted + (intakeOnly?.r.accepted ?? 0) + pipeline.r.accepted,
    );

    // 7. Sync: complaints created in the sandbox reach the bridge by its signed callbacks, are routed,
    //    get public follow-ups through the API, and the sync worker delivers those to the sandbox.
    //    After the intake phases (whose figures it must not touch), before the reports. The sandbox
    //    stops afterwards, so the reconciler's first run (a minute after a worker boots, whatever
    //    POLL_INTERVAL_S) cannot load the reports phase with reads of LAPOR!; any call it makes
    //    earlier shows in the report below.
    const syncProcs = [...running.all, lapor.process];
    syncProcs.forEach((p) => p.startSampling());
    const syncStarted = performance.now();
    const sync = await measureSync({
      db,
      sandbox: lapor,
      bridgeUrl: running.url,
      adminToken: s.adminToken,
      count: s.syncN,
      concurrency: s.concurrency,
      redisUrl: s.redisUrl,
      queuePrefix: prefix,
    });
    const syncSeconds = (performance.now() - syncStarted) / 1000;
    const syncRss = syncProcs.map((p) => `${p.name.split(' ')[0]} ${p.stopSampling().toFixed(0)} MB`);
    await lapor.process.stop();
    sandbox = undefined;
    const steady = latency(sync.steady);
    say(
      `sync: ${sync.complaints} complaints created in the sandbox, delivered by its signed webhooks and routed; ` +
        `one public follow-up each while the sync runs: posted at ${perSec(sync.steady.postsPerSecond)}, ` +
        `accepted → confirmed in LAPOR! p50 ${ms(steady.p50)}, p99 ${ms(steady.p99)} ` +
        `(the last confirmed ${ms(sync.steady.tailMs)} after the last post)`,
    );
    say(
      `  a second one each with the sync queue paused, then resumed: ${perSec(sync.backlog.confirmedPerSecond)} ` +
        `confirmed (first to last; posted at ${perSec(sync.backlog.postsPerSecond)}); SYNC_RATE_PER_S=${s.syncRatePerS} ` +
        `for this capacity measurement (BENCH_SYNC_RATE); production paces at ${PRODUCTION_SYNC_RATE_PER_S}/s, a courtesy to LAPOR!`,
    );
    const callList = (c: Record<string, number>) =>
      Object.entries(c)
        .map(([k, n]) => `${k} × ${n}`)
        .join(', ') || 'none';
    say(
      `  LAPOR! showed every follow-up once, in order; the bridge's other calls to LAPOR! before the phase: ` +
        `${callList(sync.earlierCalls)}, during it: ${callList(sync.otherCalls)}; peak RSS ${syncRss.join(', ')}; ` +
        `the phase took ${syncSeconds.toFixed(1)} s`,
    );

    // 8. Reports: the KPI report over a million complaints' facts, as a monitor calls it.
    const gen = await generateFacts(db, s.kpiN);
    say(`reports: generated the KPI facts of ${s.kpiN} complaints in ${gen.seconds.toFixed(1)} s`);
    const kpi = await timeKpi(running.url, s.adminToken, s.quick ? 3 : 7);
    if (kpi.count < s.kpiN)
      throw new Error(`reports: the KPI counted ${kpi.count} complaints, ${s.kpiN} generated`);
    say(
      `reports: KPI over ${kpi.count} complaints: first call ${ms(kpi.coldMs)} (loads the read model), then ` +
        `p50 ${ms(kpi.p50Ms)} of ${kpi.warmMs.length} (target < 300 ms); SLA compliance report p50 ${ms(kpi.slaP50Ms)}; ` +
        `${running.api.name} RSS now ${running.api.memory()?.rssMb.toFixed(0) ?? '?'} MB`,
    );

    const dash = await timeDashboard(running.url, s.adminToken, s.quick ? 3 : 5);
    say(
      dash
        ? `reports: the dashboard's first render over the same complaints (headless Chromium, signed in, ` +
            `open → charts and breach list filled): p50 ${ms(dash.p50Ms)} of ${dash.samplesMs.length} (target < 1 s)`
        : 'reports: dashboard render not measured (no Chromium at /usr/bin/chromium: apt-get install chromium)',
    );

    // Under the intake load: the api process through the intake phases, the worker from its start
    // (routing the backlog, then the whole pipeline); SPEC.md's limit holds for each.
    const byProcess = Object.fromEntries(
      running.all.map((p) => [p.name.split(' ')[0], round(peaks.get(p) ?? NaN)]),
    );
    const peakRssMb = Math.max(...running.all.map((p) => peaks.get(p) ?? NaN));
    const ratio = max.perSecond / baseline.perSecond;
    // On a CPU-bound machine rates go as 1 / CPU per unit; this ratio ignores what other work took.
    const cpuRatio = ownCpu(baselineShares) / (s.n * s.rounds) / (ownCpu(intakeShares) / intakeAccepted);
    say(`CPU-time ratio (baseline CPU per transaction / intake CPU per webhook) = ${cpuRatio.toFixed(2)}`);
    say(
      `routing: decisions ${perSec(decisions.perSecond)} on one core (target ≥ 20,000/s); routed through the ` +
        `queue ${routedPerSecond === null ? 'not measured (split topology only)' : perSec(routedPerSecond)} ` +
        `(target ≥ 2,000/s)`,
    );
    say(
      `best rates: intake ${max.perSecond.toFixed(0)}/s, baseline ${baseline.perSecond.toFixed(0)} tx/s; ` +
        `ratio intake / baseline = ${ratio.toFixed(2)} (target ≥ 0.5); intake p99 at half rate ${ms(p99)} ` +
        `(target < 100 ms); peak RSS ${peakRssMb.toFixed(0)} MB (target < 250 MB)`,
    );
    await cleanup();
    say(`load average at the end ${loadLine()} (CPU of other work shows as "rest of the machine" above)`);
    const summary: Summary = {
      intake: {
        perSecond: round(max.perSecond),
        baselinePerSecond: round(baseline.perSecond),
        ratio: round(ratio),
        p50Ms: round(p50),
        p99Ms: round(p99),
      },
      freshness: { p50Ms: round(fresh.p50), p99Ms: round(fresh.p99) },
      routing: {
        decisionsPerSecond: round(decisions.perSecond),
        routedPerSecond: round(routedPerSecond),
      },
      sync: {
        perSecond: round(sync.backlog.confirmedPerSecond),
        p50Ms: round(steady.p50),
        p99Ms: round(steady.p99),
        rateLimitPerS: s.syncRatePerS,
      },
      reports: {
        kpiMs1M: s.kpiN === 1_000_000 ? round(kpi.p50Ms) : null,
        kpiColdMs: round(kpi.coldMs),
        dashboardFirstRenderMs: dash ? round(dash.p50Ms) : null,
      },
      memory: { peakRssMb: round(peakRssMb), byProcess },
    };
    printTargets(summary, [
      `freshness and intake latency at ${rate.toFixed(0)}/s (half the best intake rate; SPEC.md states freshness at 500/s)`,
      `sync: no target in SPEC.md; measured with SYNC_RATE_PER_S=${s.syncRatePerS}, production paces at ${PRODUCTION_SYNC_RATE_PER_S}/s`,
      'memory: peak RSS of each bridge process under the intake load (SPEC.md: each under 250 MB)',
    ]);
    // The JSON line stays the very last line of the output.
    say(JSON.stringify(summary));
  } catch (e) {
    for (const p of [...(bridge?.all ?? []), ...(sandbox ? [sandbox.process] : [])]) {
      if (!p.running) say(`--- ${p.name} exited; its last output:\n${p.output()}`);
    }
    await cleanup().catch((c: unknown) => say(`cleanup failed too: ${String(c)}`));
    throw e;
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`\nbench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);

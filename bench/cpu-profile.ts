import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BridgeProcess } from './bridge-process';
import type { RunningBridge } from './bridge-topology';
import { say, sleep, waitUntil } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** Who owns a frame: an npm package, the bridge's own code, Node's internals, or the engine. */
function ownerOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg && !url.includes('.cache/lapor-bridge-bench')) return pkg[1];
  if (url.includes('lapor-bridge-bench/'))
    return `bridge ${url.replace(/^.*lapor-bridge-bench\//, '').replace(/\.js$/, '')}`;
  if (url.startsWith('node:')) return url;
  if (!url) return functionName ? `(${functionName})` : '(native)';
  return url;
}

const frameKey = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${ownerOf(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;

/** Frames worth an inclusive figure: the bridge's own code, middleware, ORM, drivers, GC. */
const INCLUSIVE_OF =
  /^(?!\(anonymous\)).* (bridge |helmet|pino-http|body-parser|raw-body|typeorm|bullmq|ioredis|pg|luxon|standardwebhooks|\(garbage collector\))/;

export interface ProfileSummary {
  sampledMs: number;
  byOwner: { owner: string; pct: number }[];
  byFunction: { fn: string; pct: number }[];
  /** Time under each function of the bridge and of its HTTP pipeline, callees included. */
  inclusive: { fn: string; pct: number }[];
}

/**
 * Self time of a V8 CPU profile (cpu-profiler.preload.js) grouped by package and by function: where a
 * webhook's CPU time goes. Self time only, so a framework's wrappers do not hide the real work.
 */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const owners = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)') continue;
    total += hits;
    const owner = ownerOf(n.callFrame.url, n.callFrame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + hits);
    const fn = frameKey(n);
    fns.set(fn, (fns.get(fn) ?? 0) + hits);
  }
  // Inclusive time: a node's hits plus its descendants', counted once per function on each stack.
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const inclusive = new Map<string, number>();
  const walk = (n: ProfileNode, onStack: Set<string>): number => {
    const key = frameKey(n);
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    let hits = n.callFrame.functionName === '(idle)' ? 0 : (n.hitCount ?? 0);
    for (const c of n.children ?? []) hits += walk(byId.get(c)!, onStack);
    if (fresh) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + hits);
    }
    return hits;
  };
  walk(p.nodes[0], new Set());
  const interesting = new Map([...inclusive].filter(([k]) => INCLUSIVE_OF.test(k)));
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => ({ key: k, pct: (100 * v) / total }));
  return {
    sampledMs: (p.endTime - p.startTime) / 1000,
    byOwner: ranked(owners).map(({ key, pct }) => ({ owner: key, pct })),
    byFunction: ranked(fns).map(({ key, pct }) => ({ fn: key, pct })),
    inclusive: ranked(interesting).map(({ key, pct }) => ({ fn: key, pct })),
  };
}

/** BENCH_PROFILE=1: brackets a phase with SIGWINCH (cpu-profiler.preload.js) and prints where CPU went. */
export async function profiled<T>(
  bridge: RunningBridge,
  procs: BridgeProcess[],
  phase: () => Promise<T>,
): Promise<T> {
  if (!bridge.profileDir) return phase();
  procs.forEach((p) => p.signal('SIGWINCH'));
  await sleep(100);
  const result = await phase();
  procs.forEach((p) => p.signal('SIGWINCH'));
  for (const p of procs) {
    const file = join(bridge.profileDir, `${p.name.split(' ')[0]}.cpuprofile`);
    await waitUntil(async () => Promise.resolve(existsSync(file)), `the CPU profile of ${p.name}`, 10_000);
    await sleep(200);
    const summary = summariseProfile(file, 25);
    rmSync(file);
    say(`CPU profile of ${p.name} over ${(summary.sampledMs / 1000).toFixed(1)} s (self time):`);
    say(`  by owner: ${summary.byOwner.map((o) => `${o.owner} ${o.pct.toFixed(1)}%`).join(', ')}`);
    for (const f of summary.byFunction) say(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.fn}`);
    say('  inclusive (callees included):');
    for (const f of summary.inclusive) say(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.fn}`);
  }
  return result;
}

import { readdirSync, readFileSync } from 'node:fs';
import type { BenchDatabase } from './bench-database';

/** CPU seconds (user + system) a process has used so far; Linux counts in 1/100 s ticks. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const t = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = t.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - t[3] - t[4]) / 100;
}

/** Pids of the processes with this command name (e.g. redis-server). */
export function pidsNamed(comm: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * The Postgres processes working for the bench: the backends connected to its database, and the
 * server's WAL writer, checkpointer and background writer (shared, but busy with our commits).
 */
export async function postgresPids(db: BenchDatabase): Promise<number[]> {
  return db.monitor(async (c) => {
    const { rows } = await c.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE (datname = current_database() AND pid <> pg_backend_pid())
          OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
    );
    return rows.map((r) => r.pid);
  });
}

export interface CpuGroup {
  name: string;
  /** The group's processes; a function is asked again while the phase runs (connections come and go). */
  pids: number[] | (() => Promise<number[]>);
}

export interface CpuShare {
  name: string;
  seconds: number;
}

/** Per-process CPU seen during a phase: processes that exit keep their last reading. */
class GroupTracker {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();

  constructor(readonly group: CpuGroup) {}

  async sample(initial: boolean): Promise<void> {
    const pids = typeof this.group.pids === 'function' ? await this.group.pids() : this.group.pids;
    for (const pid of pids) {
      const v = cpuSecondsOf(pid);
      if (Number.isNaN(v)) continue;
      // A process first seen after the start began during the phase: all its CPU belongs to it.
      if (!this.first.has(pid)) this.first.set(pid, initial ? v : 0);
      this.last.set(pid, v);
    }
  }

  seconds(): number {
    let total = 0;
    for (const [pid, v] of this.last) total += v - (this.first.get(pid) ?? 0);
    return total;
  }
}

/**
 * Where the CPU went during a phase: each group of processes, this process (the load generator),
 * and the rest of the machine (other work running on it: the figures are only as good as the
 * machine is quiet). Samples every 200 ms so short-lived processes are not missed.
 */
export async function cpuMeter(groups: CpuGroup[]): Promise<() => Promise<CpuShare[]>> {
  const trackers = groups.map((g) => new GroupTracker(g));
  await Promise.all(trackers.map((t) => t.sample(true)));
  const self = process.cpuUsage();
  const busy = machineBusySeconds();
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(() => Promise.all(trackers.map((t) => t.sample(false)))).then(() => undefined);
  }, 200);
  return async () => {
    clearInterval(timer);
    await sampling;
    await Promise.all(trackers.map((t) => t.sample(false)));
    const shares = trackers.map((t) => ({ name: t.group.name, seconds: t.seconds() }));
    const used = process.cpuUsage(self);
    shares.push({ name: 'load generator', seconds: (used.user + used.system) / 1e6 });
    const known = shares.reduce((a, sh) => a + sh.seconds, 0);
    shares.push({ name: 'rest of the machine', seconds: Math.max(0, machineBusySeconds() - busy - known) });
    return shares;
  };
}

/** "api 2.10 ms, worker 1.20 ms, ..." per unit of work. */
export function perUnit(shares: CpuShare[], units: number): string {
  return shares.map((sh) => `${sh.name} ${((1000 * sh.seconds) / units).toFixed(2)} ms`).join(', ');
}

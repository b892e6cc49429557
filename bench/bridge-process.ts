import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './stats';

const ROOT = join(__dirname, '..');
/** Where the bench compiles the bridge: inside node_modules, so git ignores it and modules resolve. */
const BUILD_DIR = join(ROOT, 'node_modules', '.cache', 'lapor-bridge-bench');

/**
 * Compiles the bridge as `npm start` runs it (plain JavaScript, no ts-node: ts-node keeps the
 * TypeScript compiler in memory, ~85 MB that production does not carry). Type checking is the job
 * of `npm run typecheck`; here only the emit matters (isolatedModules makes it safe).
 */
export function buildBridge(): string {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(ROOT, 'tsconfig.build.json'),
      '--outDir',
      BUILD_DIR,
      '--noCheck',
      '--incremental',
      'false',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`compiling the bridge failed:\n${r.stdout}${r.stderr}`);
  // The dashboard's static files, as nest build copies them (nest-cli.json "assets").
  const assets = join('src', 'modules', 'dashboard', 'assets');
  cpSync(join(ROOT, assets), join(BUILD_DIR, assets), { recursive: true });
  return join(BUILD_DIR, 'src', 'main.js');
}

/** Resident memory of a process from /proc: current (VmRSS) and peak over its life (VmHWM), MB. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** One bridge process (src/main.ts compiled), its output kept for the report if it fails. */
export class BridgeProcess {
  private readonly child: ChildProcess;
  private out = '';
  private peakRssMb = 0;
  private sampler?: NodeJS.Timeout;
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    entry: string,
    env: Record<string, string>,
    nodeArgs: string[] = [],
  ) {
    // The V8 flags the bridge runs with in production (npm start, docker/Dockerfile): a 4 MB young
    // generation keeps each process under SPEC.md's 250 MB RSS under the intake load (about 40 MB
    // less than Node's default 16 MB) at no measurable cost in throughput.
    this.child = spawn(process.execPath, ['--max-semi-space-size=4', ...nodeArgs, entry], {
      cwd: ROOT,
      // BENCH_NODE_OPTIONS: V8 flags to try on the bridge (e.g. --max-semi-space-size=8).
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => {
      this.out = (this.out + d.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.out;
  }

  memory(): { rssMb: number; hwmMb: number } | undefined {
    return memoryOf(this.pid);
  }

  /** Sends a signal (SIGWINCH toggles the CPU profiler of cpu-profiler.preload.js). */
  signal(sig: NodeJS.Signals): void {
    if (this.running) this.child.kill(sig);
  }

  /** Samples RSS every 50 ms; `peak()` is the highest sample since the last start. */
  startSampling(): void {
    this.peakRssMb = 0;
    const sample = () => {
      const m = memoryOf(this.pid);
      if (m && m.rssMb > this.peakRssMb) this.peakRssMb = m.rssMb;
    };
    sample();
    this.sampler = setInterval(sample, 50);
  }

  stopSampling(): number {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = undefined;
    return this.peakRssMb;
  }

  /** Waits for /health/live on the given URL (a worker answers it too). */
  async waitLive(baseUrl: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited during startup:\n${this.out}`);
      try {
        const res = await fetch(new URL('/health/live', baseUrl));
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not start within ${timeoutMs} ms:\n${this.out}`);
      await sleep(100);
    }
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it does not exit in time. */
  async stop(timeoutMs = 15_000): Promise<void> {
    this.stopSampling();
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = sleep(timeoutMs).then(() => 'timeout' as const);
    if ((await Promise.race([this.exited, timer])) === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

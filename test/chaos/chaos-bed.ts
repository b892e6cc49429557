import { Client } from 'pg';
import { SANDBOX_WEBHOOK_SECRET } from '../../src/sandbox/sandbox.defaults';
import type { SandboxServer } from '../../src/sandbox/sandbox.server';
import { freePort } from '../helpers/free-port';
import { uniqueQueuePrefix } from '../helpers/redis-cleanup';
import { runCli } from '../helpers/run-cli';
import { spawnBridge, type SpawnedBridge } from '../helpers/spawn-bridge';
import { TcpProxy } from '../helpers/tcp-proxy';
import { TestDatabase } from '../helpers/test-database';
import { TEST_PG_URL } from '../helpers/test-env';
import { waitFor } from '../helpers/wait-for';
import { control, laporEnv, startSandbox } from '../intake/poller.helper';
import { PrivateRedis } from './private-redis';

const T0 = Date.now();
/** Progress on stderr with CHAOS_TRACE=1 (jest holds console output until a test ends). */
export function trace(message: string): void {
  if (process.env.CHAOS_TRACE === '1')
    process.stderr.write(`[chaos +${((Date.now() - T0) / 1000).toFixed(1)}s] ${message}\n`);
}

/** The observer's own connections carry this name, so a simulated Postgres restart spares them. */
export const LEDGER_APP_NAME = 'chaos-ledger';

/** A bridge process of the bed: its role, its port and the process (replaced when restarted). */
export interface BridgeProc {
  name: string;
  port: number;
  env: Record<string, string>;
  proc: SpawnedBridge;
  /** Every process this slot ran (the killed ones too), for the output on failure. */
  history: SpawnedBridge[];
}

/**
 * Everything the chaos suite runs, as real processes: the LAPOR! sandbox (in this process, a real
 * HTTP server), a private redis-server, the bridge's own database reached through a TCP proxy, one
 * ROLE=api and two ROLE=worker bridge processes (src/main.ts) with their own QUEUE_PREFIX.
 */
export class ChaosBed {
  readonly bridges: BridgeProc[] = [];
  /** The observer: reads the ledger directly (not through the proxy). */
  ledger!: Client;
  /** Handler tokens by mission code, made with `npm run cli -- token:create`. */
  readonly tokens = new Map<string, string>();
  readonly prefix = uniqueQueuePrefix('chaos');

  private constructor(
    readonly sandbox: SandboxServer,
    readonly laporUrl: string,
    readonly db: TestDatabase,
    readonly pgProxy: TcpProxy,
    readonly redis: PrivateRedis,
  ) {}

  get api(): BridgeProc {
    return this.bridges[0];
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.api.port}`;
  }

  get workers(): BridgeProc[] {
    return this.bridges.slice(1);
  }

  /**
   * Starts the bed: the api and, by default, two full worker replicas (`workers`: the extra
   * environment of each worker, e.g. WORKER_QUEUES).
   */
  static async start(missions: string[], workers: Record<string, string>[] = [{}, {}]): Promise<ChaosBed> {
    const { sandbox, url } = await startSandbox();
    await control(url).call('POST', '/reset', { seedDemo: false });
    const db = await TestDatabase.create('chaos');
    const target = new URL(db.url);
    const pgProxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await pgProxy.up();
    const redis = await PrivateRedis.start();
    const bed = new ChaosBed(sandbox, url, db, pgProxy, redis);
    try {
      bed.ledger = new Client({ connectionString: db.url, application_name: LEDGER_APP_NAME });
      await bed.ledger.connect();
      trace('sandbox, database, proxy and redis up; starting bridges');
      await bed.add('api', { ROLE: 'api' });
      for (const [i, env] of workers.entries()) await bed.add(`worker-${i + 1}`, { ROLE: 'worker', ...env });
      await Promise.all(bed.bridges.map((b) => bed.waitLive(b)));
      trace('bridges live');
      // Tokens from the CLI against the database directly, once a boot has seeded the missions.
      await Promise.all(
        missions.map(async (m) => {
          const r = await runCli(
            { DATABASE_URL: db.url, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
            'token:create',
            '--role',
            'handler',
            '--mission',
            m,
            '--name',
            `chaos ${m}`,
          );
          if (r.code !== 0) throw new Error(`token:create for ${m} failed: ${r.stderr}`);
          bed.tokens.set(m, r.stdout.trim());
        }),
      );
      trace('tokens made');
    } catch (e) {
      await bed.close();
      throw e;
    }
    return bed;
  }

  /** The database URL the bridges use: through the proxy, so a "restart" can cut them off. */
  private get proxiedDbUrl(): string {
    const url = new URL(this.db.url);
    url.host = this.pgProxy.url;
    return url.toString();
  }

  private async add(name: string, env: Record<string, string>): Promise<void> {
    const port = await freePort();
    const full = {
      ...laporEnv(this.laporUrl),
      DATABASE_URL: this.proxiedDbUrl,
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX: this.prefix,
      LAPOR_WEBHOOK_SECRETS: SANDBOX_WEBHOOK_SECRET,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      // The workers poll on their own (off by default under NODE_ENV=test), every 5 s (the minimum);
      // both replicas try at once, the lease lets one run.
      POLL_ENABLED: 'true',
      POLL_INTERVAL_S: '5',
      // A killed worker's jobs go to the other one after 2 s, not 30.
      JOB_LOCK_S: '2',
      SYNC_RETRY_BASE_S: '1',
      SYNC_RATE_PER_S: '50',
      SHUTDOWN_TIMEOUT_S: '5',
      ...env,
    };
    const proc = spawnBridge(full);
    this.bridges.push({ name, port, env: full, proc, history: [proc] });
  }

  async waitLive(b: BridgeProc, timeoutMs = 60_000): Promise<void> {
    const proc = b.proc;
    await waitFor(
      async () => {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null)
          throw new Error(`${b.name} exited at boot:\n${proc.output()}`);
        try {
          return (await fetch(`http://127.0.0.1:${b.port}/health/live`)).ok;
        } catch {
          return false;
        }
      },
      () => `${b.name} is live; its output:\n${proc.output()}`,
      timeoutMs,
    );
  }

  /** kill -9 of a bridge process; resolves once it is gone. */
  async kill(b: BridgeProc): Promise<void> {
    b.proc.child.kill('SIGKILL');
    const exit = await b.proc.exited;
    if (exit.signal !== 'SIGKILL') throw new Error(`${b.name} ended by ${JSON.stringify(exit)}, not SIGKILL`);
  }

  /** Starts a bridge process again in the same slot (same port; its environment with `env` over it). */
  restart(b: BridgeProc, env: Record<string, string> = {}): void {
    b.env = { ...b.env, ...env };
    b.proc = spawnBridge(b.env);
    b.history.push(b.proc);
  }

  /**
   * A Postgres restart, simulated: the shared cluster cannot be restarted under the other test files,
   * so the bridge's connections are cut at the proxy (new ones are refused) and every backend of the
   * bridge's own database is terminated (pg_terminate_backend: in-flight transactions roll back, as in
   * a crash), for `downMs`; then the proxy accepts connections again. Only the test's observer
   * connection (application_name chaos-ledger) is spared.
   */
  async restartPostgres(downMs: number): Promise<{ terminated: number }> {
    const admin = new Client({ connectionString: TEST_PG_URL, application_name: LEDGER_APP_NAME });
    await admin.connect();
    let terminated = 0;
    const terminate = async () => {
      const { rows } = await admin.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> $2`,
        [this.db.name, LEDGER_APP_NAME],
      );
      terminated += rows.filter((r) => r.ok).length;
    };
    try {
      // As a shutting-down server does: every session ends (57P01), open transactions roll back;
      // then nothing answers until it is back.
      await terminate();
      await this.pgProxy.down();
      await new Promise((r) => setTimeout(r, downMs));
      // Anything that reconnected in between goes too.
      await terminate();
    } finally {
      await admin.end();
    }
    await this.pgProxy.up();
    return { terminated };
  }

  /** The output of every bridge process, for a failure message. */
  output(tail = 4000): string {
    return this.bridges
      .flatMap((b) => b.history.map((p, i) => `--- ${b.name}#${i + 1}:\n${p.output().slice(-tail)}`))
      .join('\n');
  }

  async close(): Promise<void> {
    for (const b of this.bridges) b.proc.child.kill('SIGKILL');
    await Promise.all(this.bridges.map((b) => b.proc.exited));
    await this.ledger?.end().catch(() => undefined);
    await this.sandbox.stop();
    await this.pgProxy.down();
    await this.redis.kill();
    await this.db.drop();
  }
}

import Redis from 'ioredis';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchDatabase } from './bench-database';
import type { BenchSettings } from './bench-settings';
import { BridgeProcess } from './bridge-process';
import { waitUntil } from './stats';

/** The V8 heap cap of ROLE=worker processes in deployments (docker/compose.yml, docs/OPERATIONS.md). */
export const WORKER_HEAP_FLAG = '--max-old-space-size=200';

export interface RunningBridge {
  /** The process serving the webhooks (ROLE=api, or the single ROLE=all). */
  api: BridgeProcess;
  all: BridgeProcess[];
  url: string;
  /** split: starts the ROLE=worker process (the bench starts it after the max-rate phase). */
  startWorker?: () => Promise<void>;
  /** Where CPU profiles are written (BENCH_PROFILE=1), else undefined. */
  profileDir?: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The bridge as deployed: `split` = a ROLE=api process serving the webhooks, and a ROLE=worker
 * process started on demand; `all` = one ROLE=all process doing both.
 */
export async function startBridge(
  s: BenchSettings,
  entry: string,
  db: BenchDatabase,
  prefix: string,
  lapor: { url: string; env: Record<string, string> },
): Promise<RunningBridge> {
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL: s.redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    // Production settings, pointing at the LAPOR! sandbox process (sandbox-process.ts): the bench
    // sends the intake's webhooks itself; the first poll, 2 s after boot, finds its inbox empty, and
    // the next is an hour away, so only the sync phase talks to it.
    LAPOR_BASE_URL: lapor.url,
    ...lapor.env,
    ENCRYPTION_KEY: s.encryptionKey,
    BOOTSTRAP_ADMIN_TOKEN: s.adminToken,
    POLL_INTERVAL_S: '3600',
    SHUTDOWN_TIMEOUT_S: '5',
    SYNC_RATE_PER_S: String(s.syncRatePerS),
    // The bench's one admin token posts two follow-ups per sync complaint (and a GET before each)
    // within a minute: more than the per-token default of 600 a minute allows a person.
    API_RATE_LIMIT: '1000000',
    ...(s.workerQueues ? { WORKER_QUEUES: s.workerQueues } : {}),
  };
  const profileDir = s.profile ? mkdtempSync(join(tmpdir(), 'lapor-bench-prof-')) : undefined;
  const start = (name: string, role: string, port: number) =>
    new BridgeProcess(
      `${name} (ROLE=${role})`,
      entry,
      {
        ...env,
        ROLE: role,
        PORT: String(port),
        BENCH_PROFILE_FILE: profileDir ? join(profileDir, `${name}.cpuprofile`) : '',
      },
      [
        // A worker holds no large state (the KPI read model lives in API processes): capped old
        // space makes V8 collect before RSS grows, as docs/OPERATIONS.md deploys workers.
        ...(role === 'worker' ? [WORKER_HEAP_FLAG] : []),
        ...(profileDir ? ['-r', join(__dirname, 'cpu-profiler.preload.js')] : []),
      ],
    );
  const apiPort = s.port || (await freePort());
  const url = `http://127.0.0.1:${apiPort}`;
  const api = s.topology === 'all' ? start('bridge', 'all', apiPort) : start('api', 'api', apiPort);
  try {
    await api.waitLive(url);
  } catch (e) {
    await api.stop();
    throw e;
  }
  const bridge: RunningBridge = { api, all: [api], url, profileDir };
  if (s.topology === 'split') {
    bridge.startWorker = async () => {
      const port = await freePort();
      const worker = start('worker', 'worker', port);
      bridge.all.push(worker);
      await worker.waitLive(`http://127.0.0.1:${port}`);
      await waitReady(url);
    };
  } else {
    await waitReady(url);
  }
  return bridge;
}

/** Ready = Postgres, Redis and a worker heartbeat: the whole pipeline is up. */
function waitReady(url: string): Promise<void> {
  return waitUntil(
    async () => (await fetch(new URL('/health/ready', url)).catch(() => undefined))?.ok === true,
    'the bridge to be ready',
    30_000,
  );
}

/** Deletes the run's queue keys (its own prefix only). */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  if (!prefix.startsWith('bench-')) throw new Error(`refusing to delete keys of prefix ${prefix}`);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

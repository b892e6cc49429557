import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { loadEnv } from '../../src/core/config/load-env';
import {
  producerRedisOptions,
  sentinelSettings,
  workerRedisOptions,
  type SentinelSettings,
} from '../../src/core/queue/redis-options';
import { freePort } from '../helpers/free-port';
import { waitFor } from '../helpers/wait-for';

/**
 * REDIS_SENTINELS (docs/OPERATIONS.md): the bridge's producer and worker connections find the master
 * through a real Sentinel and follow it when the master dies and the Sentinel promotes its replica.
 * Private redis-servers on free ports: the shared Redis of the other tests is never touched.
 */

function redis(args: string[]): ChildProcess {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  child.on('error', () => undefined);
  return child;
}

async function ping(port: number): Promise<boolean> {
  const c = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return (await c.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

describe('Redis through Sentinel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-sentinel-'));
  const children: ChildProcess[] = [];
  let ports: { master: number; replica: number; sentinel: number };
  let sentinel: SentinelSettings;

  beforeAll(async () => {
    ports = { master: await freePort(), replica: await freePort(), sentinel: await freePort() };
    const common = ['--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'];
    children.push(redis(['--port', String(ports.master), ...common]));
    children.push(
      redis(['--port', String(ports.replica), '--replicaof', '127.0.0.1', String(ports.master), ...common]),
    );
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${ports.sentinel}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor lb 127.0.0.1 ${ports.master} 1`,
        'sentinel down-after-milliseconds lb 1000',
        'sentinel failover-timeout lb 10000',
        '',
      ].join('\n'),
    );
    children.push(redis([conf, '--sentinel']));
    await waitFor(
      async () => (await ping(ports.master)) && (await ping(ports.replica)) && (await ping(ports.sentinel)),
      'redis, replica and sentinel up',
    );
    // What the environment makes of the variables, as the bridge reads them.
    sentinel = sentinelSettings(
      loadEnv({ REDIS_SENTINELS: `127.0.0.1:${ports.sentinel}`, REDIS_SENTINEL_NAME: 'lb' }),
    )!;
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the Sentinels and the master name from the environment, and refuses a malformed list', () => {
    expect(sentinel).toEqual({
      sentinels: [{ host: '127.0.0.1', port: ports.sentinel }],
      name: 'lb',
      password: undefined,
    });
    expect(() => loadEnv({ REDIS_SENTINELS: 'sentinel-1' })).toThrow(/REDIS_SENTINELS/);
    expect(sentinelSettings(loadEnv({}))).toBeUndefined();
  });

  it('queues and runs jobs through the master the Sentinel names, and again after a failover', async () => {
    // REDIS_URL's host is ignored with Sentinels: only its database (and credentials, TLS) count.
    const url = 'redis://unused.invalid:1/0';
    const producer = new Redis({ ...producerRedisOptions(url, sentinel), lazyConnect: true });
    producer.on('error', () => undefined);
    await producer.connect();
    const queue = new Queue('sentinel-check', { connection: producer, prefix: 'lb-sentinel' });
    queue.on('error', () => undefined);
    const done: string[] = [];
    const worker = new Worker(
      'sentinel-check',
      (job) => {
        done.push(job.id!);
        return Promise.resolve();
      },
      { connection: workerRedisOptions(url, sentinel), prefix: 'lb-sentinel' },
    );
    worker.on('error', () => undefined);
    try {
      await queue.add('check', {}, { jobId: 'before' });
      await waitFor(() => done.includes('before'), 'the job run through the first master');
      // It really is the private master, not the shared Redis of the other tests.
      expect((await producer.info('server')).match(/tcp_port:(\d+)/)![1]).toBe(String(ports.master));

      children[0].kill('SIGKILL');
      await waitFor(
        async () => {
          const s = new Redis({ port: ports.sentinel, host: '127.0.0.1' });
          try {
            const [, port] = (await s.call('SENTINEL', 'get-master-addr-by-name', 'lb')) as string[];
            return port === String(ports.replica);
          } finally {
            s.disconnect();
          }
        },
        'the Sentinel promoting the replica',
        30_000,
      );
      // The same connections, unchanged configuration: they follow the new master.
      await waitFor(
        async () => {
          try {
            await queue.add('check', {}, { jobId: 'after' });
            return true;
          } catch {
            return false;
          }
        },
        'a job queued on the new master',
        30_000,
      );
      await waitFor(() => done.includes('after'), 'the job run through the new master', 30_000);
      expect((await producer.info('server')).match(/tcp_port:(\d+)/)![1]).toBe(String(ports.replica));
    } finally {
      await worker.close();
      await queue.close();
      producer.disconnect();
    }
  });
});

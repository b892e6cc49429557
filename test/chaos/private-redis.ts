import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from '../helpers/free-port';
import { waitFor } from '../helpers/wait-for';

/**
 * A redis-server of the chaos suite's own, on a free port, so it can really be killed (SIGKILL) and
 * started again without touching the shared Redis other test files use. No persistence at all
 * (`--save "" --appendonly no`): a restart comes back empty, as a Redis that lost its memory does.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  /** How many times it was started (the first start included). */
  starts = 0;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.up();
    return redis;
  }

  /** Starts the server (again) on the same port and waits until it answers PING. */
  async up(): Promise<void> {
    if (this.child) throw new Error('private redis-server is already running');
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
    this.starts++;
    await waitFor(
      () => this.ping(),
      () => `private redis-server on port ${this.port} answers; its output:\n${out}`,
    );
  }

  /** kill -9: everything in it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** The number of keys it holds (0 right after a restart). */
  async dbsize(): Promise<number> {
    const c = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    c.on('error', () => undefined);
    try {
      await c.connect();
      return await c.dbsize();
    } finally {
      c.disconnect();
    }
  }

  private async ping(): Promise<boolean> {
    const c = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
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
}

import { join } from 'node:path';
import { SANDBOX_API_KEY, SANDBOX_TOKEN } from '../src/sandbox/sandbox.defaults';
import { BridgeProcess } from './bridge-process';
import { sleep } from './stats';

/**
 * The LAPOR! sandbox as its own process (`npm run sandbox`, src/sandbox/main.ts, compiled with the
 * bridge), standing in for LAPOR! in the sync phase. Its own process, so its CPU and memory are not
 * the bridge's, as with the real LAPOR!.
 */
export interface RunningSandbox {
  process: BridgeProcess;
  url: string;
  /** What the bridge needs to talk to it and to accept its callbacks (LAPOR_* of both sides). */
  laporEnv: Record<string, string>;
  /** The control API (/_sandbox/...): JSON in, JSON out; throws on anything but 2xx. */
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/**
 * Starts it on `port` and empties it: main.ts seeds demo complaints, which the bridge's first poll
 * (2 s after boot) would otherwise take in, and the intake phases count every complaint.
 * Credentials: the sandbox's public defaults (sandbox.defaults.ts); the webhook secret is the
 * bench's, so the one secret the bridge knows verifies the bench's webhooks and the sandbox's alike.
 */
export async function startSandbox(
  buildEntry: string,
  port: number,
  webhookSecret: string,
): Promise<RunningSandbox> {
  const laporEnv = {
    LAPOR_API_KEY: SANDBOX_API_KEY,
    LAPOR_TOKEN: SANDBOX_TOKEN,
    LAPOR_WEBHOOK_SECRETS: webhookSecret,
  };
  const entry = join(buildEntry, '..', 'sandbox', 'main.js');
  // NODE_OPTIONS empty: BENCH_NODE_OPTIONS are flags to try on the bridge, not on its counterpart.
  const proc = new BridgeProcess('sandbox', entry, {
    ...laporEnv,
    SANDBOX_PORT: String(port),
    NODE_OPTIONS: '',
  });
  const url = `http://127.0.0.1:${port}`;
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(`/_sandbox${path}`, url), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!proc.running) throw new Error(`the sandbox exited during startup:\n${proc.output()}`);
    if (
      await control('GET', '').then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`the sandbox did not start within 30 s:\n${proc.output()}`);
    }
    await sleep(100);
  }
  await control('POST', '/reset', { seedDemo: false });
  return { process: proc, url, laporEnv, control };
}

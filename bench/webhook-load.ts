import http from 'node:http';
import type { SignedWebhook } from './intake-fixtures';

export interface LoadResult {
  sent: number;
  accepted: number;
  /** Answers other than 202, by status (0 = the request failed without an answer). */
  refused: Record<string, number>;
  seconds: number;
  /** Accepted per second of wall time. */
  perSecond: number;
  /** Latency of each accepted request, ms. */
  latenciesMs: number[];
  /** LAPOR! ids of the accepted deliveries. */
  acceptedIds: string[];
  /** A sample answer that was not a 202, for the report. */
  sampleRefusal?: string;
}

/**
 * The webhooks of a phase, made (and signed, with the current time) as they are sent: a long phase
 * never runs into the receiver's timestamp tolerance.
 */
export interface Webhooks {
  count: number;
  make(i: number): SignedWebhook;
}

function post(agent: http.Agent, url: URL, w: SignedWebhook): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: w.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', (e) => resolve({ status: 0, text: e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, text: e.message }));
    req.end(w.body);
  });
}

class Recorder {
  readonly result: LoadResult = {
    sent: 0,
    accepted: 0,
    refused: {},
    seconds: 0,
    perSecond: 0,
    latenciesMs: [],
    acceptedIds: [],
  };

  record(w: SignedWebhook, status: number, text: string, latencyMs: number): void {
    this.result.sent++;
    if (status === 202) {
      this.result.accepted++;
      this.result.latenciesMs.push(latencyMs);
      this.result.acceptedIds.push(w.laporId);
    } else {
      this.result.refused[status] = (this.result.refused[status] ?? 0) + 1;
      this.result.sampleRefusal ??= `${status} ${text.slice(0, 300)}`;
    }
  }

  finish(startedMs: number): LoadResult {
    this.result.seconds = (performance.now() - startedMs) / 1000;
    this.result.perSecond = this.result.accepted / this.result.seconds;
    return this.result;
  }
}

/**
 * Closed loop: `concurrency` keep-alive connections, each sending the next webhook as soon as the
 * previous one is answered. Measures the highest rate the bridge sustains.
 */
export async function maxRate(baseUrl: string, hooks: Webhooks, concurrency: number): Promise<LoadResult> {
  const url = new URL('/webhooks/lapor', baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const rec = new Recorder();
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < hooks.count) {
          const w = hooks.make(next++);
          const t0 = performance.now();
          const r = await post(agent, url, w);
          rec.record(w, r.status, r.text, performance.now() - t0);
        }
      }),
    );
    return rec.finish(started);
  } finally {
    agent.destroy();
  }
}

/**
 * Open loop at a fixed rate: webhook i is due at start + i / rate whatever happened to the others,
 * and its latency counts from when it was due (no coordinated omission: a stalled server shows).
 */
export async function paced(baseUrl: string, hooks: Webhooks, ratePerSecond: number): Promise<LoadResult> {
  const url = new URL('/webhooks/lapor', baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const rec = new Recorder();
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  const dueAt = (i: number) => started + (i * 1000) / ratePerSecond;
  try {
    await new Promise<void>((resolve) => {
      let i = 0;
      const tick = () => {
        const now = performance.now();
        while (i < hooks.count && dueAt(i) <= now) {
          const w = hooks.make(i);
          const due = dueAt(i++);
          inFlight.push(
            post(agent, url, w).then((r) => rec.record(w, r.status, r.text, performance.now() - due)),
          );
        }
        if (i >= hooks.count) return resolve();
        setTimeout(tick, Math.max(0, dueAt(i) - performance.now()));
      };
      tick();
    });
    await Promise.all(inFlight);
    return rec.finish(started);
  } finally {
    agent.destroy();
  }
}

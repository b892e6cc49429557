import { SANDBOX_INSTITUTION_ID } from '../../src/sandbox/sandbox.defaults';
import type { SandboxServer } from '../../src/sandbox/sandbox.server';
import { AUTH, makeSandbox } from './sandbox.helper';

/** Faults are exercised over real sockets: timeouts and dropped connections do not exist in-process. */
describe('LAPOR! sandbox: fault injection', () => {
  let sandbox: SandboxServer;
  let base: string;

  beforeAll(async () => {
    sandbox = makeSandbox();
    base = await sandbox.start(0);
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.reset());

  const lapor = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
  const addFault = async (fault: Record<string, unknown>) => {
    const res = await fetch(`${base}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(res.status).toBe(201);
  };

  it('adds latency', async () => {
    await addFault({ kind: 'latency', latencyMs: 300, path: '/complaints/inbox' });
    const started = Date.now();
    const res = await lapor('/complaints/inbox');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers a 5xx for `times` requests, then recovers', async () => {
    await addFault({ kind: 'status', status: 502, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await lapor('/masters/templates')).status);
    expect(statuses).toEqual([502, 502, 200]);
    const listed = (await (await fetch(`${base}/_sandbox/faults`)).json()) as { data: { hits: number }[] };
    expect(listed.data[0].hits).toBe(2);
  });

  it('rate-limits with 429 and Retry-After', async () => {
    await addFault({ kind: 'rate_limit', retryAfterS: 7 });
    const res = await lapor('/complaints/inbox');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('times out: the request is accepted and never answered', async () => {
    await addFault({ kind: 'timeout', path: '/complaints/inbox', times: 1 });
    await expect(lapor('/complaints/inbox', { signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /abort|timeout/i,
    );
    expect((await lapor('/complaints/inbox')).status).toBe(200);
  });

  it('drops the connection', async () => {
    await addFault({ kind: 'drop', method: 'GET' });
    await expect(lapor('/complaints/inbox')).rejects.toThrow();
  });

  it('never faults the control API, and records faulted requests', async () => {
    await addFault({ kind: 'status', status: 500 });
    expect((await fetch(`${base}/_sandbox/complaints`)).status).toBe(200);
    expect((await lapor('/masters/templates')).status).toBe(500);
    const log = (await (await fetch(`${base}/_sandbox/requests?path=/masters`)).json()) as {
      data: unknown[];
    };
    expect(log.data).toEqual([expect.objectContaining({ method: 'GET', status: 500 })]);
  });

  it('with phase "after", a write lands although its answer times out', async () => {
    await fetch(`${base}/_sandbox/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: '88' }),
    });
    await addFault({ kind: 'timeout', phase: 'after', path: '/complaints/followup/add', times: 1 });
    const body = JSON.stringify({
      complaint_id: 88,
      institution_from_id: SANDBOX_INSTITUTION_ID,
      institution_to_id: SANDBOX_INSTITUTION_ID,
      content: 'Tindak lanjut [ref:landed-1]',
    });
    const post = lapor('/complaints/followup/add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(300),
    });
    await expect(post).rejects.toThrow(/abort|timeout/i);
    const followups = (await (await lapor('/complaints/88/followups')).json()) as {
      results: { data: { content: string }[] };
    };
    expect(followups.results.data.map((f) => f.content)).toEqual(['Tindak lanjut [ref:landed-1]']);
  });

  it('refuses an unknown fault kind', async () => {
    const res = await fetch(`${base}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'explode' }),
    });
    expect(res.status).toBe(400);
  });
});

describe('LAPOR! sandbox: stop()', () => {
  it('closes promptly even with a request held open by a timeout fault', async () => {
    const sandbox = makeSandbox();
    const base = await sandbox.start(0);
    sandbox.faults.add({ kind: 'timeout', phase: 'before' });
    const hung = fetch(`${base}/complaints/inbox`, { headers: AUTH, signal: AbortSignal.timeout(10_000) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await sandbox.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(hung).rejects.toThrow();
    expect(sandbox.baseUrl).toBeNull();
  });
});

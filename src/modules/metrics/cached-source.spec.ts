import { CachedSource, SourceTimeoutError } from './cached-source';

/** A load whose calls are counted and whose answers the test releases by hand. */
function controlledLoad() {
  const calls: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const load = () =>
    new Promise<number>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { calls, load };
}

describe('CachedSource', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('shares one read among concurrent callers and reuses it until the ttl has passed', async () => {
    const { calls, load } = controlledLoad();
    const s = new CachedSource('outbox', 5000, 60_000, load, clock);
    const a = s.read();
    const b = s.read();
    expect(calls).toHaveLength(1);
    calls[0].resolve(7);
    expect(await a).toMatchObject({ ok: true, value: 7 });
    expect(await b).toBe(await a);

    now += 4999;
    expect(await s.read()).toBe(await a);
    expect(calls).toHaveLength(1);

    now += 1;
    const c = s.read();
    expect(calls).toHaveLength(2);
    calls[1].resolve(8);
    expect(await c).toMatchObject({ ok: true, value: 8 });
  });

  it('keeps a failure for the ttl too, as a value, and reads again after it', async () => {
    const { calls, load } = controlledLoad();
    const s = new CachedSource('complaints', 5000, 60_000, load, clock);
    const a = s.read();
    calls[0].reject(new Error('connection refused'));
    expect(await a).toMatchObject({ ok: false, error: { message: 'connection refused' } });
    expect(await s.read()).toBe(await a);
    expect(calls).toHaveLength(1);

    now += 5000;
    const b = s.read();
    calls[1].resolve(3);
    expect(await b).toMatchObject({ ok: true, value: 3 });
  });

  it('does not start a second read while one is still in flight, however old', async () => {
    const { calls, load } = controlledLoad();
    const s = new CachedSource('queues', 5000, 60_000, load, clock);
    const a = s.read();
    now += 20_000;
    expect(s.read()).toBe(a);
    expect(calls).toHaveLength(1);
    calls[0].resolve(1);
    await a;
  });

  it('gives up on a read that hangs', async () => {
    const s = new CachedSource('intake', 5000, 20, () => new Promise<number>(() => undefined));
    const r = await s.read();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBeInstanceOf(SourceTimeoutError);
  });
});

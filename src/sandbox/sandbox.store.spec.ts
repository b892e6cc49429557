import { SANDBOX_INSTITUTIONS, statusRef } from './lapor-masters.data';
import { SandboxClock } from './sandbox.clock';
import { SandboxError } from './sandbox.errors';
import { SandboxStore, compareIds } from './sandbox.store';

const T0 = new Date('2026-11-01T00:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

function makeStore(now = hours(100)) {
  let current = now;
  const clock = new SandboxClock(() => current);
  const store = new SandboxStore(clock, SANDBOX_INSTITUTIONS[0]);
  return { store, setNow: (d: Date) => (current = d) };
}

describe('SandboxStore', () => {
  it('creates a dispositioned complaint with defaults and creation logs', () => {
    const { store } = makeStore();
    const c = store.create({ createdAt: hours(1), dispositionedAt: hours(3) });
    expect(c.disposition?.id).toBe(SANDBOX_INSTITUTIONS[0].id);
    expect(c.status).toEqual(statusRef('process'));
    expect(c.updatedAt).toEqual(hours(3));
    expect(store.logsOf(c.id).map((l) => l.status.name)).toEqual(['Belum Terverifikasi', 'Dalam Proses']);
  });

  it('keeps an undispositioned complaint out of the inbox', () => {
    const { store } = makeStore();
    store.create({ disposition: null });
    store.create({ disposition: SANDBOX_INSTITUTIONS[2] });
    expect(store.inbox(null)).toHaveLength(0);
  });

  it('orders the inbox by updated_at, then id, and filters at whole seconds', () => {
    const { store } = makeStore();
    store.create({ id: '30', createdAt: hours(2) });
    store.create({ id: '10', createdAt: hours(1) });
    store.create({ id: '9', createdAt: hours(2) });
    store.create({ id: '11', createdAt: new Date(hours(3).getTime() + 400) });
    expect(store.inbox(null).map((c) => c.id)).toEqual(['10', '9', '30', '11']);
    expect(store.inbox(hours(2)).map((c) => c.id)).toEqual(['9', '30', '11']);
    expect(store.inbox(hours(3)).map((c) => c.id)).toEqual(['11']);
  });

  it('bumps updated_at on a follow-up written now, and only forward for a historical one', () => {
    const { store, setNow } = makeStore();
    const c = store.create({ createdAt: hours(1) });
    store.addFollowup(c.id, { authorType: 'reporter', content: 'old', createdAt: hours(0.5) });
    expect(c.updatedAt).toEqual(hours(1));
    setNow(hours(200));
    store.addFollowup(c.id, { authorType: 'reporter', content: 'new' });
    expect(c.updatedAt).toEqual(hours(200));
    expect(store.followupsOf(c.id).map((f) => f.content)).toEqual(['old', 'new']);
  });

  it('keeps the previous version for out-of-order snapshots', () => {
    const { store } = makeStore();
    const c = store.create({ createdAt: hours(1) });
    expect(store.previousVersion(c.id)).toBeUndefined();
    store.update(c.id, { status: statusRef('done') });
    expect(store.previousVersion(c.id)?.status.code).toBe('process');
    expect(store.previousVersion(c.id)?.updatedAt).toEqual(hours(1));
  });

  it('rejects as not our authority: Ditolak, disposition moves, one log entry', () => {
    const { store } = makeStore();
    const c = store.create({ createdAt: hours(1) });
    store.reject(c.id, SANDBOX_INSTITUTIONS[1], 'urusan imigrasi');
    expect(c.status.name).toBe('Ditolak');
    expect(c.disposition?.id).toBe(SANDBOX_INSTITUTIONS[1].id);
    expect(c.dispositionedAt).toEqual(hours(100));
    expect(store.logsOf(c.id).at(-1)?.description).toContain('urusan imigrasi');
    expect(() => store.reject(c.id, SANDBOX_INSTITUTIONS[2], 'lagi')).toThrow(SandboxError);
  });

  it('refuses a duplicate id and an unknown complaint', () => {
    const { store } = makeStore();
    store.create({ id: '5' });
    expect(() => store.create({ id: '5' })).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => store.get('404')).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('compares numeric ids as numbers', () => {
    expect(['10', '9', 'b', 'a'].sort(compareIds)).toEqual(['9', '10', 'a', 'b']);
  });
});

import { nextInboxPosition, overlapStart, rescanSlot, wibDayEnd, wibDayStart, wibDate } from './poll-window';

const at = (iso: string) => ({ updatedAt: new Date(iso) });

describe('poll windows', () => {
  it('starts each inbox window two poll intervals before the cursor', () => {
    expect(overlapStart(new Date('2026-03-01T10:00:00Z'), 30)).toEqual(new Date('2026-03-01T09:59:00Z'));
  });

  it('pages by keyset: from the newest updated_at of the page, floored to the second', () => {
    const from = new Date('2026-03-01T00:00:00Z');
    expect(
      nextInboxPosition({ from, page: 1 }, [at('2026-03-01T01:00:00Z'), at('2026-03-01T02:00:00.900Z')]),
    ).toEqual({ from: new Date('2026-03-01T02:00:00Z'), page: 1 });
  });

  it('takes the next page when a page did not move time forward (one second, or nothing readable)', () => {
    const from = new Date('2026-03-01T00:00:00.400Z');
    const sameSecond = [at('2026-03-01T00:00:00Z'), at('2026-03-01T00:00:00.999Z')];
    expect(nextInboxPosition({ from, page: 2 }, sameSecond)).toEqual({ from, page: 3 });
    expect(nextInboxPosition({ from, page: 1 }, [])).toEqual({ from, page: 2 });
  });

  it('makes the nightly re-scan due at the configured hour, WIB', () => {
    // 01:00 WIB is 18:00 UTC the day before.
    expect(rescanSlot(new Date('2026-03-01T17:59:59Z'), 1)).toEqual(new Date('2026-02-28T18:00:00Z'));
    expect(rescanSlot(new Date('2026-03-01T18:00:00Z'), 1)).toEqual(new Date('2026-03-01T18:00:00Z'));
    expect(rescanSlot(new Date('2026-03-02T03:00:00Z'), 1)).toEqual(new Date('2026-03-01T18:00:00Z'));
  });

  it('turns WIB calendar days into instants', () => {
    expect(wibDayStart('2026-03-01')).toEqual(new Date('2026-02-28T17:00:00Z'));
    expect(wibDayEnd('2026-03-01')).toEqual(new Date('2026-03-01T16:59:59.999Z'));
    expect(wibDate(new Date('2026-02-28T17:00:00Z'))).toBe('2026-03-01');
  });
});

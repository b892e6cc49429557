import { isCalendarDate, isInstant } from './date-validators';

describe('date validators', () => {
  it('takes real dates only', () => {
    expect(['2026-02-28', '2024-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(
      ['2026-02-30', '2025-02-29', '0000-01-01', '2026-13-01', '20260630', '2026-W01', 7].map(isCalendarDate),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('takes ISO 8601 instants with an offset that exist', () => {
    expect(
      ['2026-06-30T17:00:00Z', '2026-06-30T17:00+07:00', '2026-06-30T17:00:00.123456Z'].map(isInstant),
    ).toEqual([true, true, true]);
    expect(
      [
        '20260630',
        '2026-123',
        '2026-06-30',
        '2026-02-30T00:00:00Z',
        '2026-06-30T25:00:00Z',
        '2026-06-30T10:00:00',
      ].map(isInstant),
    ).toEqual([false, false, false, false, false, false]);
  });
});

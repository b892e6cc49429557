import { HostDaysOff } from './host-days-off';
import { addWorkingDays, type CalendarSpec } from './working-time';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('HostDaysOff', () => {
  it('knows host holidays of any year, loading a year the first time one of its dates is asked', () => {
    const off = new HostDaysOff([], 'JP', new Set(), NOW);
    expect(off.has('2026-01-01')).toBe(true);
    expect(off.has('2026-01-01')).toBe(true);
    // Backfilled history: no fixed first year (it used to start in 2020).
    expect(off.has('2012-01-01')).toBe(true);
    expect(off.has('2012-01-04')).toBe(false);
    expect(off.has('2031-01-01')).toBe(true);
  });

  it('keeps the base days off and lets the mission’s workdays cancel a host holiday', () => {
    const off = new HostDaysOff(['2016-08-17'], 'JP', new Set(['2016-01-01']), NOW);
    expect(off.has('2016-08-17')).toBe(true);
    expect(off.has('2016-01-01')).toBe(false);
    expect(off.has('2016-01-11')).toBe(true); // Coming of Age Day
  });

  it('is never empty for a country with holidays, so working-time consults it', () => {
    expect(new HostDaysOff([], 'US', new Set(), NOW).size).toBeGreaterThan(0);
    expect(new HostDaysOff([], 'XX', new Set(), NOW).has('2026-01-01')).toBe(false);
  });

  it('moves a working-day deadline over a host holiday of an old year', () => {
    // Tokyo from Thursday 31 Dec 2015: two working days are the 31st and Monday 4 January (New Year's
    // Day is a holiday there, 2–3 January a weekend).
    const cal: CalendarSpec = {
      zone: 'Asia/Tokyo',
      weekend: [6, 7],
      holidays: new HostDaysOff([], 'JP', new Set(), NOW),
    };
    const due = addWorkingDays(cal, new Date('2015-12-31T00:00:00+09:00'), 2);
    expect(due.toISOString()).toBe('2016-01-04T15:00:00.000Z');
  });
});

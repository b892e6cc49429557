import { floorToSecond, formatCalendarDate, formatWib, parseWib, wibCalendarDate } from './wib-time.util';

describe('WIB time on the LAPOR! wire', () => {
  it('formats an instant as d-m-Y H:i:s in Jakarta time', () => {
    expect(formatWib(new Date('2026-11-23T07:05:09Z'))).toBe('23-11-2026 14:05:09');
  });

  it('moves to the next WIB day after 17:00 UTC', () => {
    expect(formatWib(new Date('2026-12-31T17:00:00Z'))).toBe('01-01-2027 00:00:00');
    expect(wibCalendarDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('formats a calendar date as d-m-Y', () => {
    expect(formatCalendarDate('2026-03-07')).toBe('07-03-2026');
    expect(formatCalendarDate(null)).toBeNull();
  });

  it('parses d-m-Y H:i:s as WIB and round-trips', () => {
    const parsed = parseWib('23-11-2026 14:05:09');
    expect(parsed?.toISOString()).toBe('2026-11-23T07:05:09.000Z');
    expect(formatWib(parsed as Date)).toBe('23-11-2026 14:05:09');
  });

  it.each([
    '2026-11-23 14:05:09',
    '23-11-2026',
    '31-02-2026 10:00:00',
    '23-11-2026 24:00:00',
    '3-1-2026 1:00:00',
  ])('rejects malformed %p', (text) => {
    expect(parseWib(text)).toBeNull();
  });

  it('floors to whole seconds', () => {
    expect(floorToSecond(new Date('2026-01-01T00:00:00.999Z'))).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });
});

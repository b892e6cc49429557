import { hostPublicHolidays } from './host-holidays';

// Expectations are what date-holidays 3.37 yields, checked against the public calendars of each country.
const dates = (country: string, year: number): string[] =>
  hostPublicHolidays(country, year).map((h) => h.date);

describe('hostPublicHolidays', () => {
  it('US 2026: 4 July is a Saturday, so the observed Friday 3 July is listed as well', () => {
    const us = hostPublicHolidays('US', 2026);
    expect(us).toContainEqual({ date: '2026-07-03', name: 'Independence Day (substitute day)' });
    expect(us).toContainEqual({ date: '2026-07-04', name: 'Independence Day' });
    // The country's own English: "Labor Day", not the library's generic "Labour Day".
    expect(us).toContainEqual({ date: '2026-09-07', name: 'Labor Day' });
    // Observances and optional days are working days: Valentine's Day, Christmas Eve.
    expect(dates('US', 2026)).not.toContain('2026-02-14');
    expect(dates('US', 2026)).not.toContain('2026-12-24');
    expect(us).toHaveLength(12);
  });

  it('JP 2026: New Year’s Day is public; the 2–3 January bank holidays are not', () => {
    expect(hostPublicHolidays('JP', 2026)).toContainEqual({ date: '2026-01-01', name: "New Year's Day" });
    expect(dates('JP', 2026)).not.toContain('2026-01-02');
    // 3 May is a Sunday: substitute holiday on Wednesday 6 May, after Greenery Day and Children's Day.
    expect(dates('JP', 2026)).toContain('2026-05-06');
  });

  it('SA 2026: National Day 23 September, and each day of a multi-day Eid', () => {
    const sa = hostPublicHolidays('SA', 2026);
    expect(sa).toContainEqual({ date: '2026-09-23', name: 'National Day' });
    // The library gives Eid al-Fitr as one four-day holiday from 1 Shawwal (19 March 2026).
    expect(dates('SA', 2026)).toEqual(
      expect.arrayContaining(['2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22']),
    );
    expect(dates('SA', 2026)).not.toContain('2026-03-23');
  });

  it('a multi-day holiday that starts in December counts in the next year, and only there', () => {
    // Eid al-Adha 1427 began 30 Dec 2006 in Saudi Arabia and lasted four days, to 2 Jan 2007.
    expect(dates('SA', 2006)).toEqual(expect.arrayContaining(['2006-12-30', '2006-12-31']));
    expect(dates('SA', 2006).every((d) => d.startsWith('2006-'))).toBe(true);
    expect(dates('SA', 2007)).toEqual(expect.arrayContaining(['2007-01-01', '2007-01-02']));
  });

  it('AE and GB', () => {
    expect(hostPublicHolidays('AE', 2026)).toContainEqual({ date: '2026-12-02', name: 'National Day' });
    // Boxing Day 26 Dec 2026 is a Saturday: substitute Monday 28 Dec.
    expect(hostPublicHolidays('GB', 2026)).toContainEqual({
      date: '2026-12-28',
      name: 'Boxing Day (substitute day)',
    });
  });

  it('one entry per date, sorted, in the requested year; two holidays on a date share it', () => {
    for (const country of ['US', 'JP', 'SA', 'AE', 'GB', 'AZ', 'ID']) {
      const ds = dates(country, 2026);
      expect(new Set(ds).size).toBe(ds.length);
      expect([...ds].sort()).toEqual(ds);
      expect(ds.every((d) => /^2026-\d{2}-\d{2}$/.test(d))).toBe(true);
    }
    // Azerbaijan 2026: Eid al-Fitr and Novruz (Spring Festival) both fall on 20 March.
    expect(hostPublicHolidays('AZ', 2026)).toContainEqual({
      date: '2026-03-20',
      name: 'End of Ramadan (Eid al-Fitr) / Spring Festival',
    });
  });

  it('unknown or malformed country codes give []; lower case is accepted', () => {
    expect(hostPublicHolidays('XX', 2026)).toEqual([]);
    expect(hostPublicHolidays('USA', 2026)).toEqual([]);
    expect(hostPublicHolidays('', 2026)).toEqual([]);
    expect(hostPublicHolidays('gb', 2026)).toEqual(hostPublicHolidays('GB', 2026));
  });

  it('the cache cannot be changed through a returned list', () => {
    const first = hostPublicHolidays('GB', 2026);
    first[0].name = 'changed';
    first.pop();
    expect(hostPublicHolidays('GB', 2026)).toHaveLength(8);
    expect(hostPublicHolidays('GB', 2026)[0]).toEqual({ date: '2026-01-01', name: "New Year's Day" });
  });
});

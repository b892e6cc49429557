import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addHours,
  addWorkingDays,
  CalendarSpec,
  hoursBetween,
  hoursExcluding,
  isOfficeOpen,
  isWorkingDay,
  localDate,
  nextOfficeOpening,
  startOfLocalDay,
  workingDaysBetween,
  workingDaysExcluding,
} from './working-time';

// Every expectation below is worked out by hand in the comment next to it; instants are written with
// their local offset so the arithmetic can be checked against a wall calendar. Tests run in TZ=UTC.
const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();

/** Jakarta (WIB, UTC+7, no DST), Mon–Fri. 2026-08-17 (Mon) HUT RI and 2026-12-25 (Fri) Natal are libur
 *  nasional; 2026-12-24 (Thu) is a cuti bersama; 2027-01-01 (Fri) is New Year. */
const jakarta: CalendarSpec = {
  zone: 'Asia/Jakarta',
  weekend: [6, 7],
  holidays: new Set(['2026-08-17', '2026-12-24', '2026-12-25', '2027-01-01']),
};

describe('isWorkingDay', () => {
  it('Jakarta: weekdays work; weekends, a libur nasional and a cuti bersama do not', () => {
    expect(isWorkingDay(jakarta, '2026-08-14')).toBe(true); // Friday
    expect(isWorkingDay(jakarta, '2026-08-15')).toBe(false); // Saturday
    expect(isWorkingDay(jakarta, '2026-08-16')).toBe(false); // Sunday
    expect(isWorkingDay(jakarta, '2026-08-17')).toBe(false); // Monday, HUT RI (libur nasional)
    expect(isWorkingDay(jakarta, '2026-08-18')).toBe(true); // Tuesday
    expect(isWorkingDay(jakarta, '2026-12-24')).toBe(false); // Thursday, cuti bersama
  });

  it('reads the holiday set on every call (a set filled later is honoured)', () => {
    const holidays = new Set<string>();
    const cal: CalendarSpec = { zone: 'Asia/Jakarta', weekend: [6, 7], holidays };
    expect(isWorkingDay(cal, '2026-08-18')).toBe(true);
    holidays.add('2026-08-18');
    expect(isWorkingDay(cal, '2026-08-18')).toBe(false);
  });

  it('refuses a malformed or impossible date', () => {
    expect(() => isWorkingDay(jakarta, '2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay(jakarta, '17-08-2026')).toThrow(RangeError);
  });
});

describe('Jakarta, Mon–Fri with libur nasional and cuti bersama', () => {
  it('5 working days from Friday 15:00 is the next Friday 15:00', () => {
    // Fri 7 Aug 15:00→24:00 = 9/24 = 0.375; Mon 10–Thu 13 = 4 (4.375); 0.625 × 24 h = 15 h into Fri 14.
    expect(iso(addWorkingDays(jakarta, at('2026-08-07T15:00:00+07:00'), 5))).toBe('2026-08-14T08:00:00.000Z');
  });

  it('5 working days from Saturday 10:00 end with Friday (Saturday 00:00 local), not later', () => {
    // Counting starts Mon 10 00:00; Mon–Fri = 5 exactly, so the result is the end of Fri 14 = Sat 15 00:00 WIB.
    expect(iso(addWorkingDays(jakarta, at('2026-08-08T10:00:00+07:00'), 5))).toBe('2026-08-14T17:00:00.000Z');
  });

  it('skips a libur nasional inside the span', () => {
    // Fri 14 09:00 → 15 h = 0.625; Mon 17 is HUT RI; Tue 18 = 1 (1.625); 0.375 × 24 h = 9 h into Wed 19.
    expect(iso(addWorkingDays(jakarta, at('2026-08-14T09:00:00+07:00'), 2))).toBe('2026-08-19T02:00:00.000Z');
    // Mon 10 → Mon 24: ten weekdays, minus HUT RI = 9.
    expect(
      workingDaysBetween(jakarta, at('2026-08-10T00:00:00+07:00'), at('2026-08-24T00:00:00+07:00')),
    ).toBe(9);
  });

  it('year end: cuti bersama, Natal, the weekend and New Year all skipped', () => {
    // Thu 31 Dec 12:00 → 0.5; Fri 1 Jan New Year; Sat/Sun; Mon 4 Jan 0.5 → 12:00 WIB.
    expect(iso(addWorkingDays(jakarta, at('2026-12-31T12:00:00+07:00'), 1))).toBe('2027-01-04T05:00:00.000Z');
    // Wed 23 = 1; Thu 24 cuti bersama, Fri 25 Natal; Mon 28–Thu 31 = 4; Fri 1 Jan off; Mon 4 Jan = 1 → 6.
    expect(
      workingDaysBetween(jakarta, at('2026-12-23T00:00:00+07:00'), at('2027-01-05T00:00:00+07:00')),
    ).toBe(6);
  });

  it('fractional days', () => {
    // Mon 10 Aug 06:00 → 18:00 = 12 h of a 24 h working day.
    expect(
      workingDaysBetween(jakarta, at('2026-08-10T06:00:00+07:00'), at('2026-08-10T18:00:00+07:00')),
    ).toBe(0.5);
    // 0.25 day from Mon 00:00 = 6 h.
    expect(iso(addWorkingDays(jakarta, at('2026-08-10T00:00:00+07:00'), 0.25))).toBe(
      '2026-08-09T23:00:00.000Z',
    );
    // Fri 14 18:00 → Tue 18 06:00: Fri 6/24 + weekend + HUT RI + Tue 6/24 = 0.5.
    expect(
      workingDaysBetween(jakarta, at('2026-08-14T18:00:00+07:00'), at('2026-08-18T06:00:00+07:00')),
    ).toBe(0.5);
  });

  it('a start on a holiday or a weekend counts from the next working day’s 00:00', () => {
    // Mon 17 is HUT RI: Tue 18 is the first working day; 1 day = all of it → Wed 19 00:00 WIB.
    expect(iso(addWorkingDays(jakarta, at('2026-08-17T10:00:00+07:00'), 1))).toBe('2026-08-18T17:00:00.000Z');
    // Sat 15 10:00 + 0.5 → Tue 18 12:00 WIB (Sun and HUT RI skipped).
    expect(iso(addWorkingDays(jakarta, at('2026-08-15T10:00:00+07:00'), 0.5))).toBe(
      '2026-08-18T05:00:00.000Z',
    );
    // Nothing elapses between Saturday and Monday HUT RI.
    expect(
      workingDaysBetween(jakarta, at('2026-08-15T10:00:00+07:00'), at('2026-08-18T00:00:00+07:00')),
    ).toBe(0);
  });

  it('0 days is the start itself; b <= a gives 0', () => {
    const sat = at('2026-08-15T10:00:00+07:00');
    expect(addWorkingDays(jakarta, sat, 0).getTime()).toBe(sat.getTime());
    expect(
      workingDaysBetween(jakarta, at('2026-08-12T00:00:00+07:00'), at('2026-08-11T00:00:00+07:00')),
    ).toBe(0);
    expect(workingDaysBetween(jakarta, sat, sat)).toBe(0);
  });

  it('local date differs from the UTC date just after local midnight', () => {
    // 2026-08-16T18:00Z = Mon 17 Aug 01:00 WIB.
    expect(localDate(jakarta, at('2026-08-16T18:00:00Z'))).toBe('2026-08-17');
    expect(iso(startOfLocalDay(jakarta, '2026-08-17'))).toBe('2026-08-16T17:00:00.000Z');
  });
});

describe('other weekends', () => {
  /** Riyadh (UTC+3): Fri–Sat weekend; 2026-09-23 (Wed) National Day. */
  const riyadh: CalendarSpec = { zone: 'Asia/Riyadh', weekend: [5, 6], holidays: new Set(['2026-09-23']) };

  it('Asia/Riyadh, Friday–Saturday weekend', () => {
    const noHolidays = { ...riyadh, holidays: new Set<string>() };
    // Thu 17 → Thu 24 Sep: Thu, Sun, Mon, Tue, Wed = 5; with National Day (Wed 23) = 4.
    expect(
      workingDaysBetween(noHolidays, at('2026-09-17T00:00:00+03:00'), at('2026-09-24T00:00:00+03:00')),
    ).toBe(5);
    expect(workingDaysBetween(riyadh, at('2026-09-17T00:00:00+03:00'), at('2026-09-24T00:00:00+03:00'))).toBe(
      4,
    );
    // Thu 17 18:00 → 0.25; Fri/Sat off; 0.75 × 24 h = 18 h into Sun 20.
    expect(iso(addWorkingDays(riyadh, at('2026-09-17T18:00:00+03:00'), 1))).toBe('2026-09-20T15:00:00.000Z');
    // From Friday: all of Sunday → Mon 21 00:00 AST.
    expect(iso(addWorkingDays(riyadh, at('2026-09-18T10:00:00+03:00'), 1))).toBe('2026-09-20T21:00:00.000Z');
    expect(isWorkingDay(riyadh, '2026-09-20')).toBe(true); // Sunday works here
  });

  it('Asia/Kabul (UTC+4:30), Friday-only weekend', () => {
    const kabul: CalendarSpec = { zone: 'Asia/Kabul', weekend: [5], holidays: new Set() };
    // Wed 16 → Wed 23 Sep: seven days minus Fri 18 = 6.
    expect(workingDaysBetween(kabul, at('2026-09-16T00:00:00+04:30'), at('2026-09-23T00:00:00+04:30'))).toBe(
      6,
    );
    // Thu 17 12:00 → 0.5; Fri off; Sat 19 0.5 → 12:00 local = 07:30Z.
    expect(iso(addWorkingDays(kabul, at('2026-09-17T12:00:00+04:30'), 1))).toBe('2026-09-19T07:30:00.000Z');
  });
});

describe('DST: a working day is 1 unit whatever its length', () => {
  /** Fri–Sat weekend so that the DST Sundays are working days. */
  const nyFriSat: CalendarSpec = { zone: 'America/New_York', weekend: [5, 6], holidays: new Set() };
  const ny: CalendarSpec = { zone: 'America/New_York', weekend: [6, 7], holidays: new Set() };

  it('New York spring forward, Sun 8 Mar 2026 (23 h)', () => {
    // 00:00 EST = 05:00Z; next midnight 00:00 EDT = 9 Mar 04:00Z → 23 h.
    expect(workingDaysBetween(nyFriSat, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(1);
    // 00:00 → 12:00 EDT is 11 real hours of 23.
    expect(workingDaysBetween(nyFriSat, at('2026-03-08T05:00:00Z'), at('2026-03-08T16:00:00Z'))).toBeCloseTo(
      11 / 23,
      12,
    );
    // Half a day = 11.5 h → 16:30Z (12:30 EDT).
    expect(iso(addWorkingDays(nyFriSat, at('2026-03-08T05:00:00Z'), 0.5))).toBe('2026-03-08T16:30:00.000Z');
    // Thu 5 12:00 EST → 0.5; Fri/Sat off; Sun 8 = 1 (1.5); Mon 9 0.5 → 12:00 EDT = 16:00Z.
    expect(iso(addWorkingDays(nyFriSat, at('2026-03-05T17:00:00Z'), 2))).toBe('2026-03-09T16:00:00.000Z');
  });

  it('New York fall back, Sun 1 Nov 2026 (25 h)', () => {
    // 00:00 EDT = 04:00Z; next midnight 00:00 EST = 2 Nov 05:00Z → 25 h.
    expect(workingDaysBetween(nyFriSat, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(1);
    // Half a day = 12.5 h → 16:30Z (11:30 EST).
    expect(iso(addWorkingDays(nyFriSat, at('2026-11-01T04:00:00Z'), 0.5))).toBe('2026-11-01T16:30:00.000Z');
  });

  it('New York Sat–Sun: Friday noon + 1 day is Monday noon wall time across the DST weekend', () => {
    // Fri 6 Mar 12:00 EST (17:00Z) → 0.5; Mon 9 0.5 → 12:00 EDT = 16:00Z (one UTC hour earlier).
    expect(iso(addWorkingDays(ny, at('2026-03-06T17:00:00Z'), 1))).toBe('2026-03-09T16:00:00.000Z');
  });

  it('Europe/London, both transitions', () => {
    const london: CalendarSpec = { zone: 'Europe/London', weekend: [6, 7], holidays: new Set() };
    const london7: CalendarSpec = { zone: 'Europe/London', weekend: [], holidays: new Set() };
    // Fri 27 Mar 00:00 GMT → Tue 31 00:00 BST: Fri + Mon = 2 (the 23 h Sunday 29 is a weekend day).
    expect(workingDaysBetween(london, at('2026-03-27T00:00:00Z'), at('2026-03-30T23:00:00Z'))).toBe(2);
    // Seven-day calendar: Sun 29 Mar runs 00:00Z → 23:00Z (23 h) and counts 1.
    expect(workingDaysBetween(london7, at('2026-03-29T00:00:00Z'), at('2026-03-29T23:00:00Z'))).toBe(1);
    // Sun 25 Oct starts 00:00 BST = 24 Oct 23:00Z and lasts 25 h; half = 12.5 h → 11:30Z (11:30 GMT).
    expect(iso(addWorkingDays(london7, at('2026-10-24T23:00:00Z'), 0.5))).toBe('2026-10-25T11:30:00.000Z');
    // 24 Oct 23:30Z is 00:30 BST on the 25th.
    expect(localDate(london7, at('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
  });

  it('America/Sao_Paulo 2018: midnight skipped, the day starts at 01:00', () => {
    // DST began Sun 4 Nov 2018 at 00:00 → 01:00 (-02). The 3rd began 00:00 -03 = 03:00Z; the 4th begins at
    // the jump, 03:00Z too a day later, and ends 5 Nov 00:00 -02 = 02:00Z: 23 h.
    const sp7: CalendarSpec = { zone: 'America/Sao_Paulo', weekend: [], holidays: new Set() };
    expect(iso(startOfLocalDay(sp7, '2018-11-04'))).toBe('2018-11-04T03:00:00.000Z');
    expect(localDate(sp7, at('2018-11-04T02:59:59Z'))).toBe('2018-11-03');
    expect(workingDaysBetween(sp7, at('2018-11-04T03:00:00Z'), at('2018-11-05T02:00:00Z'))).toBe(1);
    // Half of 23 h = 11.5 h → 14:30Z.
    expect(iso(addWorkingDays(sp7, at('2018-11-04T03:00:00Z'), 0.5))).toBe('2018-11-04T14:30:00.000Z');
  });
});

describe('zones east and west of UTC', () => {
  it('Pacific/Auckland: a UTC Friday that is already Saturday locally', () => {
    const akl: CalendarSpec = { zone: 'Pacific/Auckland', weekend: [6, 7], holidays: new Set() };
    // 9 Jan 2026 12:00Z = Sat 10 Jan 01:00 NZDT (+13).
    expect(localDate(akl, at('2026-01-09T12:00:00Z'))).toBe('2026-01-10');
    expect(isOfficeOpen(akl, at('2026-01-09T12:00:00Z'))).toBe(false);
    // Counting starts Mon 12 00:00; 1 day → Tue 13 00:00 NZDT = 12 Jan 11:00Z.
    expect(iso(addWorkingDays(akl, at('2026-01-09T12:00:00Z'), 1))).toBe('2026-01-12T11:00:00.000Z');
  });

  it('Asia/Tokyo with a public holiday', () => {
    const tokyo: CalendarSpec = { zone: 'Asia/Tokyo', weekend: [6, 7], holidays: new Set(['2026-04-29']) };
    // 31 Mar 16:00Z = 1 Apr 01:00 JST.
    expect(localDate(tokyo, at('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    // Tue 28 Apr → Fri 1 May: Tue + (Showa Day Wed 29 off) + Thu 30 = 2.
    expect(workingDaysBetween(tokyo, at('2026-04-28T00:00:00+09:00'), at('2026-05-01T00:00:00+09:00'))).toBe(
      2,
    );
  });

  it('America/Los_Angeles: local Thursday evening is already the UTC holiday date', () => {
    const la: CalendarSpec = {
      zone: 'America/Los_Angeles',
      weekend: [6, 7],
      holidays: new Set(['2026-07-03']),
    };
    // 3 Jul 02:00Z = Thu 2 Jul 19:00 PDT; only the local date matters.
    expect(localDate(la, at('2026-07-03T02:00:00Z'))).toBe('2026-07-02');
    expect(isOfficeOpen(la, at('2026-07-03T02:00:00Z'))).toBe(true);
    // Thu 5/24; Fri 3 observed Independence Day; weekend; Mon 6 19/24 → 19:00 PDT = 7 Jul 02:00Z.
    expect(iso(addWorkingDays(la, at('2026-07-03T02:00:00Z'), 1))).toBe('2026-07-07T02:00:00.000Z');
  });

  it('America/Sao_Paulo across New Year', () => {
    const sp: CalendarSpec = {
      zone: 'America/Sao_Paulo',
      weekend: [6, 7],
      holidays: new Set(['2026-01-01']),
    };
    // 1 Jan 01:00Z = 31 Dec 22:00 -03.
    expect(localDate(sp, at('2026-01-01T01:00:00Z'))).toBe('2025-12-31');
    // Wed 31 Dec 12:00 → 0.5; Thu 1 Jan off; Fri 2 Jan until 12:00 → 0.5 → 1.
    expect(workingDaysBetween(sp, at('2025-12-31T12:00:00-03:00'), at('2026-01-02T12:00:00-03:00'))).toBe(1);
  });
});

describe('workingDaysExcluding', () => {
  const a = at('2026-08-10T00:00:00+07:00'); // Mon
  const b = at('2026-08-24T00:00:00+07:00'); // Mon; 9 working days in between (HUT RI on the 17th)

  it('no pauses equals workingDaysBetween', () => {
    expect(workingDaysExcluding(jakarta, a, b, [])).toBe(9);
  });

  it('holidays and weekends inside a pause are not subtracted twice', () => {
    // Fri 14 12:00 → Tue 18 12:00 holds Fri 0.5 + Sat + Sun + HUT RI + Tue 0.5 = 1 working day → 8.
    const pause = { from: at('2026-08-14T12:00:00+07:00'), to: at('2026-08-18T12:00:00+07:00') };
    expect(workingDaysExcluding(jakarta, a, b, [pause])).toBe(8);
  });

  it('overlapping and duplicated pauses count once', () => {
    // Tue 11 00:00 → Wed 12 12:00 and Wed 12 00:00 → Thu 13 00:00: union Tue–Wed = 2 → 7.
    const p1 = { from: at('2026-08-11T00:00:00+07:00'), to: at('2026-08-12T12:00:00+07:00') };
    const p2 = { from: at('2026-08-12T00:00:00+07:00'), to: at('2026-08-13T00:00:00+07:00') };
    expect(workingDaysExcluding(jakarta, a, b, [p2, p1, p1])).toBe(7);
  });

  it('an open pause runs until b', () => {
    // Fri 21 12:00 → b: Fri 0.5 + weekend → 8.5.
    expect(workingDaysExcluding(jakarta, a, b, [{ from: at('2026-08-21T12:00:00+07:00'), to: null }])).toBe(
      8.5,
    );
  });

  it('pauses past a and b are clipped; inverted or outside pauses remove nothing', () => {
    expect(
      workingDaysExcluding(jakarta, a, b, [
        { from: at('2026-08-01T00:00:00Z'), to: at('2026-09-01T00:00:00Z') },
      ]),
    ).toBe(0);
    // 1 Aug → Tue 11 00:00 WIB covers Mon 10 only → 8.
    expect(
      workingDaysExcluding(jakarta, a, b, [
        { from: at('2026-08-01T00:00:00Z'), to: at('2026-08-11T00:00:00+07:00') },
      ]),
    ).toBe(8);
    expect(workingDaysExcluding(jakarta, a, b, [{ from: at('2026-09-01T00:00:00Z'), to: null }])).toBe(9);
    expect(
      workingDaysExcluding(jakarta, a, b, [
        { from: at('2026-08-13T00:00:00Z'), to: at('2026-08-12T00:00:00Z') },
      ]),
    ).toBe(9);
  });
});

describe('office hours', () => {
  const embassy: CalendarSpec = { ...jakarta, officeHours: { open: '08:00', close: '16:00' } };

  it('isOfficeOpen: open inclusive, close exclusive, never on weekends or holidays', () => {
    expect(isOfficeOpen(embassy, at('2026-08-14T09:00:00+07:00'))).toBe(true); // Fri 09:00
    expect(isOfficeOpen(embassy, at('2026-08-14T08:00:00+07:00'))).toBe(true); // Fri 08:00 opening
    expect(isOfficeOpen(embassy, at('2026-08-14T07:59:00+07:00'))).toBe(false);
    expect(isOfficeOpen(embassy, at('2026-08-14T16:00:00+07:00'))).toBe(false); // closing instant
    expect(isOfficeOpen(embassy, at('2026-08-15T10:00:00+07:00'))).toBe(false); // Saturday
    expect(isOfficeOpen(embassy, at('2026-08-17T10:00:00+07:00'))).toBe(false); // HUT RI
  });

  it('nextOfficeOpening: same instant when open; today, or the next working day, otherwise', () => {
    const open = at('2026-08-14T09:00:00+07:00');
    expect(nextOfficeOpening(embassy, open).getTime()).toBe(open.getTime());
    // Fri 07:00 → Fri 08:00.
    expect(iso(nextOfficeOpening(embassy, at('2026-08-14T07:00:00+07:00')))).toBe('2026-08-14T01:00:00.000Z');
    // Fri 17:00 (after close) → Sat, Sun, Mon HUT RI skipped → Tue 18 08:00 WIB.
    expect(iso(nextOfficeOpening(embassy, at('2026-08-14T17:00:00+07:00')))).toBe('2026-08-18T01:00:00.000Z');
  });

  it('without office hours: any time of a working day; else the next working day’s 00:00', () => {
    expect(isOfficeOpen(jakarta, at('2026-08-18T03:00:00+07:00'))).toBe(true);
    expect(isOfficeOpen(jakarta, at('2026-08-15T10:00:00+07:00'))).toBe(false);
    // Sat 15 → Tue 18 00:00 WIB (Mon is HUT RI).
    expect(iso(nextOfficeOpening(jakarta, at('2026-08-15T10:00:00+07:00')))).toBe('2026-08-17T17:00:00.000Z');
  });

  it('opening hours are wall-clock times across DST', () => {
    const nyOffice: CalendarSpec = {
      zone: 'America/New_York',
      weekend: [6, 7],
      holidays: new Set(),
      officeHours: { open: '09:00', close: '17:00' },
    };
    // Fri 6 Mar 18:00 EST → Mon 9 Mar 09:00 EDT = 13:00Z.
    expect(iso(nextOfficeOpening(nyOffice, at('2026-03-06T23:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    expect(isOfficeOpen(nyOffice, at('2026-03-09T12:30:00Z'))).toBe(false); // 08:30 EDT
    expect(isOfficeOpen(nyOffice, at('2026-03-09T13:00:00Z'))).toBe(true); // 09:00 EDT
  });

  it('an opening time skipped by DST opens when the clock jumps past it', () => {
    // 8 Mar 2026, New York: 02:00 EST → 03:00 EDT at 07:00Z, so 02:30 does not exist; opens at 07:00Z.
    const cal: CalendarSpec = {
      zone: 'America/New_York',
      weekend: [],
      holidays: new Set(),
      officeHours: { open: '02:30', close: '10:00' },
    };
    expect(iso(nextOfficeOpening(cal, at('2026-03-08T05:00:00Z')))).toBe('2026-03-08T07:00:00.000Z');
    expect(isOfficeOpen(cal, at('2026-03-08T06:59:59Z'))).toBe(false);
    expect(isOfficeOpen(cal, at('2026-03-08T07:00:00Z'))).toBe(true);
    expect(isOfficeOpen(cal, at('2026-03-08T14:00:00Z'))).toBe(false); // 10:00 EDT, closed
  });
});

describe('24/7 helpers', () => {
  it('addHours, hoursBetween and hoursExcluding', () => {
    expect(iso(addHours(at('2026-03-07T12:00:00Z'), 48))).toBe('2026-03-09T12:00:00.000Z');
    expect(iso(addHours(at('2026-03-07T12:00:00Z'), -1.5))).toBe('2026-03-07T10:30:00.000Z');
    expect(hoursBetween(at('2026-03-07T12:00:00Z'), at('2026-03-08T18:30:00Z'))).toBe(30.5);
    expect(hoursBetween(at('2026-03-08T00:00:00Z'), at('2026-03-07T00:00:00Z'))).toBe(0);
    // 48 h minus the overlapping pauses 06:00–12:00 and 10:00–14:00 on day one (8 h) and an open one from 46 h (2 h).
    const pauses = [
      { from: at('2026-03-07T06:00:00Z'), to: at('2026-03-07T12:00:00Z') },
      { from: at('2026-03-07T10:00:00Z'), to: at('2026-03-07T14:00:00Z') },
      { from: at('2026-03-08T22:00:00Z'), to: null },
    ];
    expect(hoursExcluding(at('2026-03-07T00:00:00Z'), at('2026-03-09T00:00:00Z'), pauses)).toBe(38);
  });
});

describe('invalid input', () => {
  it('throws RangeError with a hint', () => {
    expect(() => localDate({ ...jakarta, zone: 'Asia/Djakarta_X' }, new Date())).toThrow(/IANA/);
    expect(() =>
      workingDaysBetween({ ...jakarta, weekend: [1, 2, 3, 4, 5, 6, 7] }, at('2026-01-01'), at('2026-02-01')),
    ).toThrow(RangeError);
    expect(() => isWorkingDay({ ...jakarta, weekend: [0] }, '2026-01-01')).toThrow(/ISO weekdays/);
    expect(() => addWorkingDays(jakarta, at('2026-01-01'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(jakarta, at('2026-01-01'), Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingDays(jakarta, new Date('nope'), 1)).toThrow(/invalid Date/);
    expect(() =>
      isOfficeOpen({ ...jakarta, officeHours: { open: '17:00', close: '09:00' } }, new Date()),
    ).toThrow(/office hours/);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties. The oracle is a deliberately naive luxon walk (one DateTime per day); zones are limited to
// those whose DST changes avoid midnight, where luxon's startOf('day') and this module agree by definition.
const ZONES = [
  'Asia/Jakarta',
  'Asia/Riyadh',
  'Asia/Kabul',
  'Asia/Tokyo',
  'Pacific/Auckland',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
];
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 6, 1);

const calendarArb: fc.Arbitrary<CalendarSpec> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    weekend: fc.subarray([1, 2, 3, 4, 5, 6, 7], { maxLength: 3 }),
    holidayOffsets: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 60 }),
  })
  .map(({ zone, weekend, holidayOffsets }) => ({
    zone,
    weekend,
    holidays: new Set(holidayOffsets.map((d) => new Date(FROM + d * 86_400_000).toISOString().slice(0, 10))),
  }));
const instantArb = fc.integer({ min: FROM, max: TO }).map((t) => new Date(t));
const daysArb = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 60, noNaN: true }));

function naiveBetween(cal: CalendarSpec, a: Date, b: Date): number {
  let total = 0;
  let day = DateTime.fromJSDate(a, { zone: cal.zone }).startOf('day');
  while (day.toMillis() < b.getTime()) {
    const next = day.plus({ days: 1 }).startOf('day');
    if (!cal.weekend.includes(day.weekday) && !cal.holidays.has(day.toISODate() ?? '')) {
      const overlap = Math.min(next.toMillis(), b.getTime()) - Math.max(day.toMillis(), a.getTime());
      total += overlap / (next.toMillis() - day.toMillis());
    }
    day = next;
  }
  return total;
}

describe('properties', () => {
  it('workingDaysBetween agrees with a naive luxon day walk', () => {
    // Spans up to 120 days keep the slow oracle affordable; the other properties use spans of years.
    const spanArb = fc.integer({ min: 0, max: 120 * 86_400_000 });
    fc.assert(
      fc.property(calendarArb, instantArb, spanArb, (cal, a, span) => {
        const b = new Date(a.getTime() + span);
        expect(workingDaysBetween(cal, a, b)).toBeCloseTo(naiveBetween(cal, a, b), 9);
      }),
      { numRuns: 150 },
    );
  });

  it('addWorkingDays inverts workingDaysBetween, and is the earliest such instant', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, daysArb, (cal, start, days) => {
        const end = addWorkingDays(cal, start, days);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(Math.abs(workingDaysBetween(cal, start, end) - days)).toBeLessThan(1e-7);
        if (days > 0) expect(workingDaysBetween(cal, start, new Date(end.getTime() - 1))).toBeLessThan(days);
      }),
      { numRuns: 1000 },
    );
  });

  it('addWorkingDays(a, workingDaysBetween(a, b)) reaches b with no working time left between', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, (cal, x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const reached = addWorkingDays(cal, a, workingDaysBetween(cal, a, b));
        expect(reached.getTime()).toBeLessThanOrEqual(b.getTime() + 1);
        expect(workingDaysBetween(cal, reached, b)).toBeLessThan(1e-7);
      }),
      { numRuns: 500 },
    );
  });

  it('working time is additive over adjacent intervals', () => {
    fc.assert(
      fc.property(calendarArb, fc.array(instantArb, { minLength: 3, maxLength: 3 }), (cal, xs) => {
        const [a, b, c] = [...xs].sort((p, q) => p.getTime() - q.getTime());
        expect(workingDaysBetween(cal, a, c)).toBeCloseTo(
          workingDaysBetween(cal, a, b) + workingDaysBetween(cal, b, c),
          9,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('pauses: bounded, and insensitive to order and duplicates', () => {
    const pauseArb = fc.record({ from: instantArb, to: fc.option(instantArb, { nil: null }) });
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        instantArb,
        fc.array(pauseArb, { maxLength: 5 }),
        (cal, x, y, pauses) => {
          const [a, b] = x <= y ? [x, y] : [y, x];
          const excl = workingDaysExcluding(cal, a, b, pauses);
          expect(excl).toBeGreaterThanOrEqual(0);
          expect(excl).toBeLessThanOrEqual(workingDaysBetween(cal, a, b) + 1e-9);
          expect(workingDaysExcluding(cal, a, b, [...pauses].reverse().concat(pauses))).toBeCloseTo(excl, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('one pause inside [a, b) removes exactly the working time it covers', () => {
    fc.assert(
      fc.property(calendarArb, fc.array(instantArb, { minLength: 4, maxLength: 4 }), (cal, xs) => {
        const [a, from, to, b] = [...xs].sort((p, q) => p.getTime() - q.getTime());
        expect(workingDaysExcluding(cal, a, b, [{ from, to }])).toBeCloseTo(
          workingDaysBetween(cal, a, from) + workingDaysBetween(cal, to, b),
          9,
        );
      }),
      { numRuns: 300 },
    );
  });
});

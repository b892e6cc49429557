import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  formatLaporDateTime,
  LaporTimeError,
  parseLaporDate,
  parseLaporDateTime,
  shapeOf,
} from './lapor-time';

describe('LAPOR! time', () => {
  it('reads WIB wall times exactly as luxon does in Asia/Jakarta, without luxon (1964 onwards)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1964, max: 2999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (y, mo, d, h, mi, s) => {
          const text = `${d}-${mo}-${y} ${h}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
          const dt = DateTime.fromObject(
            { year: y, month: mo, day: d, hour: h, minute: mi, second: s },
            { zone: 'Asia/Jakarta' },
          );
          const real =
            dt.isValid &&
            dt.month === mo &&
            dt.day === d &&
            dt.hour === h &&
            dt.minute === mi &&
            dt.second === s;
          if (real) expect(parseLaporDateTime(text).getTime()).toBe(dt.toMillis());
          else expect(() => parseLaporDateTime(text)).toThrow(LaporTimeError);
        },
      ),
      { seed: 20261130, numRuns: 5000 },
    );
  });

  describe('parseLaporDateTime', () => {
    it('reads d-m-Y H:i:s as WIB (UTC+7)', () => {
      expect(parseLaporDateTime('23-11-2026 14:05:09').toISOString()).toBe('2026-11-23T07:05:09.000Z');
    });

    it('crosses the year end: just after midnight WIB on 1 January is still 31 December in UTC', () => {
      expect(parseLaporDateTime('01-01-2027 06:59:59').toISOString()).toBe('2026-12-31T23:59:59.000Z');
      expect(parseLaporDateTime('01-01-2027 07:00:00').toISOString()).toBe('2027-01-01T00:00:00.000Z');
      expect(parseLaporDateTime('31-12-2026 23:59:59').toISOString()).toBe('2026-12-31T16:59:59.000Z');
    });

    it('accepts single-digit day, month and hour (PHP pads them, but they are unambiguous)', () => {
      expect(parseLaporDateTime('3-1-2026 9:05:09').toISOString()).toBe('2026-01-03T02:05:09.000Z');
    });

    it('reads ISO-8601 with a zone, whatever the offset', () => {
      expect(parseLaporDateTime('2026-11-23T07:05:09Z').toISOString()).toBe('2026-11-23T07:05:09.000Z');
      expect(parseLaporDateTime('2026-11-23T14:05:09+07:00').toISOString()).toBe('2026-11-23T07:05:09.000Z');
      expect(parseLaporDateTime('2026-11-23T10:05:09.250+03:00').toISOString()).toBe(
        '2026-11-23T07:05:09.250Z',
      );
      expect(parseLaporDateTime('2026-11-22T23:05:09-0800').toISOString()).toBe('2026-11-23T07:05:09.000Z');
    });

    it.each([
      ['zone-less ISO (its zone would be a guess)', '2026-11-23T14:05:09'],
      ['Y-m-d H:i:s', '2026-11-23 14:05:09'],
      ['31 February', '31-02-2026 10:00:00'],
      ['24:00:00 (would roll over)', '23-11-2026 24:00:00'],
      ['minute 60', '23-11-2026 14:60:09'],
      ['missing seconds', '23-11-2026 14:05'],
      ['a date only', '23-11-2026'],
      ['text', 'kemarin sore'],
      ['empty', ''],
    ])('refuses %s with a typed error, never Invalid Date', (_what, value) => {
      expect(() => parseLaporDateTime(value)).toThrow(LaporTimeError);
    });

    it('refuses a non-string without throwing anything else', () => {
      expect(() => parseLaporDateTime(1732345509 as unknown as string)).toThrow(LaporTimeError);
    });

    it('shows the shape of a bad value, never the value', () => {
      try {
        parseLaporDateTime('Budi 0812-3456');
        fail('expected an error');
      } catch (err) {
        expect(err).toBeInstanceOf(LaporTimeError);
        expect((err as Error).message).not.toContain('Budi');
        expect((err as Error).message).not.toContain('0812');
        expect((err as LaporTimeError).shape).toBe('aaaa 9999-9999');
      }
    });
  });

  describe('parseLaporDate', () => {
    it('reads d-m-Y as a calendar date', () => {
      expect(parseLaporDate('20-11-2026')).toBe('2026-11-20');
      expect(parseLaporDate('1-2-2026')).toBe('2026-02-01');
      expect(parseLaporDate('31-12-2026')).toBe('2026-12-31');
    });

    it('accepts yyyy-mm-dd too', () => {
      expect(parseLaporDate('2026-11-20')).toBe('2026-11-20');
    });

    it.each(['30-02-2026', '2026-13-01', '20/11/2026', '20-11-26', '20-11-2026 10:00:00'])(
      'refuses %s',
      (v) => {
        expect(() => parseLaporDate(v)).toThrow(LaporTimeError);
      },
    );
  });

  describe('formatLaporDateTime', () => {
    it('writes WIB d-m-Y H:i:s, the inverse of parsing', () => {
      expect(formatLaporDateTime(new Date('2026-11-23T07:05:09Z'))).toBe('23-11-2026 14:05:09');
      expect(parseLaporDateTime(formatLaporDateTime(new Date('2026-11-23T07:05:09Z'))).toISOString()).toBe(
        '2026-11-23T07:05:09.000Z',
      );
    });

    it('pads and crosses the year end', () => {
      expect(formatLaporDateTime(new Date('2026-12-31T17:00:00Z'))).toBe('01-01-2027 00:00:00');
      expect(formatLaporDateTime(new Date('2026-01-03T02:05:09Z'))).toBe('03-01-2026 09:05:09');
    });

    it('drops milliseconds (floors): as a lower bound that only widens the window', () => {
      expect(formatLaporDateTime(new Date('2026-11-23T07:05:09.999Z'))).toBe('23-11-2026 14:05:09');
    });

    it('refuses an invalid Date', () => {
      expect(() => formatLaporDateTime(new Date('nope'))).toThrow(LaporTimeError);
    });
  });

  it('shapeOf hides digits and letters', () => {
    expect(shapeOf('23-11-2026 14:05:09')).toBe('99-99-9999 99:99:99');
    expect(shapeOf(null)).toBe('null');
    expect(shapeOf(5)).toBe('number');
  });
});

import { DateTime } from 'luxon';
import type { Locale } from './i18n';

const WIB = 'Asia/Jakarta';

/** Date and time formatting of the console: the mission's local time and WIB side by side. */
export interface Formatter {
  /** "12 Mar 2026 14.05" in a zone (WIB when none). */
  dateTime(v: Date | string | null | undefined, zone?: string): string;
  date(v: Date | string | null | undefined, zone?: string): string;
  /**
   * "14.05 Osaka · 12.05 WIB": the mission's local time first, named by `place` (the mission's
   * city; else the zone's), then WIB; WIB alone for Jakarta.
   */
  both(v: Date | string | null | undefined, zone?: string | null, place?: string | null): string;
  /** An ISO instant for <time datetime>. */
  iso(v: Date | string | null | undefined): string;
  /** "3 h 20 min" / "2 d 4 h", signed: negative means overdue. */
  duration(ms: number): string;
  number(n: number, digits?: number): string;
}

function toDt(v: Date | string): DateTime {
  return typeof v === 'string' ? DateTime.fromISO(v) : DateTime.fromJSDate(v);
}

function cityOf(zone: string): string {
  return zone.split('/').pop()!.replace(/_/g, ' ');
}

export function formatter(locale: Locale): Formatter {
  const loc = locale === 'id' ? 'id-ID' : 'en-GB';
  const dateTime = (v: Date | string | null | undefined, zone = WIB) =>
    v ? toDt(v).setZone(zone).setLocale(loc).toFormat('d LLL yyyy HH.mm') : '—';
  const date = (v: Date | string | null | undefined, zone = WIB) =>
    v ? toDt(v).setZone(zone).setLocale(loc).toFormat('d LLL yyyy') : '—';
  return {
    dateTime,
    date,
    both(v, zone, place) {
      if (!v) return '—';
      const wib = `${dateTime(v, WIB)} WIB`;
      if (!zone || zone === WIB) return wib;
      return `${dateTime(v, zone)} ${place || cityOf(zone)} · ${wib}`;
    },
    iso: (v) => (v ? toDt(v).toUTC().toISO()! : ''),
    duration(ms) {
      const sign = ms < 0 ? '−' : '';
      let m = Math.floor(Math.abs(ms) / 60_000);
      const d = Math.floor(m / 1440);
      m -= d * 1440;
      const h = Math.floor(m / 60);
      m -= h * 60;
      const [dd, hh, mm] = locale === 'id' ? ['h', 'j', 'mnt'] : ['d', 'h', 'min'];
      if (d > 0) return `${sign}${d} ${dd} ${h} ${hh}`;
      if (h > 0) return `${sign}${h} ${hh} ${m} ${mm}`;
      return `${sign}${m} ${mm}`;
    },
    number: (n, digits = 0) =>
      new Intl.NumberFormat(loc, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n),
  };
}

import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';

/** A host-country public holiday on a local date 'YYYY-MM-DD'. */
export interface HostHoliday {
  date: string;
  name: string;
}

const DAY_MS = 86_400_000;

/**
 * Where the host holidays come from: the library's version (its data changes with it) and the
 * revision of how this file reads it. Part of each mission calendar's fingerprint, so an upgrade or a
 * change of the rules below recomputes running clocks. Bump the revision when changing `load`.
 */
export const HOST_HOLIDAYS_SOURCE = `date-holidays@${
  (JSON.parse(readFileSync(require.resolve('date-holidays/package.json'), 'utf8')) as { version: string })
    .version
}/public-nationwide-1`;

const cache = new Map<string, readonly HostHoliday[]>();

/**
 * Nationwide public holidays of a host country in one year, from the `date-holidays` library: type
 * 'public' only (bank, school, optional and observance days are working days for a mission), including
 * substitute/observed days the library marks public. A holiday lasting several days (Eid al-Fitr in Saudi
 * Arabia is four) gives one entry per local date; the previous year is read too so that a holiday spilling
 * into January is not lost. Names are English where the library has them (the
 * country's own variant first), else in the country's language. Two holidays on one date become
 * one entry whose names are joined with ' / '. Unknown country → []. Regional (state) holidays are not
 * included. Results are cached per country and year; each call returns fresh objects.
 */
export function hostPublicHolidays(countryIso2: string, year: number): HostHoliday[] {
  const country = countryIso2.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country) || !Number.isInteger(year)) return [];
  const key = `${country}:${year}`;
  let holidays = cache.get(key);
  if (!holidays) {
    holidays = load(country, year);
    cache.set(key, holidays);
  }
  return holidays.map((h) => ({ ...h }));
}

function load(country: string, year: number): readonly HostHoliday[] {
  if (!Object.hasOwn(new Holidays().getCountries(), country)) return [];
  const hd = new Holidays(country);
  const byDate = new Map<string, string[]>();
  const prefix = `${year}-`;
  // The country's own English ('en-us' says Labor Day) before the library's generic 'en' (Labour Day).
  const lang = hd.getLanguages().find((l) => l.startsWith('en')) ?? 'en';
  for (const h of [...(hd.getHolidays(year - 1, lang) ?? []), ...(hd.getHolidays(year, lang) ?? [])]) {
    if (h.type !== 'public') continue;
    // `date` is the local date (a trailing offset such as '-0600' only says the day begins the evening before).
    const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < days; i++) {
      const date = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
      if (!date.startsWith(prefix)) continue;
      const names = byDate.get(date) ?? [];
      if (!names.includes(h.name)) names.push(h.name);
      byDate.set(date, names);
    }
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, names]) => Object.freeze({ date, name: names.join(' / ') }));
}

import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigService } from '../../core/config/config.service';
import { MissionsService } from '../missions/missions.service';
import type { Calendars } from './clocks';
import { HostDaysOff } from './calendar/host-days-off';
import { HOST_HOLIDAYS_SOURCE } from './calendar/host-holidays';
import type { CalendarSpec } from './calendar/working-time';
import { NATIONAL_SCOPE, type HolidayKind } from './holiday.entity';
import type { ClockCalendar } from './sla-clock.entity';

export const NATIONAL_ZONE = 'Asia/Jakarta';
const NATIONAL_WEEKEND = [6, 7] as const;

interface HolidayRow {
  scope: string;
  date: string;
  kind: HolidayKind;
}

interface MissionFacts {
  code: string;
  countryIso2: string;
  timezone: string;
  weekendDays: number[];
  officeHours: { open: string; close: string };
}

/** The calendars as they stand now, with the version they were built from. */
export interface CalendarSet extends Calendars {
  version: string;
  missionCodes(): string[];
  /**
   * A digest of everything a clock's calendar decides working time with (zone, weekend, days off,
   * the host-holiday source; not office hours, which only time notifications). Stored with each clock,
   * so the sweep finds the clocks computed on a calendar that has changed since. Null for the 24/7 clock.
   */
  fingerprint(calendar: ClockCalendar, missionCode: string | null): string | null;
  /** The national calendar's fingerprint and every mission's (a mission's includes the national one). */
  fingerprints(): { national: string; missions: Record<string, string> };
}

/**
 * Builds the calendars the clocks run on (SPEC.md "SLA and reports"):
 * - national: Asia/Jakarta, Saturday–Sunday off, every `libur_nasional`, and `cuti_bersama` when
 *   CUTI_BERSAMA_IS_HOLIDAY (the default);
 * - per mission: its time zone and host-country weekend, the Indonesian holidays above, the host
 *   country's public holidays (date-holidays), its own closures — minus its `workday` rows, which
 *   cancel a holiday for that mission (an embassy that opens on a host holiday, say).
 * Host-country holidays are read lazily, a year at a time (HostDaysOff): any year a clock touches is
 * covered, backfilled history included, without computing decades for 135 countries up front.
 * Office hours come with each mission's calendar (they gate notifications, not clocks).
 * Rebuilt only when the holidays or the missions directory changed (a cheap version read).
 */
@Injectable()
export class CalendarService {
  private cached: Promise<CalendarSet> | null = null;
  private cachedVersion: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly missions: MissionsService,
    private readonly config: ConfigService,
  ) {}

  async current(): Promise<CalendarSet> {
    const [{ v }]: { v: string }[] = await this.dataSource.query(
      `SELECT concat_ws('/', count(*), max(id), max(valid_to)) AS v FROM holidays`,
    );
    const missions = await this.missions.list({});
    const version = `${v}|${missions.reduce((max, m) => Math.max(max, m.updatedAt.getTime()), 0)}|${missions.length}`;
    if (!this.cached || this.cachedVersion !== version) {
      this.cachedVersion = version;
      this.cached = this.build(version, missions);
      this.cached.catch(() => (this.cached = null));
    }
    return this.cached;
  }

  private async build(version: string, missions: MissionFacts[]): Promise<CalendarSet> {
    const rows: HolidayRow[] = await this.dataSource.query(
      `SELECT scope, to_char(date, 'YYYY-MM-DD') AS date, kind FROM holidays WHERE valid_to IS NULL`,
    );
    const withCuti = this.config.env.CUTI_BERSAMA_IS_HOLIDAY;
    const nationalOff = new Set<string>();
    const nationalOn = new Set<string>();
    const closures = new Map<string, Set<string>>();
    const workdays = new Map<string, Set<string>>();
    const add = (map: Map<string, Set<string>>, key: string, date: string) =>
      map.set(key, (map.get(key) ?? new Set()).add(date));
    for (const r of rows) {
      if (r.scope === NATIONAL_SCOPE) {
        if (r.kind === 'libur_nasional' || (r.kind === 'cuti_bersama' && withCuti) || r.kind === 'closure')
          nationalOff.add(r.date);
        else if (r.kind === 'workday') nationalOn.add(r.date);
      } else if (r.kind === 'workday') add(workdays, r.scope, r.date);
      else add(closures, r.scope, r.date);
    }
    for (const d of nationalOn) nationalOff.delete(d);

    const national: CalendarSpec = {
      zone: NATIONAL_ZONE,
      weekend: NATIONAL_WEEKEND,
      holidays: nationalOff,
      officeHours: { open: '08:00', close: '16:00' },
    };
    const nationalFp = digest(['national', NATIONAL_ZONE, NATIONAL_WEEKEND, [...nationalOff].sort()]);
    const byCode = new Map(missions.map((m) => [m.code, m]));
    const built = new Map<string, CalendarSpec>();
    const mission = (code: string | null): CalendarSpec => {
      const m = code ? byCode.get(code) : undefined;
      if (!m) return national;
      let cal = built.get(m.code);
      if (!cal) {
        const on = workdays.get(m.code) ?? new Set<string>();
        const base = [...nationalOff, ...(closures.get(m.code) ?? [])].filter((d) => !on.has(d));
        const off = m.countryIso2 !== 'ID' ? new HostDaysOff(base, m.countryIso2, on) : new Set(base);
        cal = { zone: m.timezone, weekend: m.weekendDays, holidays: off, officeHours: m.officeHours };
        built.set(m.code, cal);
      }
      return cal;
    };
    const fps = new Map<string, string>();
    const missionFp = (m: MissionFacts): string => {
      let fp = fps.get(m.code);
      if (!fp) {
        fp = digest([
          nationalFp,
          m.timezone,
          m.weekendDays,
          m.countryIso2 !== 'ID' ? [m.countryIso2, HOST_HOLIDAYS_SOURCE] : null,
          [...(closures.get(m.code) ?? [])].sort(),
          [...(workdays.get(m.code) ?? [])].sort(),
        ]);
        fps.set(m.code, fp);
      }
      return fp;
    };
    const fingerprint = (calendar: ClockCalendar, code: string | null): string | null => {
      if (calendar === 'hours') return null;
      const m = calendar === 'mission' && code ? byCode.get(code) : undefined;
      return m ? missionFp(m) : nationalFp;
    };
    const fingerprints = () => ({
      national: nationalFp,
      missions: Object.fromEntries(missions.map((m) => [m.code, missionFp(m)])),
    });
    return {
      version,
      national,
      mission,
      missionCodes: () => [...byCode.keys()],
      fingerprint,
      fingerprints,
    };
  }
}

function digest(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

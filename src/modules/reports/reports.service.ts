import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { MissionsService } from '../missions/missions.service';
import { regionOf } from '../missions/regions';
import { KpiReadModel } from './kpi-read-model';
import { groupBases, kpiPercentiles, type KpiGroupKeys } from './kpi-percentiles';
import {
  MONTHS,
  clockAsOf,
  followUpFigures,
  pct,
  round,
  scanKpi,
  scratchInt,
  type FollowUpFigures,
} from './kpi-scan';

const DAY_S = 86_400;
/** The name and region of the total row (PEKPPP recap, CSV exports): every office. */
export const ALL_OFFICES = { missionName: 'Kementerian Luar Negeri (semua perwakilan)', region: 'Semua' };

/**
 * How a report's total row is named: the whole ministry, or — under a mission, region or a
 * supervisor's scope — the offices the filter selected, so a filtered total never reads as the ministry's.
 */
export function totalLabel(f: Pick<ReportFilter, 'mission' | 'region' | 'offices'>): typeof ALL_OFFICES {
  if (!f.mission && !f.region && !f.offices) return ALL_OFFICES;
  return { missionName: 'Jumlah perwakilan terpilih (selected offices)', region: f.region ?? '' };
}
const OFFICES_TTL_MS = 5_000;
const ZONE = 'Asia/Jakarta';

/** Which complaints a report covers: by LAPOR! disposition date (WIB, inclusive), office, region; as of an instant. */
export interface ReportFilter {
  from?: string;
  to?: string;
  mission?: string;
  region?: string;
  asOf?: Date;
  /** The caller's offices (a supervisor's mission and its desks); null or absent = every office. */
  offices?: readonly string[] | null;
}

export type { FollowUpFigures } from './kpi-scan';

/** A disposition month's follow-up figures (no backlog: open and breached are the office groups'). */
export type MonthFigures = Omit<FollowUpFigures, 'open' | 'breached'> & { month: string };

export interface KpiReport extends FollowUpFigures {
  from: string | null;
  to: string | null;
  asOf: string;
  withinSla: { acknowledgement: number | null; followUp: number | null; completion: number | null };
  backlog: { open: number; breached: number; avgAgeDays: number | null; oldestAgeDays: number | null };
  byStatus: Record<string, number>;
  byClassification: Record<string, number>;
  /** By the complaint's current category: the same figures as a region's. */
  byCategory: (FollowUpFigures & { category: string | null })[];
  byMission: (FollowUpFigures & { missionCode: string | null; missionName: string | null; region: string })[];
  byRegion: (FollowUpFigures & { region: string })[];
  byMonth: MonthFigures[];
}

export const SLA_CLOCKS = ['acknowledgement', 'first_follow_up', 'completion'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export interface SlaRow {
  missionCode: string | null;
  missionName: string | null;
  region: string;
  clock: SlaClock;
  total: number;
  met: number;
  breached: number;
  running: number;
  compliancePct: number | null;
}

export interface PekpppRow {
  missionCode: string | null;
  missionName: string | null;
  region: string;
  received: number;
  followedUp: number;
  resolved: number;
  withinLimitPct: number | null;
  avgFollowUpDays: number | null;
  avgFollowUpWorkingDays: number | null;
}

/**
 * The ministry's figures (SPEC.md "SLA and reports"), computed from the KPI read model "as of" any
 * instant: a complaint counts if LAPOR! had dispositioned it by then; a follow-up, acknowledgement or
 * resolution counts if it happened by then; a clock is breached as of then if it was past due and not
 * met. Closed cycles' figures are frozen by the SLA engine, so an earlier asOf gives the same answer
 * later. Status, category and classification counts are by the complaint's current values.
 */
@Injectable()
export class ReportsService {
  private officesCache: { at: number; list: ReturnType<MissionsService['list']> } | null = null;

  constructor(
    private readonly model: KpiReadModel,
    private readonly missions: MissionsService,
  ) {}

  async kpi(f: ReportFilter): Promise<KpiReport> {
    await this.model.refresh();
    const m = this.model;
    const ctx = await this.context(f);
    const { asOfS } = ctx;
    const M = Math.max(m.missions.values.length, 1);
    // Per office, category and disposition month, additive figures; regions and the total are offices' sums.
    const { rows, n } = ctx.rows();
    const scan = scanKpi(m, rows, n, asOfS, M);
    const { g, cats, months, within, ageSum, oldest } = scan;
    const regionNames = [...new Set(m.missions.values.map((_, k) => ctx.regionOf(k)))].sort();
    const regionOf = new Int32Array(M).map((_, k) => Math.max(regionNames.indexOf(ctx.regionOf(k)), 0));
    const monthKeys = [...Array(MONTHS).keys()].filter((k) => months.count[k] > 0);
    const monthIdx = new Int32Array(MONTHS);
    monthKeys.forEach((k, j) => (monthIdx[k] = j));
    const keys: KpiGroupKeys = {
      mission: m.mission,
      regionOf,
      category: m.category,
      month: m.month,
      monthIdx,
      offices: M,
      regions: Math.max(regionNames.length, 1),
      categories: cats.count.length,
      months: monthKeys.length,
    };
    // Medians and p90 of every office, region, category and month, and of all, in two passes a column.
    const days = kpiPercentiles(m.fuDays, scan.followedRows, scan.followedN, keys);
    const work = kpiPercentiles(m.fuWorkingDays, scan.followedRows, scan.followedN, keys);
    const at = groupBases(keys);
    const offices = [...Array(M).keys()];
    const byMission = offices
      .filter((k) => g.count[k] > 0)
      .map((k) => {
        const code = m.missions.get(k);
        return {
          missionCode: code,
          missionName: ctx.nameOf(code),
          region: ctx.regionOf(k),
          ...followUpFigures(g, [k], days, work, k),
        };
      })
      .sort((a, b) => (a.missionCode ?? '').localeCompare(b.missionCode ?? ''));
    const byRegion = regionNames
      .map((region, r) => ({ region, r, ks: offices.filter((k) => regionOf[k] === r) }))
      .filter(({ ks }) => ks.some((k) => g.count[k] > 0))
      .map(({ region, r, ks }) => ({ region, ...followUpFigures(g, ks, days, work, at.region + r) }));
    const total = followUpFigures(g, offices, days, work, at.total);
    const byCategory = [...Array(cats.count.length).keys()]
      .filter((k) => cats.count[k] > 0)
      .map((k) => ({
        category: m.categories.get(k),
        ...followUpFigures(cats, [k], days, work, at.category + k),
      }))
      .sort((a, b) => b.count - a.count || (a.category ?? '').localeCompare(b.category ?? ''));
    const byMonth: MonthFigures[] = monthKeys.map((k, j) => {
      const {
        open: _open,
        breached: _breached,
        ...f
      } = followUpFigures(months, [k], days, work, at.month + j);
      return { month: KpiReadModel.monthLabel(k), ...f };
    });
    const named = (counts: Int32Array, dict: { get(i: number): string | null }, none: string) => {
      const out: Record<string, number> = {};
      counts.forEach((n, k) => {
        if (n) out[dict.get(k) ?? none] = (out[dict.get(k) ?? none] ?? 0) + n;
      });
      return out;
    };
    return {
      from: f.from ?? null,
      to: f.to ?? null,
      asOf: new Date(ctx.asOfMs).toISOString(),
      ...total,
      withinSla: {
        acknowledgement: pct(within[0], within[1]),
        followUp: pct(within[2], within[3]),
        completion: pct(within[4], within[5]),
      },
      backlog: {
        open: total.open,
        breached: total.breached,
        avgAgeDays: total.open ? round(ageSum / total.open / DAY_S) : null,
        oldestAgeDays: total.open ? round(oldest / DAY_S) : null,
      },
      byStatus: named(scan.byStatus, m.statuses, 'unknown'),
      byClassification: named(scan.byClass, m.classifications, 'unclassified'),
      byCategory,
      byMission,
      byRegion,
      byMonth,
    };
  }

  /** Compliance per office and clock (first cycle of each complaint), as of an instant. */
  async sla(
    f: ReportFilter,
  ): Promise<{ from: string | null; to: string | null; asOf: string; data: SlaRow[] }> {
    await this.model.refresh();
    const m = this.model;
    const ctx = await this.context(f);
    // Per office: for each clock, [total, met, breached, running].
    const M = Math.max(m.missions.values.length, 1);
    const cells = new Int32Array(M * 12);
    const seen = new Uint8Array(M);
    const tally = (base: number, due: number, at: number) => {
      if (due === 0) return; // not measured (imported acknowledgement) or cancelled
      const st = clockAsOf(due, at, ctx.asOfS);
      cells[base]++;
      cells[base + (st === 1 ? 1 : st === -1 ? 2 : 3)]++;
    };
    const { rows, n } = ctx.rows();
    for (let r = 0; r < n; r++) {
      const i = rows[r];
      const base = m.mission[i] * 12;
      seen[m.mission[i]] = 1;
      tally(base, m.ackDue[i], m.ackAt[i]);
      tally(base + 4, m.fuDue[i], m.fuAt[i]);
      tally(base + 8, m.completionDue[i], m.completedAt[i]);
    }
    const data: SlaRow[] = [];
    const offices = [...Array(M).keys()]
      .filter((k) => seen[k])
      .sort((a, b) => (m.missions.get(a) ?? '').localeCompare(m.missions.get(b) ?? ''));
    for (const k of offices) {
      const code = m.missions.get(k);
      SLA_CLOCKS.forEach((clock, j) => {
        const at = k * 12 + j * 4;
        const [total, met, breached, running] = [cells[at], cells[at + 1], cells[at + 2], cells[at + 3]];
        data.push({
          missionCode: code,
          missionName: ctx.nameOf(code),
          region: ctx.regionOf(k),
          clock,
          total,
          met,
          breached,
          running,
          compliancePct: met + breached ? round((100 * met) / (met + breached), 1) : null,
        });
      });
    }
    return { from: f.from ?? null, to: f.to ?? null, asOf: new Date(ctx.asOfMs).toISOString(), data };
  }

  /**
   * The annual recap per office for the PEKPPP self-evaluation: complaints LAPOR! dispositioned in the
   * year (WIB), how many were followed up and resolved (by the end of the year, or now if earlier), the
   * share of first follow-ups within 5 working days, and the average follow-up time.
   */
  async pekppp(
    year: number,
    mission?: string,
    offices?: readonly string[] | null,
  ): Promise<{ year: number; asOf: string; data: PekpppRow[]; total: PekpppRow }> {
    const end = DateTime.fromObject({ year: year + 1, month: 1, day: 1 }, { zone: ZONE }).toJSDate();
    const asOf = end.getTime() < Date.now() ? end : new Date();
    const k = await this.kpi({ from: `${year}-01-01`, to: `${year}-12-31`, mission, asOf, offices });
    const total = totalLabel({ mission, offices });
    await this.model.refresh();
    const m = this.model;
    const ctx = await this.context({ from: `${year}-01-01`, to: `${year}-12-31`, mission, asOf, offices });
    const resolved = new Map<number, number>();
    let resolvedTotal = 0;
    const { rows, n } = ctx.rows();
    for (let r = 0; r < n; r++) {
      const i = rows[r];
      const at = m.completedAt[i];
      if (at !== 0 && at <= ctx.asOfS) {
        resolved.set(m.mission[i], (resolved.get(m.mission[i]) ?? 0) + 1);
        resolvedTotal++;
      }
    }
    const row = (
      fig: FollowUpFigures,
      code: string | null,
      name: string | null,
      region: string,
      res: number,
    ): PekpppRow => ({
      missionCode: code,
      missionName: name,
      region,
      received: fig.count,
      followedUp: fig.followedUp,
      resolved: res,
      withinLimitPct: fig.withinSlaPct,
      avgFollowUpDays: fig.avgFollowUpDays,
      avgFollowUpWorkingDays: fig.avgFollowUpWorkingDays,
    });
    return {
      year,
      asOf: k.asOf,
      data: k.byMission.map((b) =>
        row(b, b.missionCode, b.missionName, b.region, resolved.get(m.missions.id(b.missionCode)) ?? 0),
      ),
      total: row(k, null, total.missionName, total.region, resolvedTotal),
    };
  }

  /** The missions directory, read at most every OFFICES_TTL_MS (it changes by admin edits only). */
  private offices(now = Date.now()): ReturnType<MissionsService['list']> {
    if (!this.officesCache || now - this.officesCache.at > OFFICES_TTL_MS) {
      const list = this.missions.list({});
      this.officesCache = { at: now, list };
      list.catch(() => (this.officesCache = null));
    }
    return this.officesCache.list;
  }

  private async context(f: ReportFilter) {
    const m = this.model;
    const asOfMs = (f.asOf ?? new Date()).getTime();
    const asOfS = KpiReadModel.toSlot(Math.floor(asOfMs / 1000));
    const fromS = f.from ? KpiReadModel.toSlot(DateTime.fromISO(f.from, { zone: ZONE }).toSeconds()) : 0;
    const toS = f.to
      ? KpiReadModel.toSlot(DateTime.fromISO(f.to, { zone: ZONE }).plus({ days: 1 }).toSeconds())
      : Number.MAX_SAFE_INTEGER;
    const offices = await this.offices();
    const byCode = new Map(offices.map((o) => [o.code, o]));
    const regions: string[] = m.missions.values.map((code) => {
      const o = byCode.get(code);
      return o ? regionOf(o) : 'Lainnya';
    });
    const regionOfIdx = (k: number): string => regions[k] ?? 'Lainnya';
    const allowed = new Uint8Array(Math.max(m.missions.values.length, 1));
    m.missions.values.forEach((code, k) => {
      allowed[k] =
        (!f.mission || code === f.mission) &&
        (!f.region || regionOfIdx(k) === f.region) &&
        (!f.offices || f.offices.includes(code))
          ? 1
          : 0;
    });
    return {
      asOfMs,
      asOfS,
      regionOf: regionOfIdx,
      nameOf: (code: string | null) => (code ? (byCode.get(code)?.name ?? null) : null),
      /** The selected slots, in one tight pass over two columns. */
      rows: (): { rows: Int32Array; n: number } => {
        const disposition = m.disposition;
        const mission = m.mission;
        const lo = Math.max(fromS, 1);
        const hi = Math.min(toS - 1, asOfS);
        const count = m.count;
        const rows = scratchInt(0, count);
        let n = 0;
        for (let i = 0; i < count; i++) {
          const d = disposition[i];
          if (d >= lo && d <= hi && allowed[mission[i]] === 1) rows[n++] = i;
        }
        return { rows, n };
      },
    };
  }
}

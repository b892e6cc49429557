import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { MissionsService } from '../missions/missions.service';
import { regionOf } from '../missions/regions';
import { KpiReadModel } from './kpi-read-model';

const DAY_S = 86_400;
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

/** The follow-up figures of a group of complaints (SPEC.md "KPI report"). */
export interface FollowUpFigures {
  count: number;
  followedUp: number;
  avgFollowUpDays: number | null;
  medianFollowUpDays: number | null;
  p90FollowUpDays: number | null;
  avgFollowUpWorkingDays: number | null;
  medianFollowUpWorkingDays: number | null;
  p90FollowUpWorkingDays: number | null;
  /** % of first follow-ups decided by asOf (posted, or past due) that came within 5 national working days. */
  withinSlaPct: number | null;
  open: number;
  breached: number;
}

export interface KpiReport extends FollowUpFigures {
  from: string | null;
  to: string | null;
  asOf: string;
  withinSla: { acknowledgement: number | null; followUp: number | null; completion: number | null };
  backlog: { open: number; breached: number; avgAgeDays: number | null; oldestAgeDays: number | null };
  byStatus: Record<string, number>;
  byClassification: Record<string, number>;
  byCategory: { category: string | null; count: number }[];
  byMission: (FollowUpFigures & { missionCode: string | null; missionName: string | null; region: string })[];
  byRegion: (FollowUpFigures & { region: string })[];
  byMonth: {
    month: string;
    count: number;
    followedUp: number;
    avgFollowUpDays: number | null;
    avgFollowUpWorkingDays: number | null;
    withinSlaPct: number | null;
  }[];
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

/** Per-group accumulator; values are collected for the percentiles. */
class Acc {
  count = 0;
  followedUp = 0;
  sumDays = 0;
  sumWorking = 0;
  days: number[] = [];
  working: number[] = [];
  fuMet = 0;
  fuDecided = 0;
  open = 0;
  breached = 0;

  figures(withPercentiles = true): FollowUpFigures {
    const days = withPercentiles ? Float64Array.from(this.days).sort() : null;
    const working = withPercentiles ? Float64Array.from(this.working).sort() : null;
    return {
      count: this.count,
      followedUp: this.followedUp,
      avgFollowUpDays: this.followedUp ? round(this.sumDays / this.followedUp) : null,
      medianFollowUpDays: days ? percentile(days, 0.5) : null,
      p90FollowUpDays: days ? percentile(days, 0.9) : null,
      avgFollowUpWorkingDays: this.working.length ? round(this.sumWorking / this.working.length) : null,
      medianFollowUpWorkingDays: working ? percentile(working, 0.5) : null,
      p90FollowUpWorkingDays: working ? percentile(working, 0.9) : null,
      withinSlaPct: this.fuDecided ? round((100 * this.fuMet) / this.fuDecided, 1) : null,
      open: this.open,
      breached: this.breached,
    };
  }
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
  constructor(
    private readonly model: KpiReadModel,
    private readonly missions: MissionsService,
  ) {}

  async kpi(f: ReportFilter): Promise<KpiReport> {
    await this.model.refresh();
    const m = this.model;
    const ctx = await this.context(f);
    const { asOfS } = ctx;
    const total = new Acc();
    const byMission = new Map<number, Acc>();
    const byRegion = new Map<string, Acc>();
    const byMonth = new Map<number, Acc>();
    const byStatus = new Map<number, number>();
    const byClass = new Map<number, number>();
    const byCategory = new Map<number, number>();
    const within = { ack: [0, 0], fu: [0, 0], done: [0, 0] };
    let ageSum = 0;
    let oldest = 0;
    for (let i = 0; i < m.count; i++) {
      if (!ctx.selects(i)) continue;
      const mi = m.mission[i];
      let acc = byMission.get(mi);
      if (!acc) byMission.set(mi, (acc = new Acc()));
      const region = ctx.regionOf(mi);
      let racc = byRegion.get(region);
      if (!racc) byRegion.set(region, (racc = new Acc()));
      let macc = byMonth.get(m.month[i]);
      if (!macc) byMonth.set(m.month[i], (macc = new Acc()));
      const groups = [total, acc, racc];
      for (const g of groups) g.count++;
      macc.count++;

      const fuAt = m.fuAt[i];
      const followed = fuAt !== 0 && fuAt <= asOfS;
      if (followed) {
        const d = m.fuDays[i];
        const w = m.fuWorkingDays[i];
        for (const g of groups) {
          g.followedUp++;
          g.sumDays += d;
          g.days.push(d);
          if (!Number.isNaN(w)) {
            g.sumWorking += w;
            g.working.push(w);
          }
        }
        macc.followedUp++;
        macc.sumDays += d;
        if (!Number.isNaN(w)) {
          macc.sumWorking += w;
          macc.working.push(w);
        }
      }
      const fu = clockAsOf(m.fuDue[i], fuAt, asOfS);
      if (fu !== 0) {
        for (const g of groups) {
          g.fuDecided++;
          if (fu === 1) g.fuMet++;
        }
        macc.fuDecided++;
        if (fu === 1) macc.fuMet++;
        within.fu[0]++;
        if (fu === 1) within.fu[1]++;
      }
      const ack = clockAsOf(m.ackDue[i], m.ackAt[i], asOfS);
      if (ack !== 0) {
        within.ack[0]++;
        if (ack === 1) within.ack[1]++;
      }
      const done = clockAsOf(m.completionDue[i], m.completedAt[i], asOfS);
      if (done !== 0) {
        within.done[0]++;
        if (done === 1) within.done[1]++;
      }
      const closed = m.closed[i];
      if (m.received[i] <= asOfS && (closed === 0 || closed > asOfS)) {
        for (const g of groups) g.open++;
        const age = asOfS - m.disposition[i];
        ageSum += age;
        if (age > oldest) oldest = age;
        if (ack === -1 || fu === -1 || done === -1) for (const g of groups) g.breached++;
      }
      byStatus.set(m.status[i], (byStatus.get(m.status[i]) ?? 0) + 1);
      byClass.set(m.classification[i], (byClass.get(m.classification[i]) ?? 0) + 1);
      byCategory.set(m.category[i], (byCategory.get(m.category[i]) ?? 0) + 1);
    }
    const pct = ([n, met]: number[]) => (n ? round((100 * met) / n, 1) : null);
    return {
      from: f.from ?? null,
      to: f.to ?? null,
      asOf: new Date(ctx.asOfMs).toISOString(),
      ...total.figures(),
      withinSla: { acknowledgement: pct(within.ack), followUp: pct(within.fu), completion: pct(within.done) },
      backlog: {
        open: total.open,
        breached: total.breached,
        avgAgeDays: total.open ? round(ageSum / total.open / DAY_S) : null,
        oldestAgeDays: total.open ? round(oldest / DAY_S) : null,
      },
      byStatus: Object.fromEntries([...byStatus].map(([k, n]) => [m.statuses.get(k) ?? 'unknown', n])),
      byClassification: Object.fromEntries(
        [...byClass].map(([k, n]) => [m.classifications.get(k) ?? 'unclassified', n]),
      ),
      byCategory: [...byCategory]
        .map(([k, n]) => ({ category: m.categories.get(k), count: n }))
        .sort((a, b) => b.count - a.count),
      byMission: [...byMission]
        .map(([k, acc]) => {
          const code = m.missions.get(k);
          return {
            missionCode: code,
            missionName: ctx.nameOf(code),
            region: ctx.regionOf(k),
            ...acc.figures(),
          };
        })
        .sort((a, b) => (a.missionCode ?? '').localeCompare(b.missionCode ?? '')),
      byRegion: [...byRegion]
        .map(([region, acc]) => ({ region, ...acc.figures() }))
        .sort((a, b) => a.region.localeCompare(b.region)),
      byMonth: [...byMonth]
        .sort(([a], [b]) => a - b)
        .map(([k, acc]) => {
          const fig = acc.figures(false);
          return {
            month: KpiReadModel.monthLabel(k),
            count: fig.count,
            followedUp: fig.followedUp,
            avgFollowUpDays: fig.avgFollowUpDays,
            avgFollowUpWorkingDays: fig.avgFollowUpWorkingDays,
            withinSlaPct: fig.withinSlaPct,
          };
        }),
    };
  }

  /** Compliance per office and clock (first cycle of each complaint), as of an instant. */
  async sla(
    f: ReportFilter,
  ): Promise<{ from: string | null; to: string | null; asOf: string; data: SlaRow[] }> {
    await this.model.refresh();
    const m = this.model;
    const ctx = await this.context(f);
    const cells = new Map<number, number[][]>(); // mission → clock → [total, met, breached, running]
    for (let i = 0; i < m.count; i++) {
      if (!ctx.selects(i)) continue;
      let c = cells.get(m.mission[i]);
      if (!c) cells.set(m.mission[i], (c = SLA_CLOCKS.map(() => [0, 0, 0, 0])));
      const states = [
        [m.ackDue[i], m.ackAt[i]],
        [m.fuDue[i], m.fuAt[i]],
        [m.completionDue[i], m.completedAt[i]],
      ];
      states.forEach(([due, at], k) => {
        if (due === 0) return; // not measured (imported acknowledgement) or cancelled
        const s = clockAsOf(due, at, ctx.asOfS);
        c[k][0]++;
        c[k][s === 1 ? 1 : s === -1 ? 2 : 3]++;
      });
    }
    const data: SlaRow[] = [];
    for (const [k, perClock] of [...cells].sort(([a], [b]) =>
      (m.missions.get(a) ?? '').localeCompare(m.missions.get(b) ?? ''),
    )) {
      const code = m.missions.get(k);
      SLA_CLOCKS.forEach((clock, j) => {
        const [total, met, breached, running] = perClock[j];
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
    await this.model.refresh();
    const m = this.model;
    const ctx = await this.context({ from: `${year}-01-01`, to: `${year}-12-31`, mission, asOf, offices });
    const resolved = new Map<number, number>();
    let resolvedTotal = 0;
    for (let i = 0; i < m.count; i++) {
      if (!ctx.selects(i)) continue;
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
      total: row(k, null, 'Kementerian Luar Negeri (semua perwakilan)', 'Semua', resolvedTotal),
    };
  }

  private async context(f: ReportFilter) {
    const m = this.model;
    const asOfMs = (f.asOf ?? new Date()).getTime();
    const asOfS = KpiReadModel.toSlot(Math.floor(asOfMs / 1000));
    const fromS = f.from ? KpiReadModel.toSlot(DateTime.fromISO(f.from, { zone: ZONE }).toSeconds()) : 0;
    const toS = f.to
      ? KpiReadModel.toSlot(DateTime.fromISO(f.to, { zone: ZONE }).plus({ days: 1 }).toSeconds())
      : Number.MAX_SAFE_INTEGER;
    const offices = await this.missions.list({});
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
      selects: (i: number) => {
        const d = m.disposition[i];
        return d !== 0 && allowed[m.mission[i]] === 1 && d >= fromS && d < toS && d <= asOfS;
      },
    };
  }
}

/** 1 met, -1 breached, 0 not decided yet (or not measured), as of `asOf` (slot seconds). */
function clockAsOf(due: number, at: number, asOf: number): 1 | -1 | 0 {
  if (due === 0) return 0;
  const done = at !== 0 && at <= asOf;
  if (done) return at <= due ? 1 : -1;
  return due <= asOf ? -1 : 0;
}

function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Linear interpolation between closest ranks (PostgreSQL's percentile_cont). */
function percentile(sorted: Float64Array, p: number): number | null {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo));
}

import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { MissionsService } from '../missions/missions.service';
import { regionOf } from '../missions/regions';
import { KpiReadModel } from './kpi-read-model';
import { percentiles } from './order-statistics';

const DAY_S = 86_400;
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
    // Per office, and per disposition month, additive figures; regions and the total are their sums.
    const { rows, n } = ctx.rows();
    const { g, months, byStatus, byClass, byCategory, within, ageSum, oldest, followedRows, followedN } =
      scanKpi(m, rows, n, asOfS, M);
    const { mission, fuDays, fuWorkingDays } = m;
    // Offices in region order, so each region's values lie together after its offices'.
    const regionNames = [...new Set(m.missions.values.map((_, k) => ctx.regionOf(k)))].sort();
    const regionIdx = Int32Array.from(m.missions.values, (_, k) => regionNames.indexOf(ctx.regionOf(k)));
    const order = [...Array(M).keys()].sort((a, b) => regionIdx[a] - regionIdx[b] || a - b);
    const days = segments(order, g.followed, 0);
    const work = segments(order, g.working, 1);
    for (let r = 0; r < followedN; r++) {
      const i = followedRows[r];
      const mi = mission[i];
      days.values[days.cursor[mi]++] = fuDays[i];
      const w = fuWorkingDays[i];
      if (w === w) work.values[work.cursor[mi]++] = w;
    }
    const pct = (n: number, met: number) => (n ? round((100 * met) / n, 1) : null);
    const figures = (
      ks: number[],
      dayRange: [number, number],
      workRange: [number, number],
    ): FollowUpFigures => {
      const sum = (a: Float64Array | Int32Array) => ks.reduce((t, k) => t + a[k], 0);
      const followed = sum(g.followed);
      const working = sum(g.working);
      const [medianD, p90D] = percentiles(days.values, dayRange[0], dayRange[1], [0.5, 0.9]);
      const [medianW, p90W] = percentiles(work.values, workRange[0], workRange[1], [0.5, 0.9]);
      return {
        count: sum(g.count),
        followedUp: followed,
        avgFollowUpDays: followed ? round(sum(g.sumDays) / followed) : null,
        medianFollowUpDays: roundOrNull(medianD),
        p90FollowUpDays: roundOrNull(p90D),
        avgFollowUpWorkingDays: working ? round(sum(g.sumWorking) / working) : null,
        medianFollowUpWorkingDays: roundOrNull(medianW),
        p90FollowUpWorkingDays: roundOrNull(p90W),
        withinSlaPct: pct(sum(g.fuDecided), sum(g.fuMet)),
        open: sum(g.open),
        breached: sum(g.breached),
      };
    };
    // Offices first (selection reorders only inside each office's range), then regions, then all.
    const byMission = order
      .filter((k) => g.count[k] > 0)
      .map((k) => {
        const code = m.missions.get(k);
        return {
          missionCode: code,
          missionName: ctx.nameOf(code),
          region: ctx.regionOf(k),
          ...figures([k], days.range(k), work.range(k)),
        };
      })
      .sort((a, b) => (a.missionCode ?? '').localeCompare(b.missionCode ?? ''));
    const byRegion = regionNames
      .map((region, r) => {
        const ks = order.filter((k) => regionIdx[k] === r);
        return { region, ks };
      })
      .filter(({ ks }) => ks.some((k) => g.count[k] > 0))
      .map(({ region, ks }) => ({ region, ...figures(ks, days.span(ks), work.span(ks)) }));
    const total = figures(order, [0, days.total], [0, work.total]);

    const byMonth: KpiReport['byMonth'] = [];
    for (let k = 0; k < MONTHS; k++)
      if (months.count[k])
        byMonth.push({
          month: KpiReadModel.monthLabel(k),
          count: months.count[k],
          followedUp: months.followed[k],
          avgFollowUpDays: months.followed[k] ? round(months.sumDays[k] / months.followed[k]) : null,
          avgFollowUpWorkingDays: months.working[k] ? round(months.sumWorking[k] / months.working[k]) : null,
          withinSlaPct: pct(months.fuDecided[k], months.fuMet[k]),
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
      byStatus: named(byStatus, m.statuses, 'unknown'),
      byClassification: named(byClass, m.classifications, 'unclassified'),
      byCategory: [...byCategory]
        .map((count, k) => ({ category: m.categories.get(k), count }))
        .filter((c) => c.count > 0)
        .sort((a, b) => b.count - a.count),
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
      total: row(k, null, 'Kementerian Luar Negeri (semua perwakilan)', 'Semua', resolvedTotal),
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

/**
 * The KPI report's one pass over the selected slots (a plain function, with every column in a local,
 * so V8 compiles it to a tight loop): additive figures per office and per month, the counts, and the
 * followed-up slots for the percentiles.
 */
function scanKpi(m: KpiReadModel, rows: Int32Array, n: number, asOfS: number, M: number) {
  const g = groups(M);
  const months = groups(MONTHS);
  const byStatus = new Int32Array(m.statuses.values.length + 1);
  const byClass = new Int32Array(m.classifications.values.length + 1);
  const byCategory = new Int32Array(m.categories.values.length + 1);
  const within = new Int32Array(6); // [ack decided, ack met, fu decided, fu met, done decided, done met]
  const {
    count: gCount,
    followed: gFollowed,
    working: gWorking,
    sumDays: gSumDays,
    sumWorking: gSumWorking,
    fuDecided: gFuDecided,
    fuMet: gFuMet,
    open: gOpen,
    breached: gBreached,
  } = g;
  const {
    count: moCount,
    followed: moFollowed,
    working: moWorking,
    sumDays: moSumDays,
    sumWorking: moSumWorking,
    fuDecided: moFuDecided,
    fuMet: moFuMet,
  } = months;
  let ageSum = 0;
  let oldest = 0;
  // The followed-up rows, for the percentiles.
  const followedRows = scratchInt(1, m.count);
  let followedN = 0;
  const { mission, month, fuAt: fuAtCol, fuDue, fuDays, fuWorkingDays, ackDue, ackAt } = m;
  const {
    completionDue,
    completedAt,
    closed: closedCol,
    received,
    disposition,
    status,
    classification,
    category,
  } = m;
  for (let r = 0; r < n; r++) {
    const i = rows[r];
    const mi = mission[i];
    const mo = month[i];
    gCount[mi]++;
    moCount[mo]++;
    const fuAt = fuAtCol[i];
    if (fuAt !== 0 && fuAt <= asOfS) {
      followedRows[followedN++] = i;
      const d = fuDays[i];
      const w = fuWorkingDays[i];
      gFollowed[mi]++;
      gSumDays[mi] += d;
      moFollowed[mo]++;
      moSumDays[mo] += d;
      if (w === w) {
        gWorking[mi]++;
        gSumWorking[mi] += w;
        moWorking[mo]++;
        moSumWorking[mo] += w;
      }
    }
    const fu = clockAsOf(fuDue[i], fuAt, asOfS);
    if (fu !== 0) {
      gFuDecided[mi]++;
      moFuDecided[mo]++;
      within[2]++;
      if (fu === 1) {
        gFuMet[mi]++;
        moFuMet[mo]++;
        within[3]++;
      }
    }
    const ack = clockAsOf(ackDue[i], ackAt[i], asOfS);
    if (ack !== 0) {
      within[0]++;
      if (ack === 1) within[1]++;
    }
    const done = clockAsOf(completionDue[i], completedAt[i], asOfS);
    if (done !== 0) {
      within[4]++;
      if (done === 1) within[5]++;
    }
    const closed = closedCol[i];
    if (received[i] <= asOfS && (closed === 0 || closed > asOfS)) {
      gOpen[mi]++;
      const age = asOfS - disposition[i];
      ageSum += age;
      if (age > oldest) oldest = age;
      if (ack === -1 || fu === -1 || done === -1) gBreached[mi]++;
    }
    byStatus[status[i]]++;
    byClass[classification[i]]++;
    byCategory[category[i]]++;
  }
  return { g, months, byStatus, byClass, byCategory, within, ageSum, oldest, followedRows, followedN };
}

/** Months since 2000-01 that a report can group by (to 2099). */
const MONTHS = 1200;

/** Additive figures per group (an office, or a month). */
function groups(n: number) {
  return {
    count: new Int32Array(n),
    followed: new Int32Array(n),
    working: new Int32Array(n),
    sumDays: new Float64Array(n),
    sumWorking: new Float64Array(n),
    fuDecided: new Int32Array(n),
    fuMet: new Int32Array(n),
    open: new Int32Array(n),
    breached: new Int32Array(n),
  };
}

/**
 * One array of values laid out office after office, in `order`: `cursor[k]` fills office k's range;
 * `range(k)` and `span(ks)` (consecutive offices of `order`) give the bounds afterwards.
 */
/**
 * Scratch buffers reused across reports (a report allocates none of its million-slot arrays anew, so
 * the collector has little to do). Reports run one at a time on the event loop; each caller asks for
 * a buffer of its own `slot`, valid until the next report.
 */
const SCRATCH_INT: Int32Array[] = [];
const SCRATCH_FLOAT: Float64Array[] = [];
function scratchInt(slot: number, size: number): Int32Array {
  if (!SCRATCH_INT[slot] || SCRATCH_INT[slot].length < size)
    SCRATCH_INT[slot] = new Int32Array(Math.max(size, 1024) * 1.25);
  return SCRATCH_INT[slot];
}
function scratchFloat(slot: number, size: number): Float64Array {
  if (!SCRATCH_FLOAT[slot] || SCRATCH_FLOAT[slot].length < size)
    SCRATCH_FLOAT[slot] = new Float64Array(Math.max(size, 1024) * 1.25);
  return SCRATCH_FLOAT[slot];
}

function segments(order: number[], counts: Int32Array, slot: number) {
  const start = new Int32Array(counts.length);
  let at = 0;
  for (const k of order) {
    start[k] = at;
    at += counts[k];
  }
  return {
    values: scratchFloat(slot, at),
    cursor: Int32Array.from(start),
    total: at,
    range: (k: number): [number, number] => [start[k], start[k] + counts[k]],
    span: (ks: number[]): [number, number] =>
      ks.length ? [start[ks[0]], start[ks[ks.length - 1]] + counts[ks[ks.length - 1]]] : [0, 0],
  };
}

function roundOrNull(v: number | null): number | null {
  return v === null ? null : round(v);
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

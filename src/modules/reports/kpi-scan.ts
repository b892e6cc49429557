import type { KpiReadModel } from './kpi-read-model';

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

/** Months since 2000-01 that a report can group by (to 2099). */
export const MONTHS = 1200;

/** Additive figures per group (an office, a category or a month). */
export function groups(n: number) {
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
export type Groups = ReturnType<typeof groups>;

/**
 * The KPI report's one pass over the selected slots (a plain function, with every column in a local,
 * so V8 compiles it to a tight loop): additive figures per office, per category and per month, the
 * counts, and the followed-up slots for the percentiles. No allocation inside the loop.
 */
export function scanKpi(m: KpiReadModel, rows: Int32Array, n: number, asOfS: number, M: number) {
  const g = groups(M);
  const cats = groups(m.categories.values.length + 1);
  const months = groups(MONTHS);
  const byStatus = new Int32Array(m.statuses.values.length + 1);
  const byClass = new Int32Array(m.classifications.values.length + 1);
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
    count: caCount,
    followed: caFollowed,
    working: caWorking,
    sumDays: caSumDays,
    sumWorking: caSumWorking,
    fuDecided: caFuDecided,
    fuMet: caFuMet,
    open: caOpen,
    breached: caBreached,
  } = cats;
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
    const ca = category[i];
    const mo = month[i];
    gCount[mi]++;
    caCount[ca]++;
    moCount[mo]++;
    const fuAt = fuAtCol[i];
    if (fuAt !== 0 && fuAt <= asOfS) {
      followedRows[followedN++] = i;
      const d = fuDays[i];
      const w = fuWorkingDays[i];
      gFollowed[mi]++;
      gSumDays[mi] += d;
      caFollowed[ca]++;
      caSumDays[ca] += d;
      moFollowed[mo]++;
      moSumDays[mo] += d;
      if (w === w) {
        gWorking[mi]++;
        gSumWorking[mi] += w;
        caWorking[ca]++;
        caSumWorking[ca] += w;
        moWorking[mo]++;
        moSumWorking[mo] += w;
      }
    }
    const fu = clockAsOf(fuDue[i], fuAt, asOfS);
    if (fu !== 0) {
      gFuDecided[mi]++;
      caFuDecided[ca]++;
      moFuDecided[mo]++;
      within[2]++;
      if (fu === 1) {
        gFuMet[mi]++;
        caFuMet[ca]++;
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
      caOpen[ca]++;
      const age = asOfS - disposition[i];
      ageSum += age;
      if (age > oldest) oldest = age;
      if (ack === -1 || fu === -1 || done === -1) {
        gBreached[mi]++;
        caBreached[ca]++;
      }
    }
    byStatus[status[i]]++;
    byClass[classification[i]]++;
  }
  return { g, cats, months, byStatus, byClass, within, ageSum, oldest, followedRows, followedN };
}

/**
 * The figures of offices (or categories, or months) `ks` of `grp` together; their median and p90 are
 * group `g`'s in `days` and `work` (from kpiPercentiles: `[median, p90]` at `2g`, NaN = none).
 */
export function followUpFigures(
  grp: Groups,
  ks: readonly number[],
  days: Float64Array,
  work: Float64Array,
  g: number,
): FollowUpFigures {
  const sum = (a: Float64Array | Int32Array) => ks.reduce((t, k) => t + a[k], 0);
  const followed = sum(grp.followed);
  const working = sum(grp.working);
  return {
    count: sum(grp.count),
    followedUp: followed,
    avgFollowUpDays: followed ? round(sum(grp.sumDays) / followed) : null,
    medianFollowUpDays: roundOrNull(days[2 * g]),
    p90FollowUpDays: roundOrNull(days[2 * g + 1]),
    avgFollowUpWorkingDays: working ? round(sum(grp.sumWorking) / working) : null,
    medianFollowUpWorkingDays: roundOrNull(work[2 * g]),
    p90FollowUpWorkingDays: roundOrNull(work[2 * g + 1]),
    withinSlaPct: pct(sum(grp.fuDecided), sum(grp.fuMet)),
    open: sum(grp.open),
    breached: sum(grp.breached),
  };
}

/**
 * Scratch buffers reused across reports (a report allocates none of its million-slot arrays anew, so
 * the collector has little to do). Reports run one at a time on the event loop; each caller asks for
 * a buffer of its own `slot`, valid until the next report.
 */
const SCRATCH_INT: Int32Array[] = [];
export function scratchInt(slot: number, size: number): Int32Array {
  if (!SCRATCH_INT[slot] || SCRATCH_INT[slot].length < size)
    SCRATCH_INT[slot] = new Int32Array(Math.max(size, 1024) * 1.25);
  return SCRATCH_INT[slot];
}
/** 1 met, -1 breached, 0 not decided yet (or not measured), as of `asOf` (slot seconds). */
export function clockAsOf(due: number, at: number, asOf: number): 1 | -1 | 0 {
  if (due === 0) return 0;
  const done = at !== 0 && at <= asOf;
  if (done) return at <= due ? 1 : -1;
  return due <= asOf ? -1 : 0;
}

/** A percentage with one decimal; null when nothing was decided. */
export function pct(n: number, met: number): number | null {
  return n ? round((100 * met) / n, 1) : null;
}

export function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** NaN (no value) as null. */
function roundOrNull(v: number): number | null {
  return v === v ? round(v) : null;
}

import { endianness } from 'node:os';
import { select } from './order-statistics';

/** Buckets per group: 16 per octave from 2^-20 up to about 2^12 (days), the rest at both ends. */
const BUCKETS = 512;
/** A double's high word holds the exponent from bit 20: shifting by 16 keeps 4 mantissa bits (16 per octave). */
const SHIFT = 16;
/** The high word of 2^-20 (under 0.1 s, in days): it, and everything smaller or negative, share bucket 0. */
const LOW = (1023 - 20) << 20;
/** Which 32-bit half of a double holds its sign and exponent. */
const HIGH_WORD = endianness() === 'LE' ? 1 : 0;
const PS = [0.5, 0.9] as const;

/** The groupings of the KPI report, by slot: office, its region, all, category, disposition month. */
export interface KpiGroupKeys {
  mission: Uint16Array;
  /** Office id → region index. */
  regionOf: Int32Array;
  category: Uint16Array;
  month: Uint16Array;
  /** Disposition month key → index among the report's months; only months with a selected slot are read. */
  monthIdx: Int32Array;
  offices: number;
  regions: number;
  categories: number;
  months: number;
}

/** Where each grouping's groups start among all groups: offices, regions, the total, categories, months. */
export function groupBases(k: KpiGroupKeys) {
  const region = k.offices;
  const total = region + k.regions;
  const category = total + 1;
  const month = category + k.categories;
  return { region, total, category, month, size: month + k.months };
}

/**
 * The median and the 90th percentile of a column's values for every group of the KPI report at once
 * (each office, region, category and disposition month, and all), exactly as PostgreSQL's
 * percentile_cont: `[median, p90]` of group g at `2g`, `2g + 1`; NaN for a group without values.
 * Values that are NaN (a working-days figure not computed) are left out.
 *
 * Two passes over the slots and no reordering of the column: the first counts each group's values
 * per bucket of a fixed, order-keeping bucketing of doubles (from the float's high word), and the
 * counts tell, for each group and percentile, the bucket or two that hold the ranks wanted; the
 * second copies only those buckets' values into a small buffer, where selection finds the exact
 * values. With five groupings this costs about half of a selection over every group's values.
 */
export function kpiPercentiles(
  col: Float64Array,
  rows: Int32Array,
  n: number,
  keys: KpiGroupKeys,
): Float64Array {
  const at = groupBases(keys);
  const G = at.size;
  const B = BUCKETS;
  const hist = scratchInt(0, G * B);
  hist.fill(0, 0, G * B);
  const high = new Int32Array(col.buffer, col.byteOffset, col.length * 2);
  const { mission, category, month, monthIdx, regionOf } = keys;
  const catBase = at.category * B;
  const monthBase = at.month * B;
  // Pass 1: counts per office, category and month; regions and the total are sums of offices.
  for (let r = 0; r < n; r++) {
    const i = rows[r];
    if (col[i] !== col[i]) continue;
    const b = bucketOf(high[2 * i + HIGH_WORD]);
    hist[mission[i] * B + b]++;
    hist[catBase + category[i] * B + b]++;
    hist[monthBase + monthIdx[month[i]] * B + b]++;
  }
  const totalBase = at.total * B;
  for (let o = 0; o < keys.offices; o++) {
    const regionBase = (at.region + regionOf[o]) * B;
    for (let b = 0; b < B; b++) {
      const c = hist[o * B + b];
      hist[regionBase + b] += c;
      hist[totalBase + b] += c;
    }
  }

  // For each group and percentile: the buckets [from, to] holding the ranks k and k + 1 (when
  // interpolating), marked in `wanted` (bit 0 median, bit 1 p90); their values go to one range of `cand`.
  const wanted = scratchByte(G * B);
  wanted.fill(0, 0, G * B);
  const start = scratchInt(1, 2 * G);
  const cursor = scratchInt(2, 2 * G);
  const rank = scratchInt(3, 2 * G);
  const frac = new Float64Array(2 * G);
  let size = 0;
  for (let g = 0; g < G; g++) {
    let count = 0;
    for (let b = 0; b < B; b++) count += hist[g * B + b];
    for (let w = 0; w < 2; w++) {
      const x = 2 * g + w;
      start[x] = cursor[x] = size;
      rank[x] = -1;
      if (!count) continue;
      const pos = (count - 1) * PS[w];
      const k = Math.floor(pos);
      const k2 = pos > k ? k + 1 : k;
      let seen = 0;
      let before = 0;
      let from = -1;
      let b = 0;
      for (; b < B; b++) {
        const c = hist[g * B + b];
        if (from < 0 && seen + c > k) {
          from = b;
          before = seen;
        }
        seen += c;
        if (seen > k2) break;
      }
      for (let j = from; j <= b; j++) wanted[g * B + j] |= 1 << w;
      rank[x] = k - before;
      frac[x] = pos - k;
      size += seen - before;
    }
  }

  // Pass 2: the wanted buckets' values, group by group.
  const cand = scratchFloat(size);
  for (let r = 0; r < n; r++) {
    const i = rows[r];
    const v = col[i];
    if (v !== v) continue;
    const b = bucketOf(high[2 * i + HIGH_WORD]);
    const mi = mission[i];
    collect(wanted, cand, cursor, mi, b, v);
    collect(wanted, cand, cursor, at.region + regionOf[mi], b, v);
    collect(wanted, cand, cursor, at.total, b, v);
    collect(wanted, cand, cursor, at.category + category[i], b, v);
    collect(wanted, cand, cursor, at.month + monthIdx[month[i]], b, v);
  }

  // The k-th smallest of each range, and the next one up when interpolating (as percentile_cont).
  const out = new Float64Array(2 * G).fill(NaN);
  for (let x = 0; x < 2 * G; x++) {
    if (rank[x] < 0) continue;
    const lo = start[x];
    const end = cursor[x];
    const k = lo + rank[x];
    select(cand, lo, end - 1, k);
    const lowV = cand[k];
    let highV = lowV;
    if (frac[x] > 0) {
      highV = Infinity;
      for (let j = k + 1; j < end; j++) if (cand[j] < highV) highV = cand[j];
    }
    out[x] = lowV + (highV - lowV) * frac[x];
  }
  return out;
}

/** The bucket of a double, from its high word (as a signed int: negative values sort first). */
function bucketOf(high: number): number {
  if (high < LOW) return 0;
  const b = ((high - LOW) >> SHIFT) + 1;
  return b < BUCKETS ? b : BUCKETS - 1;
}

function collect(
  wanted: Uint8Array,
  cand: Float64Array,
  cursor: Int32Array,
  g: number,
  b: number,
  v: number,
): void {
  const w = wanted[g * BUCKETS + b];
  if (w === 0) return;
  if (w & 1) cand[cursor[2 * g]++] = v;
  if (w & 2) cand[cursor[2 * g + 1]++] = v;
}

/**
 * Scratch buffers reused across reports (reports run one at a time on the event loop), so a report
 * allocates no large array anew; each is valid until the next call.
 */
const INTS: Int32Array[] = [];
let BYTES = new Uint8Array(0);
let FLOATS = new Float64Array(0);
function scratchInt(slot: number, size: number): Int32Array {
  if (!INTS[slot] || INTS[slot].length < size) INTS[slot] = new Int32Array(Math.max(size, 1024) * 1.25);
  return INTS[slot];
}
function scratchByte(size: number): Uint8Array {
  if (BYTES.length < size) BYTES = new Uint8Array(Math.max(size, 1024) * 1.25);
  return BYTES;
}
/** Kept up to 8 MB: values piled into few buckets (e.g. many zeros) need a larger one, for that call only. */
const FLOATS_KEPT = 1 << 20;
function scratchFloat(size: number): Float64Array {
  if (size > FLOATS_KEPT) return new Float64Array(size);
  if (FLOATS.length < size) FLOATS = new Float64Array(Math.min(Math.max(size, 1024) * 1.25, FLOATS_KEPT));
  return FLOATS;
}

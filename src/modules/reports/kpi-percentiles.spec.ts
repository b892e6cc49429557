import fc from 'fast-check';
import { groupBases, kpiPercentiles, type KpiGroupKeys } from './kpi-percentiles';

/** The reference: sort, then interpolate between the closest ranks (PostgreSQL's percentile_cont). */
function byFullSort(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((x, y) => x - y);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}

/** Follow-up times as they come: continuous, whole days, zeros, tiny, negative, far outliers, unknown. */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 30, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 1.7, 2, 5, 14) },
  { weight: 1, arbitrary: fc.double({ min: -2, max: 1e-6, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 30, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);

describe('kpiPercentiles (bucketed exact selection for every grouping at once)', () => {
  it('equals a full sort per office, region, total, category and month, leaving out unknown values', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            v: value,
            office: fc.integer({ min: 0, max: 5 }),
            category: fc.integer({ min: 0, max: 3 }),
            month: fc.constantFrom(7, 8, 300),
            selected: fc.boolean(),
          }),
          { maxLength: 400 },
        ),
        (slots) => {
          const regionOfOffice = [0, 1, 0, 2, 1, 0];
          const months = [7, 8, 300];
          const monthIdx = new Int32Array(1200);
          months.forEach((k, j) => (monthIdx[k] = j));
          const keys: KpiGroupKeys = {
            mission: Uint16Array.from(slots, (s) => s.office),
            regionOf: Int32Array.from(regionOfOffice),
            category: Uint16Array.from(slots, (s) => s.category),
            month: Uint16Array.from(slots, (s) => s.month),
            monthIdx,
            offices: 6,
            regions: 3,
            categories: 4,
            months: 3,
          };
          const rows = Int32Array.from(slots.flatMap((s, i) => (s.selected ? [i] : [])));
          const got = kpiPercentiles(
            Float64Array.from(slots, (s) => s.v),
            rows,
            rows.length,
            keys,
          );
          const at = groupBases(keys);
          const expectGroup = (g: number, member: (s: (typeof slots)[number]) => boolean) => {
            const vs = slots.filter((s) => s.selected && member(s) && !Number.isNaN(s.v)).map((s) => s.v);
            expect([got[2 * g], got[2 * g + 1]]).toEqual([byFullSort(vs, 0.5), byFullSort(vs, 0.9)]);
          };
          for (let o = 0; o < 6; o++) expectGroup(o, (s) => s.office === o);
          for (let r = 0; r < 3; r++) expectGroup(at.region + r, (s) => regionOfOffice[s.office] === r);
          expectGroup(at.total, () => true);
          for (let c = 0; c < 4; c++) expectGroup(at.category + c, (s) => s.category === c);
          months.forEach((k, j) => expectGroup(at.month + j, (s) => s.month === k));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the hand-checked figures of the KPI e2e history', () => {
    // Follow-up days 2.25, 3, 8 in one office: median 3; p90 at rank 1.8 → 3 + 0.8 × 5 = 7.
    const keys: KpiGroupKeys = {
      mission: new Uint16Array(3),
      regionOf: new Int32Array(1),
      category: new Uint16Array(3),
      month: Uint16Array.from([310, 310, 310]),
      monthIdx: new Int32Array(1200),
      offices: 1,
      regions: 1,
      categories: 1,
      months: 1,
    };
    const got = kpiPercentiles(Float64Array.from([2.25, 3, 8]), Int32Array.from([0, 1, 2]), 3, keys);
    expect([...got]).toEqual([3, 7, 3, 7, 3, 7, 3, 7, 3, 7]);
  });
});

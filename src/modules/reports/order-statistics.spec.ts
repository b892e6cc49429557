import fc from 'fast-check';
import { percentiles } from './order-statistics';

/** The reference: sort, then interpolate between the closest ranks (PostgreSQL's percentile_cont). */
function byFullSort(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

describe('percentiles (quickselect)', () => {
  it('gives percentile_cont on small hand-checked cases', () => {
    // [2.25, 3, 8]: median 3; p90 at rank 1.8 → 3 + 0.8 × 5 = 7.
    expect(percentiles(Float64Array.from([8, 2.25, 3]), 0, 3, [0.5, 0.9])).toEqual([3, 7]);
    // Even count: median halfway between 2 and 3.
    expect(percentiles(Float64Array.from([4, 1, 3, 2]), 0, 4, [0.5])).toEqual([2.5]);
    expect(percentiles(Float64Array.from([5]), 0, 1, [0.5, 0.9])).toEqual([5, 5]);
    expect(percentiles(new Float64Array(0), 0, 0, [0.5])).toEqual([null]);
  });

  it('works on a segment and leaves the rest of the array alone', () => {
    const a = Float64Array.from([100, 9, 1, 5, 3, 7, -100]);
    const [median, p90] = percentiles(a, 1, 6, [0.5, 0.9]);
    expect(median).toBe(5);
    expect(p90).toBeCloseTo(8.2, 10); // rank 3.6: 7 + 0.6 × 2
    expect([a[0], a[6]]).toEqual([100, -100]);
    expect([...a.slice(1, 6)].sort((x, y) => x - y)).toEqual([1, 3, 5, 7, 9]);
  });

  it('equals a full sort for any values, duplicates included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 60, noNaN: true }), fc.constantFrom(0, 1, 1.5, 5)), {
          maxLength: 300,
        }),
        (values) => {
          const got = percentiles(Float64Array.from(values), 0, values.length, [0.5, 0.9]);
          expect(got).toEqual([byFullSort(values, 0.5), byFullSort(values, 0.9)]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals a full sort on large arrays too (where the selection narrows to a sample first)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 601, max: 20_000 }), fc.integer(), (n, seed) => {
        let x = seed | 0;
        const values = Array.from({ length: n }, () => {
          x = (Math.imul(x, 1103515245) + 12345) | 0;
          return ((x >>> 8) % 10_000) / 1000; // 0 … 9.999, with duplicates
        });
        const got = percentiles(Float64Array.from(values), 0, n, [0.5, 0.9]);
        expect(got).toEqual([byFullSort(values, 0.5), byFullSort(values, 0.9)]);
      }),
      { numRuns: 40 },
    );
  });
});

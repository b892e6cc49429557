/**
 * Percentiles of segments of a Float64Array without sorting them: selection finds the k-th smallest
 * in linear time on average. The reports take medians
 * and p90 of up to a million follow-up times per request; a full sort of each group would cost
 * several times more. Selection reorders the segment in place.
 */

/**
 * Places the k-th smallest of a[lo..hi] (inclusive) at a[k]: smaller ones before it, larger after.
 * Floyd–Rivest selection (as in d3-array's quickselect): on large ranges it first narrows to a sample
 * around the expected position, so it makes about 1.5 n comparisons where a plain quickselect makes 3 n.
 */
export function select(a: Float64Array, lo: number, hi: number, k: number): void {
  let left = lo;
  let right = hi;
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(a, newLeft, newRight, k);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Percentiles p (ascending, 0..1) of a[start, end), each interpolated linearly between the closest
 * ranks (PostgreSQL's percentile_cont). Reorders the segment. Null for an empty segment.
 */
export function percentiles(
  a: Float64Array,
  start: number,
  end: number,
  ps: readonly number[],
): (number | null)[] {
  const n = end - start;
  if (n <= 0) return ps.map(() => null);
  const out: number[] = [];
  let floor = start; // everything before `floor` is known to be ≤ what follows
  for (const p of ps) {
    const pos = (n - 1) * p;
    const k = start + Math.floor(pos);
    select(a, floor, end - 1, k);
    const lowV = a[k];
    let highV = lowV;
    if (pos > Math.floor(pos)) {
      highV = Infinity;
      for (let i = k + 1; i < end; i++) if (a[i] < highV) highV = a[i];
    }
    out.push(lowV + (highV - lowV) * (pos - Math.floor(pos)));
    floor = k;
  }
  return out;
}

import { backfillRangeErrors, rangeDays } from './backfill-range';

describe('backfill range', () => {
  const now = new Date('2026-06-15T05:00:00Z');

  it('accepts real dates in order, up to a year, not after today', () => {
    expect(backfillRangeErrors({ from: '2025-06-15', to: '2026-06-15' }, now)).toEqual([]);
    expect(rangeDays({ from: '2025-06-15', to: '2026-06-15' })).toBe(366);
    expect(rangeDays({ from: '2026-03-01', to: '2026-03-01' })).toBe(1);
  });

  it('names each wrong field', () => {
    expect(backfillRangeErrors({ from: '2026-02-30', to: 'yesterday' }, now)).toEqual([
      { field: 'from', message: 'must be a real date written yyyy-mm-dd' },
      { field: 'to', message: 'must be a real date written yyyy-mm-dd' },
    ]);
    expect(backfillRangeErrors({ from: '2026-03-02', to: '2026-03-01' }, now)).toEqual([
      { field: 'to', message: 'must be the same day as from or later' },
    ]);
    expect(backfillRangeErrors({ from: '2025-01-01', to: '2026-01-02' }, now)).toEqual([
      { field: 'to', message: 'the range may cover at most 366 days' },
    ]);
    expect(backfillRangeErrors({ from: '2026-06-01', to: '2026-06-16' }, now)).toEqual([
      { field: 'to', message: 'must not be after today (2026-06-15, WIB)' },
    ]);
  });
});

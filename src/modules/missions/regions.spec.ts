import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { MissionType } from './mission.entity';
import { regionOf } from './regions';

describe('regionOf', () => {
  it('places every mission of the directory in a region (none falls to "Lainnya")', () => {
    const rows: { code: string; type: MissionType; country_iso2: string }[] = parse(
      readFileSync(join(__dirname, '../../../config/data/missions.csv')),
      { columns: true },
    );
    const unplaced = rows.filter(
      (r) => regionOf({ type: r.type, countryIso2: r.country_iso2 }) === 'Lainnya',
    );
    expect(unplaced.map((r) => r.code)).toEqual([]);
  });

  it('follows the ministry split: Tokyo in East Asia, Cairo in the Middle East, Geneva PTRI multilateral, desks Pusat', () => {
    expect(regionOf({ type: 'KBRI', countryIso2: 'JP' })).toBe('Asia Timur dan Pasifik');
    expect(regionOf({ type: 'KBRI', countryIso2: 'EG' })).toBe('Timur Tengah');
    expect(regionOf({ type: 'KBRI', countryIso2: 'ZA' })).toBe('Afrika');
    expect(regionOf({ type: 'PTRI', countryIso2: 'CH' })).toBe('Multilateral');
    expect(regionOf({ type: 'HQ', countryIso2: 'ID' })).toBe('Pusat');
    expect(regionOf({ type: 'KJRI', countryIso2: 'us' })).toBe('Amerika');
  });
});

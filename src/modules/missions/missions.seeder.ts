import { Injectable, Logger } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { configPath } from '../../core/config/project-root';
import { ADVISORY_LOCKS } from '../../core/database/advisory-locks';

/** config/data/missions.csv, copied from shared/data/missions.csv (see config/README.md for sources). */
export const MISSIONS_CSV = configPath('data', 'missions.csv');

interface MissionRow {
  code: string;
  name: string;
  type: string;
  city: string;
  country_iso2: string;
  timezone: string;
  weekend: string;
  jurisdiction_countries_iso2: string;
  notes: string;
}

/** Seeded columns; an admin's edit of any of them is kept on the next seed. */
const SEEDED = [
  'name',
  'type',
  'city',
  'country_iso2',
  'timezone',
  'weekend_days',
  'jurisdiction_countries',
  'notes',
];

/**
 * Seeds the missions directory at boot. Idempotent: new rows are added, changed reference data is
 * applied, but a column an admin edited (listed in admin_edited_fields) is never overwritten.
 */
@Injectable()
export class MissionsSeeder {
  private readonly logger = new Logger(MissionsSeeder.name);

  constructor(private readonly dataSource: DataSource) {}

  static readCsv(path = MISSIONS_CSV): MissionRow[] {
    // The data has a UTF-8 BOM in some editors' copies; bom: true strips it.
    return parse(readFileSync(path, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  }

  async seed(rows: MissionRow[] = MissionsSeeder.readCsv()): Promise<number> {
    const list = (v: string) =>
      v
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    const keep = (col: string) =>
      `${col} = CASE WHEN '${col}' = ANY(missions.admin_edited_fields) THEN missions.${col} ELSE EXCLUDED.${col} END`;
    await this.dataSource.transaction(async (m) => {
      // Replicas booting together seed one after the other, never interleaved.
      await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.seed]);
      for (const r of rows) {
        await m.query(
          `INSERT INTO missions (code, name, type, city, country_iso2, timezone, weekend_days, jurisdiction_countries, notes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (code) DO UPDATE SET ${SEEDED.map(keep).join(', ')}, updated_at = now()
           WHERE (missions.name, missions.type, missions.city, missions.country_iso2, missions.timezone,
                  missions.weekend_days, missions.jurisdiction_countries, missions.notes)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.city, EXCLUDED.country_iso2, EXCLUDED.timezone,
                  EXCLUDED.weekend_days, EXCLUDED.jurisdiction_countries, EXCLUDED.notes)`,
          [
            r.code,
            r.name,
            r.type,
            r.city,
            r.country_iso2,
            r.timezone,
            list(r.weekend).map(Number),
            list(r.jurisdiction_countries_iso2),
            r.notes || null,
          ],
        );
      }
    });
    this.logger.log(`missions directory seeded (${rows.length} offices)`);
    return rows.length;
  }
}

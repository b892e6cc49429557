import { Injectable, Logger } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { configPath } from '../../core/config/project-root';
import { ADVISORY_LOCKS } from '../../core/database/advisory-locks';
import type { MissionSubdivision } from './mission.entity';

/** config/data/missions.csv, copied from shared/data/missions.csv (see config/README.md for sources). */
export const MISSIONS_CSV = configPath('data', 'missions.csv');
/** Our own: the ministry desks inside hq-djpk for headquarters-only matters (config/README.md). */
export const DESKS_CSV = configPath('data', 'ministry-desks.csv');
/** config/data/mission-subdivisions.csv: the sub-national jurisdictions of shared countries. */
export const SUBDIVISIONS_CSV = configPath('data', 'mission-subdivisions.csv');

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
  /** Desks only: the office the desk belongs to. */
  parent_code?: string;
}

interface SubdivisionRow {
  country_iso2: string;
  subdivision_code: string;
  subdivision_name: string;
  aliases: string;
  mission_code: string;
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
  'parent_code',
  'subdivisions',
];

function splitList(v: string | undefined): string[] {
  return (v ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Seeds the missions directory at boot. Idempotent: new rows are added, changed reference data is
 * applied, but a column an admin edited (listed in admin_edited_fields) is never overwritten.
 */
@Injectable()
export class MissionsSeeder {
  private readonly logger = new Logger(MissionsSeeder.name);

  constructor(private readonly dataSource: DataSource) {}

  static readCsv<T = MissionRow>(path = MISSIONS_CSV): T[] {
    // The data has a UTF-8 BOM in some editors' copies; bom: true strips it.
    return parse(readFileSync(path, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  }

  /** The missions, then the desks (their parent must exist first). */
  static readDirectory(): MissionRow[] {
    return [...MissionsSeeder.readCsv(MISSIONS_CSV), ...MissionsSeeder.readCsv(DESKS_CSV)];
  }

  static readSubdivisions(path = SUBDIVISIONS_CSV): Map<string, MissionSubdivision[]> {
    const byMission = new Map<string, MissionSubdivision[]>();
    for (const r of MissionsSeeder.readCsv<SubdivisionRow>(path)) {
      const list = byMission.get(r.mission_code) ?? [];
      list.push({
        country: r.country_iso2,
        code: r.subdivision_code,
        name: r.subdivision_name,
        aliases: splitList(r.aliases),
      });
      byMission.set(r.mission_code, list);
    }
    return byMission;
  }

  async seed(
    rows: MissionRow[] = MissionsSeeder.readDirectory(),
    subdivisions: Map<string, MissionSubdivision[]> = MissionsSeeder.readSubdivisions(),
  ): Promise<number> {
    const list = splitList;
    const keep = (col: string) =>
      `${col} = CASE WHEN '${col}' = ANY(missions.admin_edited_fields) THEN missions.${col} ELSE EXCLUDED.${col} END`;
    await this.dataSource.transaction(async (m) => {
      // Replicas booting together seed one after the other, never interleaved.
      await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.seed]);
      for (const r of rows) {
        await m.query(
          `INSERT INTO missions (code, name, type, city, country_iso2, timezone, weekend_days, jurisdiction_countries,
                                notes, parent_code, subdivisions)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (code) DO UPDATE SET ${SEEDED.map(keep).join(', ')}, updated_at = now()
           WHERE (missions.name, missions.type, missions.city, missions.country_iso2, missions.timezone,
                  missions.weekend_days, missions.jurisdiction_countries, missions.notes, missions.parent_code,
                  missions.subdivisions)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.city, EXCLUDED.country_iso2, EXCLUDED.timezone,
                  EXCLUDED.weekend_days, EXCLUDED.jurisdiction_countries, EXCLUDED.notes, EXCLUDED.parent_code,
                  EXCLUDED.subdivisions)`,
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
            r.parent_code || null,
            JSON.stringify(subdivisions.get(r.code) ?? []),
          ],
        );
      }
    });
    this.logger.log(`missions directory seeded (${rows.length} offices)`);
    return rows.length;
  }
}

import { readFileSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { configPath } from '../../core/config/project-root';
import { ADVISORY_LOCKS } from '../../core/database/advisory-locks';
import { NATIONAL_SCOPE } from './holiday.entity';

/** config/data/holidays-id.csv, copied from shared/data/holidays-id.csv (see config/README.md for sources). */
export const HOLIDAYS_CSV = configPath('data', 'holidays-id.csv');
const SOURCE = 'seed:holidays-id.csv';

interface HolidayRow {
  date: string;
  kind: 'libur_nasional' | 'cuti_bersama';
  name: string;
  decree: string;
}

/**
 * Seeds the national calendar from config/data/holidays-id.csv (SKB 3 Menteri). Idempotent, and it
 * never brings back a day an admin changed: a (date, kind) that has any version — current or retired
 * — is left as the admins left it.
 */
@Injectable()
export class HolidaysSeeder {
  private readonly logger = new Logger(HolidaysSeeder.name);

  constructor(private readonly dataSource: DataSource) {}

  static readCsv(path = HOLIDAYS_CSV): HolidayRow[] {
    return parse(readFileSync(path, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  }

  async seed(rows: HolidayRow[] = HolidaysSeeder.readCsv()): Promise<number> {
    const added = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.seed]);
      const inserted: unknown[] = await m.query(
        `WITH r AS (
           SELECT * FROM unnest($1::date[], $2::text[], $3::text[]) AS r(date, kind, name)
         ), ins AS (
           INSERT INTO holidays (scope, date, kind, name, source, recorded_by)
           SELECT $4, r.date, r.kind, r.name, $5, 'system:seed' FROM r
           WHERE NOT EXISTS (SELECT 1 FROM holidays h WHERE h.scope = $4 AND h.date = r.date AND h.kind = r.kind)
           RETURNING id
         ) SELECT id FROM ins`,
        [rows.map((r) => r.date), rows.map((r) => r.kind), rows.map((r) => r.name), NATIONAL_SCOPE, SOURCE],
      );
      return inserted.length;
    });
    if (added) this.logger.log(`national calendar seeded (${added} new days of ${rows.length})`);
    return added;
  }
}

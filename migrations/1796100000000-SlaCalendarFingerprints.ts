import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `sla_clocks.calendar_fp`: the fingerprint of the calendar each clock was last computed on (its
 * zone, weekend and days off). The SLA sweep compares it with the calendars as they stand and
 * recomputes the complaints whose running clocks were computed on an older calendar: a mission's
 * weekend or time zone edited, holidays the boot seeder added, CUTI_BERSAMA_IS_HOLIDAY flipped between
 * restarts. Frozen (stopped) clocks are never recomputed, so closed cycles keep their figures.
 *
 * Nullable, no default: adding it is cheap. Existing running clocks have none, so the first sweep
 * after this migration recomputes the open complaints once.
 */
export class SlaCalendarFingerprints1796100000000 implements MigrationInterface {
  name = 'SlaCalendarFingerprints1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_clocks ADD COLUMN calendar_fp text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_clocks DROP COLUMN calendar_fp`);
  }
}

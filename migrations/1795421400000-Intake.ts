import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake: LAPOR!'s own classification code on complaints (the internal one may be unknown →
 * quarantine), when a complaint was quarantined and last re-read upstream, and the poll cursors.
 */
export class Intake1795421400000 implements MigrationInterface {
  name = 'Intake1795421400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaints ADD COLUMN lapor_classification_id text`);
    await q.query(`ALTER TABLE complaints ADD COLUMN lapor_classification_name text`);
    await q.query(`ALTER TABLE complaints ADD COLUMN quarantined_at timestamptz`);
    await q.query(`ALTER TABLE complaints ADD COLUMN upstream_checked_at timestamptz`);
    await q.query(
      `CREATE INDEX complaints_quarantined_idx ON complaints (quarantined_at) WHERE quarantine_reason IS NOT NULL`,
    );
    await q.query(`ALTER TABLE inbound_deliveries ADD COLUMN detail text`);
    await q.query(`
      CREATE TABLE poll_cursors (
        name text PRIMARY KEY,
        cursor_at timestamptz NOT NULL,
        run_id text,
        run_started_at timestamptz,
        last_success_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        items_seen bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE poll_cursors`);
    await q.query(`ALTER TABLE inbound_deliveries DROP COLUMN detail`);
    await q.query(`DROP INDEX complaints_quarantined_idx`);
    await q.query(`ALTER TABLE complaints DROP COLUMN upstream_checked_at`);
    await q.query(`ALTER TABLE complaints DROP COLUMN quarantined_at`);
    await q.query(`ALTER TABLE complaints DROP COLUMN lapor_classification_name`);
    await q.query(`ALTER TABLE complaints DROP COLUMN lapor_classification_id`);
  }
}

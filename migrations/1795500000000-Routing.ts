import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing: ministry desks inside a parent office (parent_code), each mission's sub-national
 * jurisdictions (from config/data/mission-subdivisions.csv), and the in-app notifications that
 * routing writes for the office a complaint reaches.
 */
export class Routing1795500000000 implements MigrationInterface {
  name = 'Routing1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE missions ADD COLUMN parent_code text REFERENCES missions (code)`);
    await q.query(`ALTER TABLE missions ADD COLUMN subdivisions jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        mission_code text NOT NULL REFERENCES missions (code),
        complaint_id uuid REFERENCES complaints (id),
        kind text NOT NULL,
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high', 'urgent')),
        payload jsonb NOT NULL DEFAULT '{}',
        dedupe_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_mission_idx ON notifications (mission_code, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`ALTER TABLE missions DROP COLUMN subdivisions`);
    await q.query(`ALTER TABLE missions DROP COLUMN parent_code`);
  }
}

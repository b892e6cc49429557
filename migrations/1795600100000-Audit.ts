import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: reads of secret reporters' identities and security actions (token issue and
 * revocation), with actor, time and correlation id. Append-only like complaint_events: it is
 * evidence, so the database refuses edits and deletions.
 */
export class Audit1795600100000 implements MigrationInterface {
  name = 'Audit1795600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor text NOT NULL,
        action text NOT NULL,
        complaint_id uuid,
        subject text,
        payload jsonb NOT NULL DEFAULT '{}',
        correlation_id text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT audit_log_complaint_id_fkey FOREIGN KEY (complaint_id) REFERENCES complaints (id)
      )`);
    // A complaint's audit trail, and the admin list filtered by time.
    await q.query(`CREATE INDEX audit_log_complaint_idx ON audit_log (complaint_id, id)`);
    await q.query(`CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE audit_log`);
  }
}

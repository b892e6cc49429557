import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reconciler (issue 6): each run compares complaints with LAPOR! and records what differs in
 * sync_drift — one open row per (LAPOR! id, kind, subject), so a drift seen by many runs stays one
 * row whose last_seen_at and last_run_id move, until a run no longer sees it (resolved_at). Details
 * hold ids and status names only, never reporter data or complaint text. reconcile_runs records each
 * run (queued by the scheduler or started by hand): when, whether it finished, what it counted, and
 * where the next run resumes its walk over the complaints.
 */
export class Drift1795700100000 implements MigrationInterface {
  name = 'Drift1795700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconcile_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL CONSTRAINT reconcile_runs_source_check CHECK (source IN ('schedule', 'manual')),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        ok boolean,
        error text,
        checked integer NOT NULL DEFAULT 0,
        errors integer NOT NULL DEFAULT 0,
        inbox_seen integer NOT NULL DEFAULT 0,
        found integer NOT NULL DEFAULT 0,
        repaired integer NOT NULL DEFAULT 0,
        resolved integer NOT NULL DEFAULT 0,
        resume_after uuid
      )`);
    // The scheduler's "is one queued or due?" and the status page's "last run" read the newest rows.
    await q.query(`CREATE INDEX reconcile_runs_created_at_idx ON reconcile_runs (created_at)`);
    await q.query(
      `CREATE INDEX reconcile_runs_started_at_idx ON reconcile_runs (started_at) WHERE started_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE sync_drift (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lapor_id text NOT NULL,
        complaint_id uuid CONSTRAINT sync_drift_complaint_id_fkey REFERENCES complaints (id),
        mission_code text,
        kind text NOT NULL CONSTRAINT sync_drift_kind_check
          CHECK (kind IN ('missing_locally', 'status_mismatch', 'followup_not_upstream')),
        subject text NOT NULL DEFAULT '',
        detail jsonb NOT NULL DEFAULT '{}',
        found_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        last_run_id uuid NOT NULL CONSTRAINT sync_drift_last_run_id_fkey REFERENCES reconcile_runs (id),
        repair text,
        repaired_at timestamptz,
        repairs integer NOT NULL DEFAULT 0,
        resolved_at timestamptz
      )`);
    // One open row per drift: a later run updates it instead of adding another.
    await q.query(
      `CREATE UNIQUE INDEX sync_drift_open_key ON sync_drift (lapor_id, kind, subject) WHERE resolved_at IS NULL`,
    );
    await q.query(`CREATE INDEX sync_drift_complaint_idx ON sync_drift (complaint_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sync_drift`);
    await q.query(`DROP TABLE reconcile_runs`);
  }
}

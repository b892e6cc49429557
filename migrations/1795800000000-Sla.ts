import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA engine (issue 7).
 *
 * - `holidays`: the calendars' editable, effective-dated days off. `scope` is `national` (the
 *   Indonesian calendar, seeded from config/data/holidays-id.csv) or a mission code (ad-hoc closures,
 *   and `workday` rows that cancel a host-country or national holiday for that mission). An edit never
 *   updates a row: it ends the current version (`valid_to`) and inserts the next, so what a calendar
 *   said at any time stays readable.
 * - `sla_clocks`: one row per complaint, cycle and clock (acknowledgement, first follow-up, completion)
 *   with its due time, elapsed working time, paused time and breach; `frozen` once stopped, after which
 *   a calendar edit never moves it. `next_alert_at` is when the sweep next has something to do.
 * - `sla_facts`: one narrow row per complaint with the figures the KPI reports read (first cycle's due
 *   and stop times, follow-up time in calendar and working days); `seq` moves on every write so report
 *   readers catch up with what changed since they last looked; `row_no` never changes, so a reader can
 *   keep each complaint in a fixed slot without a map of ids.
 * - `complaints.sla_dirty`: set by a trigger whenever a complaint's version moves (every status change,
 *   routing, transfer, escalation, upstream update), so the sweep recomputes exactly those complaints.
 */
export class Sla1795800000000 implements MigrationInterface {
  name = 'Sla1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holidays (
        id bigserial PRIMARY KEY,
        scope text NOT NULL,
        date date NOT NULL,
        kind text NOT NULL CONSTRAINT holidays_kind_check
          CHECK (kind IN ('libur_nasional', 'cuti_bersama', 'closure', 'workday')),
        name text NOT NULL,
        source text NOT NULL,
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_to timestamptz,
        recorded_by text NOT NULL,
        retired_by text
      )`);
    await q.query(
      `CREATE UNIQUE INDEX holidays_current_key ON holidays (scope, date, kind) WHERE valid_to IS NULL`,
    );
    await q.query(`CREATE INDEX holidays_date_idx ON holidays (date)`);

    await q.query(`
      CREATE TABLE sla_clocks (
        complaint_id uuid NOT NULL CONSTRAINT sla_clocks_complaint_id_fkey REFERENCES complaints (id),
        cycle integer NOT NULL,
        clock text NOT NULL CONSTRAINT sla_clocks_clock_check
          CHECK (clock IN ('acknowledgement', 'first_follow_up', 'completion')),
        mission_code text,
        calendar text NOT NULL CONSTRAINT sla_clocks_calendar_check CHECK (calendar IN ('national', 'mission', 'hours')),
        limit_value double precision NOT NULL,
        unit text NOT NULL CONSTRAINT sla_clocks_unit_check CHECK (unit IN ('working_days', 'hours')),
        started_at timestamptz NOT NULL,
        due_at timestamptz,
        warn_at timestamptz,
        double_at timestamptz,
        stopped_at timestamptz,
        met_at timestamptz,
        elapsed double precision NOT NULL DEFAULT 0,
        paused_ms bigint NOT NULL DEFAULT 0,
        state text NOT NULL CONSTRAINT sla_clocks_state_check
          CHECK (state IN ('running', 'paused', 'met', 'breached', 'cancelled')),
        breached_at timestamptz,
        imported boolean NOT NULL DEFAULT false,
        frozen boolean NOT NULL DEFAULT false,
        warned_at timestamptz,
        breach_notified_at timestamptz,
        escalated_level smallint NOT NULL DEFAULT 0,
        next_alert_at timestamptz,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (complaint_id, cycle, clock)
      )`);
    await q.query(
      `CREATE INDEX sla_clocks_next_alert_idx ON sla_clocks (next_alert_at) WHERE next_alert_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX sla_clocks_open_breach_idx ON sla_clocks (breached_at) WHERE breached_at IS NOT NULL AND stopped_at IS NULL`,
    );

    await q.query(`CREATE SEQUENCE sla_facts_seq`);
    await q.query(`
      CREATE TABLE sla_facts (
        complaint_id uuid PRIMARY KEY CONSTRAINT sla_facts_complaint_id_fkey REFERENCES complaints (id),
        row_no bigint GENERATED ALWAYS AS IDENTITY,
        seq bigint NOT NULL DEFAULT nextval('sla_facts_seq'),
        mission_code text,
        category_id text,
        classification text,
        priority text NOT NULL,
        status text NOT NULL,
        imported boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL,
        dispositioned_at timestamptz NOT NULL,
        closed_at timestamptz,
        ack_due_at timestamptz,
        acknowledged_at timestamptz,
        follow_up_due_at timestamptz,
        followed_up_at timestamptz,
        follow_up_days double precision,
        follow_up_working_days double precision,
        completion_due_at timestamptz,
        completed_at timestamptz,
        CONSTRAINT sla_facts_row_no_key UNIQUE (row_no)
      )`);
    await q.query(`CREATE UNIQUE INDEX sla_facts_seq_key ON sla_facts (seq)`);

    await q.query(`ALTER TABLE complaints ADD COLUMN sla_dirty boolean NOT NULL DEFAULT true`);
    await q.query(`CREATE INDEX complaints_sla_dirty_idx ON complaints (updated_at) WHERE sla_dirty`);
    await q.query(`
      CREATE FUNCTION complaints_mark_sla_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.sla_dirty := true;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER complaints_sla_dirty BEFORE UPDATE ON complaints
      FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version)
      EXECUTE FUNCTION complaints_mark_sla_dirty()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER complaints_sla_dirty ON complaints`);
    await q.query(`DROP FUNCTION complaints_mark_sla_dirty()`);
    await q.query(`DROP INDEX complaints_sla_dirty_idx`);
    await q.query(`ALTER TABLE complaints DROP COLUMN sla_dirty`);
    await q.query(`DROP TABLE sla_facts`);
    await q.query(`DROP SEQUENCE sla_facts_seq`);
    await q.query(`DROP TABLE sla_clocks`);
    await q.query(`DROP TABLE holidays`);
  }
}

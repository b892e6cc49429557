import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Upstream sync (issue 6): what the sender needs on each sync item — whether an earlier attempt may
 * have landed (look before sending again), LAPOR!'s id of what landed, the error code, when to give
 * up (at least three days of retries), when an alert went out, which worker holds a claim — the
 * marker on the follow-up it
 * carries (so the poll recognises our own words coming back), and the dead letters: items that
 * failed for good, with the reason and the next step, until an admin retries them.
 */
export class Sync1795700000000 implements MigrationInterface {
  name = 'Sync1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sync_items
        ADD COLUMN maybe_sent boolean NOT NULL DEFAULT false,
        ADD COLUMN lapor_ref text,
        ADD COLUMN last_error_code text,
        ADD COLUMN give_up_at timestamptz,
        ADD COLUMN alerted_at timestamptz,
        ADD COLUMN claimed_by text`);
    await q.query(`UPDATE sync_items SET give_up_at = created_at + interval '72 hours'`);
    await q.query(`ALTER TABLE sync_items ALTER COLUMN give_up_at SET NOT NULL`);
    // The head of each complaint's queue: the first item not yet confirmed.
    await q.query(
      `CREATE INDEX sync_items_unconfirmed_idx ON sync_items (complaint_id, seq) WHERE status <> 'confirmed'`,
    );
    await q.query(`
      ALTER TABLE follow_ups
        ADD COLUMN marker text,
        ADD CONSTRAINT follow_ups_marker_key UNIQUE (marker)`);
    await q.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sync_item_id uuid NOT NULL CONSTRAINT dead_letters_sync_item_id_fkey REFERENCES sync_items (id),
        complaint_id uuid NOT NULL CONSTRAINT dead_letters_complaint_id_fkey REFERENCES complaints (id),
        mission_code text,
        kind text NOT NULL,
        reason text NOT NULL,
        last_error text NOT NULL,
        attempts integer NOT NULL,
        next_step text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retried_at timestamptz,
        retried_by text
      )`);
    await q.query(`CREATE INDEX dead_letters_open_idx ON dead_letters (created_at) WHERE retried_at IS NULL`);
    await q.query(`CREATE INDEX dead_letters_sync_item_idx ON dead_letters (sync_item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dead_letters`);
    await q.query(`ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_marker_key, DROP COLUMN marker`);
    await q.query(`DROP INDEX sync_items_unconfirmed_idx`);
    await q.query(`
      ALTER TABLE sync_items
        DROP COLUMN claimed_by,
        DROP COLUMN alerted_at,
        DROP COLUMN give_up_at,
        DROP COLUMN last_error_code,
        DROP COLUMN lapor_ref,
        DROP COLUMN maybe_sent`);
  }
}

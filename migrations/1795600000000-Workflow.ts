import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Handling workflow: SLA cycle and escalation level per complaint, the forward target of a
 * not-our-authority rejection, the SLA due/breach stamps the inbox filters and sorts on (the SLA
 * engine fills them), full-text search over title and content, the kind of a bridge follow-up,
 * and the ordered per-complaint queue of what must reach LAPOR! (sync_items; the sync module sends
 * it). The sync columns on follow_ups move to sync_items, so a follow-up and a rejection share one
 * sequence per complaint.
 */
export class Workflow1795600000000 implements MigrationInterface {
  name = 'Workflow1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaints
        ADD COLUMN cycle integer NOT NULL DEFAULT 1,
        ADD COLUMN escalation_level smallint NOT NULL DEFAULT 0
          CONSTRAINT complaints_escalation_level_check CHECK (escalation_level BETWEEN 0 AND 2),
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN forwarded_to text,
        ADD COLUMN due_at timestamptz,
        ADD COLUMN breached_at timestamptz`);
    await q.query(
      `CREATE INDEX complaints_mission_received_idx ON complaints (mission_code, received_at, id)`,
    );
    await q.query(`CREATE INDEX complaints_received_idx ON complaints (received_at, id)`);
    // Inbox text search (q): 'simple' keeps Indonesian words as written; prefix queries match stems.
    await q.query(
      `CREATE INDEX complaints_search_idx ON complaints USING gin (to_tsvector('simple', title || ' ' || content))`,
    );

    await q.query(`
      ALTER TABLE follow_ups
        DROP CONSTRAINT follow_ups_sync_marker_key,
        DROP CONSTRAINT follow_ups_complaint_sync_seq_key,
        DROP COLUMN sync_seq,
        DROP COLUMN sync_status,
        DROP COLUMN sync_marker,
        DROP COLUMN synced_at,
        ADD COLUMN kind text NOT NULL DEFAULT 'followup'
          CONSTRAINT follow_ups_kind_check CHECK (kind IN ('followup', 'question', 'resolution'))`);

    await q.query(`
      CREATE TABLE sync_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL CONSTRAINT sync_items_complaint_id_fkey REFERENCES complaints (id),
        seq integer NOT NULL,
        kind text NOT NULL CONSTRAINT sync_items_kind_check CHECK (kind IN ('followup', 'reject', 'status')),
        follow_up_id uuid CONSTRAINT sync_items_follow_up_id_fkey REFERENCES follow_ups (id),
        payload jsonb NOT NULL DEFAULT '{}',
        marker text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT sync_items_status_check CHECK (status IN ('pending', 'sending', 'confirmed', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        CONSTRAINT sync_items_complaint_seq_key UNIQUE (complaint_id, seq),
        CONSTRAINT sync_items_marker_key UNIQUE (marker)
      )`);
    await q.query(
      `CREATE INDEX sync_items_open_idx ON sync_items (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );
    await q.query(`CREATE INDEX sync_items_follow_up_idx ON sync_items (follow_up_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sync_items`);
    await q.query(`
      ALTER TABLE follow_ups
        DROP COLUMN kind,
        ADD COLUMN sync_seq integer,
        ADD COLUMN sync_status text CHECK (sync_status IN ('pending', 'sending', 'confirmed', 'dead')),
        ADD COLUMN sync_marker text,
        ADD COLUMN synced_at timestamptz,
        ADD CONSTRAINT follow_ups_sync_marker_key UNIQUE (sync_marker),
        ADD CONSTRAINT follow_ups_complaint_sync_seq_key UNIQUE (complaint_id, sync_seq)`);
    await q.query(`DROP INDEX complaints_search_idx`);
    await q.query(`DROP INDEX complaints_received_idx`);
    await q.query(`DROP INDEX complaints_mission_received_idx`);
    await q.query(`
      ALTER TABLE complaints
        DROP COLUMN breached_at,
        DROP COLUMN due_at,
        DROP COLUMN forwarded_to,
        DROP COLUMN acknowledged_at,
        DROP COLUMN escalation_level,
        DROP COLUMN cycle`);
  }
}

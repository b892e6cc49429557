import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first tables: missions, complaints with their append-only events and follow-ups, the
 * transactional outbox, inbound deliveries (idempotent intake), API tokens and worker heartbeats.
 * Every instant is timestamptz: SLAs span 132 time zones (STYLE.md habit 4).
 */
export class Foundation1795419000000 implements MigrationInterface {
  name = 'Foundation1795419000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE missions (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{2,40}$'),
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('KBRI', 'KJRI', 'KRI', 'PTRI', 'KDEI', 'HQ')),
        city text NOT NULL,
        country_iso2 char(2) NOT NULL,
        timezone text NOT NULL,
        weekend_days smallint[] NOT NULL,
        jurisdiction_countries text[] NOT NULL DEFAULT '{}',
        lapor_institution_id text UNIQUE,
        office_hours jsonb NOT NULL DEFAULT '{"open": "09:00", "close": "17:00"}',
        notes text,
        admin_edited_fields text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lapor_id text NOT NULL,
        tracking_id text,
        title text NOT NULL DEFAULT '',
        content text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'triage', 'assigned',
          'acknowledged', 'awaiting_reporter', 'responded', 'resolved', 'closed', 'forwarded')),
        lapor_status_code text,
        lapor_status_name text,
        classification text,
        category_id text,
        category_name text,
        location_id text,
        location_name text,
        date_of_incident date,
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high', 'urgent')),
        mission_code text REFERENCES missions (code),
        routing jsonb,
        is_anonymous boolean NOT NULL DEFAULT false,
        is_secret boolean NOT NULL DEFAULT false,
        reporter_name_enc text,
        reporter_email_enc text,
        reporter_phone_enc text,
        disposition_id text,
        disposition_name text,
        dispositioned_at timestamptz,
        upstream_created_at timestamptz,
        upstream_updated_at timestamptz,
        content_hash text,
        quarantine_reason text,
        imported boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        received_at timestamptz NOT NULL DEFAULT now(),
        assigned_at timestamptz,
        first_follow_up_at timestamptz,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT complaints_lapor_id_key UNIQUE (lapor_id)
      )`);
    await q.query(`CREATE INDEX complaints_mission_status_idx ON complaints (mission_code, status)`);
    await q.query(`CREATE INDEX complaints_status_idx ON complaints (status)`);
    await q.query(`CREATE INDEX complaints_dispositioned_at_idx ON complaints (dispositioned_at)`);

    await q.query(`
      CREATE TABLE complaint_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaints (id),
        type text NOT NULL,
        actor text NOT NULL,
        from_status text,
        to_status text,
        payload jsonb NOT NULL DEFAULT '{}',
        correlation_id text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, id)`);
    // Append-only: the timeline is evidence of who did what and when; the database refuses edits.
    await q.query(`
      CREATE FUNCTION complaint_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'complaint_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON complaint_events
      FOR EACH ROW EXECUTE FUNCTION complaint_events_append_only()`);

    await q.query(`
      CREATE TABLE follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaints (id),
        lapor_followup_id text,
        origin text NOT NULL CHECK (origin IN ('lapor', 'bridge')),
        author_type text NOT NULL CHECK (author_type IN ('institution', 'reporter', 'admin')),
        visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
        content text NOT NULL,
        template_code text,
        actor text,
        sync_seq integer,
        sync_status text CHECK (sync_status IN ('pending', 'sending', 'confirmed', 'dead')),
        sync_marker text,
        posted_at timestamptz NOT NULL,
        synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT follow_ups_lapor_followup_id_key UNIQUE (lapor_followup_id),
        CONSTRAINT follow_ups_sync_marker_key UNIQUE (sync_marker),
        CONSTRAINT follow_ups_complaint_sync_seq_key UNIQUE (complaint_id, sync_seq)
      )`);
    await q.query(`CREATE INDEX follow_ups_complaint_idx ON follow_ups (complaint_id, posted_at)`);

    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        available_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        relayed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outbox_seq_key UNIQUE (seq)
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE relayed_at IS NULL`);
    // Wake the relay at once after a commit instead of waiting for its poll (LISTEN outbox).
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);

    await q.query(`
      CREATE TABLE inbound_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL CHECK (source IN ('webhook', 'poll', 'backfill', 'reconcile')),
        delivery_key text NOT NULL,
        lapor_id text,
        event_type text,
        payload_sha256 text,
        outcome text,
        complaint_id uuid REFERENCES complaints (id),
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inbound_deliveries_source_key UNIQUE (source, delivery_key)
      )`);
    await q.query(`CREATE INDEX inbound_deliveries_lapor_idx ON inbound_deliveries (lapor_id)`);

    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        token_hash text NOT NULL,
        token_prefix text NOT NULL,
        role text NOT NULL CHECK (role IN ('handler', 'supervisor', 'monitor', 'admin')),
        mission_code text REFERENCES missions (code),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash),
        CONSTRAINT api_tokens_mission_scope CHECK ((role IN ('handler', 'supervisor')) = (mission_code IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE worker_heartbeats (
        instance_id text PRIMARY KEY,
        hostname text NOT NULL,
        pid integer NOT NULL,
        queues text[] NOT NULL,
        started_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_heartbeats`);
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DROP TABLE inbound_deliveries`);
    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE follow_ups`);
    await q.query(`DROP TRIGGER complaint_events_append_only ON complaint_events`);
    await q.query(`DROP FUNCTION complaint_events_append_only()`);
    await q.query(`DROP TABLE complaint_events`);
    await q.query(`DROP TABLE complaints`);
    await q.query(`DROP TABLE missions`);
  }
}

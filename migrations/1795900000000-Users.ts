import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8: people sign in to the console. Accounts (argon2 password hashes, lockout counters) and
 * their sessions, stored server-side so sign-out, a password change or a disabled account ends a
 * session at once. The session cookie holds a random secret; only its SHA-256 is stored here.
 */
export class Users1795900000000 implements MigrationInterface {
  name = 'Users1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        mission_code text,
        locale text NOT NULL DEFAULT 'id',
        password_hash text NOT NULL,
        must_change_password boolean NOT NULL DEFAULT false,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        disabled_at timestamptz,
        last_login_at timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_email_lower CHECK (email = lower(email)),
        CONSTRAINT users_role_check CHECK (role IN ('handler', 'supervisor', 'monitor', 'admin')),
        CONSTRAINT users_locale_check CHECK (locale IN ('id', 'en')),
        CONSTRAINT users_mission_scope CHECK ((role IN ('handler', 'supervisor')) = (mission_code IS NOT NULL)),
        CONSTRAINT users_mission_code_fkey FOREIGN KEY (mission_code) REFERENCES missions (code)
      )`);
    await q.query(`
      CREATE TABLE user_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        secret_hash text NOT NULL,
        user_id uuid NOT NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text,
        user_agent text,
        CONSTRAINT user_sessions_secret_hash_key UNIQUE (secret_hash),
        CONSTRAINT user_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX user_sessions_user_idx ON user_sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_sessions`);
    await q.query(`DROP TABLE users`);
  }
}

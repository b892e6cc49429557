import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Response templates (issue 5): bilingual replies and notes per workflow action, seeded from
 * config/data/response-templates.json at boot and edited by admins. `admin_edited` marks a row the
 * seeder must leave alone from then on. Retired templates are kept with active = false.
 */
export class ResponseTemplates1795600200000 implements MigrationInterface {
  name = 'ResponseTemplates1795600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE response_templates (
        code text PRIMARY KEY CONSTRAINT response_templates_code_check CHECK (code ~ '^[a-z0-9-]{2,60}$'),
        action text NOT NULL CONSTRAINT response_templates_action_check CHECK (action IN ('acknowledge',
          'followup', 'ask-reporter', 'resolve', 'reopen', 'transfer', 'escalate', 'reject')),
        title_id text NOT NULL,
        title_en text NOT NULL,
        body_id text NOT NULL,
        body_en text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        admin_edited boolean NOT NULL DEFAULT false,
        updated_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE response_templates`);
  }
}

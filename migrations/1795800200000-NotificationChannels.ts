import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound notification channels besides the in-app list (src/modules/notifications/README.md): per
 * notification, when the webhook and the e-mail were delivered, so a re-delivered job sends neither
 * again, and the last failure of each channel (`{ "webhook": { "at", "error", "attempts", "final" } }`;
 * final = given up). Nullable columns and a constant default: no table rewrite, no long lock.
 */
export class NotificationChannels1795800200000 implements MigrationInterface {
  name = 'NotificationChannels1795800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN webhook_delivered_at timestamptz`);
    await q.query(`ALTER TABLE notifications ADD COLUMN email_delivered_at timestamptz`);
    await q.query(`ALTER TABLE notifications ADD COLUMN channel_errors jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN channel_errors`);
    await q.query(`ALTER TABLE notifications DROP COLUMN email_delivered_at`);
    await q.query(`ALTER TABLE notifications DROP COLUMN webhook_delivered_at`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7: the in-app list is per person. A notification goes to an office and every one of its
 * people sees it, but each marks it read for themselves: one row per (notification, reader), where
 * the reader is the principal as audit rows name it (`user:<uuid>`, `token:<id>`).
 * `notifications.read_at` (never written) stays for compatibility; the API's `readAt` now comes from here.
 */
export class NotificationReads1796000000000 implements MigrationInterface {
  name = 'NotificationReads1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id bigint NOT NULL,
        reader text NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_reads_pkey PRIMARY KEY (notification_id, reader),
        CONSTRAINT notification_reads_notification_id_fkey FOREIGN KEY (notification_id)
          REFERENCES notifications (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_reads`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A poll run's progress: the seq of its newest page job. A run whose page jobs were lost with Redis
 * is found by asking Redis about that page and its neighbours only (src/modules/intake/poll.scheduler.ts),
 * whatever Redis has already evicted of the run's completed pages.
 */
export class PollRunSeq1796200000000 implements MigrationInterface {
  name = 'PollRunSeq1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE poll_cursors ADD COLUMN run_seq integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE poll_cursors DROP COLUMN run_seq`);
  }
}

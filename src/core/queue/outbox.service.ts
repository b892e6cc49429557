import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SqlRunner } from '../database/sql-runner';
import { JOB_QUEUE, type JobName, type JobPayloads } from './queue.contract';

/**
 * Writes outbox rows inside the caller's business transaction (SPEC.md "Architecture"): the job
 * exists exactly when the change that asked for it committed.
 */
@Injectable()
export class OutboxService {
  /**
   * An outbox row's queue, job name and payload as the columns store them, for a caller that must
   * insert the row inside a statement of its own (`INSERT INTO outbox (queue, job_name, payload, …)`).
   */
  static row<J extends JobName>(
    job: J,
    payload: JobPayloads[J],
  ): [queue: string, jobName: J, payload: string] {
    return [JOB_QUEUE[job], job, JSON.stringify(payload)];
  }

  /** Adds one job to the outbox in the given transaction; returns the outbox id (= the BullMQ jobId). */
  async enqueue<J extends JobName>(
    manager: SqlRunner,
    job: J,
    payload: JobPayloads[J],
    opts: { delayMs?: number } = {},
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO outbox (queue, job_name, payload, available_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000))
       RETURNING id`,
      [...OutboxService.row(job, payload), opts.delayMs ?? 0],
    );
    return rows[0].id;
  }

  /** Deletes relayed rows older than the retention period, in slices; unrelayed rows are never deleted. */
  async purgeRelayed(manager: EntityManager, olderThanDays: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const result: [unknown[], number] = await manager.query(
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox WHERE relayed_at < now() - make_interval(days => $1) LIMIT 5000)`,
        [olderThanDays],
      );
      deleted += result[1];
      if (result[1] < 5000) return deleted;
    }
  }

  /** Rows not yet relayed to BullMQ, and the age of the oldest (null when none). */
  async backlog(q: SqlRunner): Promise<{ backlog: number; oldestPendingAgeSeconds: number | null }> {
    const [r]: { backlog: number; age: number | null }[] = await q.query(
      `SELECT count(*)::int AS backlog,
              floor(extract(epoch FROM now() - min(created_at)))::int AS age
       FROM outbox WHERE relayed_at IS NULL`,
    );
    return { backlog: r.backlog, oldestPendingAgeSeconds: r.age };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';

/**
 * Deletes relayed outbox rows older than the retention period. Relayed rows are kept a while as
 * evidence of what was enqueued and when; unrelayed rows are never deleted.
 */
@Injectable()
@JobHandler(JobName.OutboxPurge)
export class OutboxPurgeHandler implements JobHandlerFor<typeof JobName.OutboxPurge> {
  private readonly logger = new Logger(OutboxPurgeHandler.name);

  constructor(private readonly dataSource: DataSource) {}

  async handle(payload: JobPayloads[typeof JobName.OutboxPurge]): Promise<{ deleted: number }> {
    let deleted = 0;
    // In slices, so a large backlog never holds long locks.
    for (;;) {
      const result: [unknown[], number] = await this.dataSource.query(
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox WHERE relayed_at < now() - make_interval(days => $1) LIMIT 5000)`,
        [payload.olderThanDays],
      );
      deleted += result[1];
      if (result[1] < 5000) break;
    }
    if (deleted) this.logger.log(`purged ${deleted} relayed outbox rows`);
    return { deleted };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { OutboxService } from '../../core/queue/outbox.service';
import { UserSessionService } from '../auth/user-session.service';

/**
 * Deletes relayed outbox rows older than the retention period. Relayed rows are kept a while as
 * evidence of what was enqueued and when (and so a re-enqueue finds its completed job). The same
 * daily run deletes console sessions ended or expired more than a week ago.
 */
@Injectable()
@JobHandler(JobName.OutboxPurge)
export class OutboxPurgeHandler implements JobHandlerFor<typeof JobName.OutboxPurge> {
  private readonly logger = new Logger(OutboxPurgeHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly sessions: UserSessionService,
  ) {}

  async handle(payload: JobPayloads[typeof JobName.OutboxPurge]): Promise<{ deleted: number }> {
    const deleted = await this.outbox.purgeRelayed(this.dataSource.manager, payload.olderThanDays);
    if (deleted) this.logger.log(`purged ${deleted} relayed outbox rows`);
    const sessions = await this.sessions.prune();
    if (sessions) this.logger.log(`purged ${sessions} ended console sessions`);
    return { deleted };
  }
}

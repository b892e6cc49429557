import { Injectable } from '@nestjs/common';
import { Worker } from 'bullmq';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, QueueName, type JobPayloads } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { SyncSenderService, type SendOutcome } from './sync-sender.service';

/** The `sync` queue's processor: one item of one complaint per job (thin, idempotent: habit 6). */
@Injectable()
@JobHandler(JobName.SyncComplaint)
export class SyncComplaintHandler implements JobHandlerFor<typeof JobName.SyncComplaint> {
  constructor(
    private readonly sender: SyncSenderService,
    private readonly queues: QueueRegistry,
  ) {}

  async handle(p: JobPayloads[typeof JobName.SyncComplaint]): Promise<SendOutcome> {
    const outcome = await this.sender.sendNext(p.complaintId);
    if (outcome.result === 'rate_limited') {
      // LAPOR! said 429, or the breaker is open: the whole queue waits Retry-After (or until the
      // breaker's trial call; every worker, every complaint), and this job comes back then without
      // counting an attempt.
      await this.queues.queue(QueueName.Sync).rateLimit(outcome.retryAfterMs);
      throw Worker.RateLimitError();
    }
    return outcome;
  }
}

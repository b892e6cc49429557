import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { PollPageService, type PageResult } from './poll-page.service';

type Payload = JobPayloads[typeof JobName.IntakePollPage];

/** The `intake.poll-page` processor: thin (STYLE.md habit 6); the service is idempotent. */
@Injectable()
@JobHandler(JobName.IntakePollPage)
export class PollPageHandler implements JobHandlerFor<typeof JobName.IntakePollPage> {
  constructor(private readonly pages: PollPageService) {}

  handle(p: Payload, job: Job<Payload>): Promise<PageResult> {
    // attemptsMade counts the failed attempts before this one.
    return this.pages.process(p, { last: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
  }
}

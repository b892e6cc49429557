import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { isLaporError } from '../../integrations/lapor/lapor.errors';
import {
  addCounts,
  BackfillService,
  BackfillTooLongError,
  progressOf,
  zeroCounts,
  type BackfillCounts,
} from './backfill.service';
import { wibDayStart } from './poll-window';

type Payload = JobPayloads[typeof JobName.IntakeBackfill];

export function backfillJobId(backfillId: string, seq: number): string {
  return `backfill-${backfillId}-${seq}`;
}

/**
 * The `intake.backfill` processor (admin endpoint): one inbox page of the range per job, then the
 * next page as a new job with a deterministic id, so a long import never holds the intake worker
 * and a retried page is a cheap repeat (every item is a duplicate delivery by then).
 */
@Injectable()
@JobHandler(JobName.IntakeBackfill)
export class BackfillHandler implements JobHandlerFor<typeof JobName.IntakeBackfill> {
  private readonly logger = new Logger(BackfillHandler.name);

  constructor(
    private readonly backfill: BackfillService,
    private readonly queues: QueueRegistry,
  ) {}

  async handle(p: Payload, job: Job<Payload>): Promise<{ done: boolean; counts: BackfillCounts }> {
    const at = p.at ? { from: new Date(p.at.from), page: p.at.page } : { from: wibDayStart(p.from), page: 1 };
    let step;
    try {
      this.backfill.checkPageBound(p.seq);
      step = await this.backfill.step(p, at);
    } catch (e) {
      if (isLaporError(e) && !e.retryable) throw new UnrecoverableError(`${e.code}: ${e.message}`);
      if (e instanceof BackfillTooLongError) throw new UnrecoverableError(e.message);
      throw e;
    }
    const counts = addCounts(p.counts ?? zeroCounts(), step.counts);
    await job.updateProgress(step.next ? Math.round(progressOf(p, step.reachedAt) * 100) : 100);
    if (!step.next) {
      this.logger.log({ backfillId: p.backfillId, from: p.from, to: p.to, counts }, 'backfill finished');
      return { done: true, counts };
    }
    await this.queues.add(
      JobName.IntakeBackfill,
      { ...p, seq: p.seq + 1, at: { from: step.next.from.toISOString(), page: step.next.page }, counts },
      backfillJobId(p.backfillId, p.seq + 1),
    );
    return { done: false, counts };
  }
}

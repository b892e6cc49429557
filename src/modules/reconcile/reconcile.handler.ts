import { Injectable } from '@nestjs/common';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { ReconcileService, type RunOutcome } from './reconcile.service';

/**
 * The `sync.reconcile` processor: runs the queued run. Idempotent: a re-delivered job of a finished
 * run does nothing, and one that finds another run in progress records its run as skipped.
 */
@Injectable()
@JobHandler(JobName.SyncReconcile)
export class ReconcileHandler implements JobHandlerFor<typeof JobName.SyncReconcile> {
  constructor(private readonly reconcile: ReconcileService) {}

  /** The result (kept by BullMQ) is counts and codes only. */
  async handle(p: JobPayloads[typeof JobName.SyncReconcile]): Promise<RunOutcome> {
    return this.reconcile.run(new Date(), p.runId);
  }
}

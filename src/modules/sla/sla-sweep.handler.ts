import { Injectable } from '@nestjs/common';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName } from '../../core/queue/queue.contract';
import { SlaSweepService, type SweepResult } from './sla-sweep.service';

/** Runs one SLA sweep (a replica that finds the lease taken does nothing: the holder is sweeping). */
@Injectable()
@JobHandler(JobName.SlaSweep)
export class SlaSweepHandler implements JobHandlerFor<typeof JobName.SlaSweep> {
  constructor(private readonly sweeps: SlaSweepService) {}

  async handle(): Promise<SweepResult | { skipped: true }> {
    return (await this.sweeps.sweep()) ?? { skipped: true };
  }
}

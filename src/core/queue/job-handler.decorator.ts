import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './queue.contract';

/**
 * Marks a provider as the handler of one job name. Handlers are thin and idempotent (STYLE.md
 * habit 6): parse, call a service that re-reads state, return or throw. Throw UnrecoverableError for
 * what must not be retried; never swallow an error BullMQ should retry.
 */
export const JobHandler = DiscoveryService.createDecorator<JobName>();

export interface JobHandlerFor<J extends JobName> {
  handle(payload: JobPayloads[J], job: Job<JobPayloads[J]>): Promise<unknown>;
}

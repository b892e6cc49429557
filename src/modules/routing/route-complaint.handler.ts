import { Injectable } from '@nestjs/common';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { RoutingService } from './routing.service';

/** The `routing` queue's processor: thin, idempotent (STYLE.md habit 6). */
@Injectable()
@JobHandler(JobName.ComplaintRoute)
export class RouteComplaintHandler implements JobHandlerFor<typeof JobName.ComplaintRoute> {
  constructor(private readonly routing: RoutingService) {}

  async handle(p: JobPayloads[typeof JobName.ComplaintRoute]): Promise<{ missionCode: string | null }> {
    return { missionCode: await this.routing.route(p.complaintId) };
  }
}

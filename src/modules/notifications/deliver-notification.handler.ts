import { Injectable } from '@nestjs/common';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { NotificationsService } from './notifications.service';

/** The `notify` queue's processor: the office's in-app list (idempotent by dedupe key). */
@Injectable()
@JobHandler(JobName.NotificationDeliver)
export class DeliverNotificationHandler implements JobHandlerFor<typeof JobName.NotificationDeliver> {
  constructor(private readonly notifications: NotificationsService) {}

  async handle(p: JobPayloads[typeof JobName.NotificationDeliver]): Promise<{ stored: boolean }> {
    return { stored: await this.notifications.record(p) };
  }
}

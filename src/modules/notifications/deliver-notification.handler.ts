import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, type JobHandlerFor } from '../../core/queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../core/queue/queue.contract';
import { NotificationChannelsService, type ChannelState } from './notification-channels.service';
import type { NotificationChannelName } from './notification-channel';
import { NotificationsService } from './notifications.service';

type Payload = JobPayloads[typeof JobName.NotificationDeliver];

/**
 * The `notify` queue's processor: first the office's in-app list (idempotent by dedupe key), then
 * the webhook and e-mail channels that are configured and still pending for that notification.
 * A retryable channel failure throws, so BullMQ retries the job; the in-app record is kept.
 */
@Injectable()
@JobHandler(JobName.NotificationDeliver)
export class DeliverNotificationHandler implements JobHandlerFor<typeof JobName.NotificationDeliver> {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly channels: NotificationChannelsService,
  ) {}

  async handle(
    p: Payload,
    job?: Job<Payload>,
  ): Promise<{ stored: boolean; channels: Partial<Record<NotificationChannelName, ChannelState>> }> {
    const stored = await this.notifications.record(p);
    // attemptsMade counts the failed attempts before this one.
    const lastAttempt = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : false;
    return { stored, channels: await this.channels.deliver(p.dedupeKey, { lastAttempt }) };
  }
}

import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionsModule } from '../missions/missions.module';
import { DeliverNotificationHandler } from './deliver-notification.handler';
import {
  DEFAULT_NOTIFICATION_CHANNEL_OPTIONS,
  NOTIFICATION_CHANNEL_OPTIONS,
} from './notification-channel.options';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationEmailClient } from './notification-email.client';
import { NotificationWebhookClient } from './notification-webhook.client';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Notifications to offices: the in-app list, and the webhook and e-mail channels (README.md). */
@Module({
  imports: [MissionsModule, ComplaintsModule],
  providers: [
    NotificationsService,
    DeliverNotificationHandler,
    NotificationChannelsService,
    NotificationWebhookClient,
    NotificationEmailClient,
    { provide: NOTIFICATION_CHANNEL_OPTIONS, useValue: DEFAULT_NOTIFICATION_CHANNEL_OPTIONS },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}

/** The notification list's HTTP API (api role only). */
@Module({ imports: [NotificationsModule], controllers: [NotificationsController] })
export class NotificationsApiModule {}

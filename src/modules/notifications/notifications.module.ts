import { Module } from '@nestjs/common';
import { DeliverNotificationHandler } from './deliver-notification.handler';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Notifications to offices: the in-app list (webhook and e-mail delivery come with the SLA issue). */
@Module({
  providers: [NotificationsService, DeliverNotificationHandler],
  exports: [NotificationsService],
})
export class NotificationsModule {}

/** The notification list's HTTP API (api role only). */
@Module({ imports: [NotificationsModule], controllers: [NotificationsController] })
export class NotificationsApiModule {}

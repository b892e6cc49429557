import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import express from 'express';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionsModule } from '../missions/missions.module';
import { ReportsModule } from '../reports/reports.module';
import { SlaApiModule } from '../sla/sla.module';
import { SyncDeliveryModule } from '../sync/sync.module';
import { TemplatesModule } from '../templates/templates.module';
import { WorkflowApiModule } from '../workflow/workflow.module';
import { ConsoleAssetsController } from './console-assets.controller';
import { ConsoleAdminMissionsController } from './console-admin-missions.controller';
import { ConsoleAdminSyncController } from './console-admin-sync.controller';
import { ConsoleAdminUsersController } from './console-admin-users.controller';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleComplaintPagesService } from './console-complaint-pages.service';
import { ConsoleComplaintsController } from './console-complaints.controller';
import { ConsoleMinistryController } from './console-ministry.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard } from './console.guard';
import { NotificationsModule } from '../notifications/notifications.module';
import { ConsoleNotificationsController } from './console-notifications.controller';
import { ConsoleViews } from './console-views.service';

/**
 * The handler console (README.md in this folder): server-rendered pages for people, on the same
 * services and the same role and mission rules as the API. API role only. User and session
 * services come from the global AuthModule.
 */
@Module({
  // ministry/admin pages: reports, missions, calendars (closures), dead letters, quarantine.
  // complaint pages: the workflow (inbox, detail, actions) and the response templates.
  imports: [
    ComplaintsModule,
    MissionsModule,
    NotificationsModule,
    ReportsModule,
    SlaApiModule,
    SyncDeliveryModule,
    TemplatesModule,
    WorkflowApiModule,
  ],
  controllers: [
    ConsoleAssetsController,
    ConsoleAuthController,
    ConsoleComplaintsController,
    ConsoleMinistryController,
    ConsoleNotificationsController,
    ConsoleAdminUsersController,
    ConsoleAdminMissionsController,
    ConsoleAdminSyncController,
  ],
  providers: [ConsoleViews, ConsoleGuard, ConsoleExceptionFilter, ConsoleComplaintPagesService],
  exports: [ConsoleViews],
})
export class ConsoleModule implements NestModule {
  /** The console's forms post form-urlencoded; the rest of the API reads JSON only (http-app.ts). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 }))
      .forRoutes({ path: 'console/*path', method: RequestMethod.POST });
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import type { Env } from './core/config/env.schema';
import { CoreModule } from './core/core.module';
import { AuditApiModule, AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { ConsoleModule } from './modules/console/console.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { HealthModule } from './modules/health/health.module';
import { IntakeModule } from './modules/intake/intake.module';
import { MaintenanceModule } from './modules/maintenance/maintenance.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { MissionsApiModule } from './modules/missions/missions-api.module';
import { MissionsModule } from './modules/missions/missions.module';
import { NotificationsApiModule, NotificationsModule } from './modules/notifications/notifications.module';
import { RoutingApiModule, RoutingModule } from './modules/routing/routing.module';
import { ReconcileModule } from './modules/reconcile/reconcile.module';
import { ReportsApiModule } from './modules/reports/reports-api.module';
import { SlaApiModule, SlaModule } from './modules/sla/sla.module';
import { SyncApiModule, SyncDeliveryModule } from './modules/sync/sync.module';
import { TemplatesApiModule, TemplatesModule } from './modules/templates/templates.module';
import { WorkflowApiModule } from './modules/workflow/workflow.module';

/**
 * Composes the feature modules. One codebase, two roles (SPEC.md "Architecture"): the HTTP API and
 * the worker (queue consumers and schedulers); ROLE=all runs both in one process.
 */
@Module({})
export class AppModule {
  static forRole(role: Env['ROLE']): DynamicModule {
    const api = role === 'all' || role === 'api';
    return {
      module: AppModule,
      imports: [
        CoreModule,
        HealthModule,
        MetricsModule,
        AuthModule.register({ api }),
        MissionsModule,
        MaintenanceModule,
        IntakeModule.register({ api }),
        RoutingModule,
        NotificationsModule,
        AuditModule,
        TemplatesModule,
        SyncDeliveryModule,
        ReconcileModule,
        SlaModule,
        ...(api ? [MissionsApiModule, RoutingApiModule, NotificationsApiModule] : []),
        ...(api ? [AuditApiModule] : []),
        ...(api ? [TemplatesApiModule] : []),
        ...(api ? [WorkflowApiModule] : []),
        ...(api ? [SyncApiModule] : []),
        ...(api ? [SlaApiModule, ReportsApiModule] : []),
        ...(api ? [DashboardModule, ConsoleModule] : []),
      ],
    };
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '../core/config/config.module';
import { ConfigService } from '../core/config/config.service';
import { FieldCipher } from '../core/crypto/field-cipher';
import { dataSourceOptions } from '../core/database/data-source-options';
import { LeaseService } from '../core/database/lease.service';
import { OutboxService } from '../core/queue/outbox.service';
import { LaporModule } from '../integrations/lapor/lapor.module';
import { ComplaintIngestService } from '../modules/complaints/complaint-ingest.service';
import { ComplaintQueryService } from '../modules/complaints/complaint-query.service';
import { ComplaintWorkflowService } from '../modules/complaints/complaint-workflow.service';
import { BackfillService } from '../modules/intake/backfill.service';
import { IntakeService } from '../modules/intake/intake.service';
import { PollItemService } from '../modules/intake/poll-item.service';
import { DEFAULT_POLL_OPTIONS, INTAKE_POLL_OPTIONS } from '../modules/intake/poll.options';
import { MissionsSeeder } from '../modules/missions/missions.seeder';
import { MissionsService } from '../modules/missions/missions.service';
import { AuditService } from '../modules/audit/audit.service';
import { TokenService } from '../modules/auth/token.service';
import { SyncQueueService } from '../modules/sync/sync-queue.service';
import { SyncRepairService } from '../modules/sync/sync-repair.service';
import { ComplaintDriftService } from '../modules/reconcile/complaint-drift.service';
import { InboxDriftService } from '../modules/reconcile/inbox-drift.service';
import { ReconcileRunsService } from '../modules/reconcile/reconcile-runs.service';
import { DEFAULT_RECONCILE_OPTIONS, RECONCILE_OPTIONS } from '../modules/reconcile/reconcile.options';
import { ReconcileService } from '../modules/reconcile/reconcile.service';
import { SyncDriftService } from '../modules/reconcile/sync-drift.service';
import { ComplaintSlaService } from '../modules/complaints/complaint-sla.service';
import { KpiReadModel } from '../modules/reports/kpi-read-model';
import { ReportsService } from '../modules/reports/reports.service';
import { CalendarService } from '../modules/sla/calendar.service';
import { HolidaysSeeder } from '../modules/sla/holidays.seeder';
import { SlaQueryService } from '../modules/sla/sla-query.service';
import { SlaAlertsService } from '../modules/sla/sla-alerts.service';
import { SlaSweepService } from '../modules/sla/sla-sweep.service';
import { BackfillCommand } from './backfill.command';
import { ReportCommand } from './report.command';
import { MigrateCommand } from './migrate.command';
import { ReconcileCommand } from './reconcile.command';
import { RouteCommand } from './route.command';
import { TokenCreateCommand } from './token-create.command';
import { TokenRevokeCommand } from './token-revoke.command';
import { UserCreateCommand } from './user-create.command';
import { RekeyCommand } from './rekey.command';
import { ReporterRekeyService } from '../modules/complaints/reporter-rekey.service';
import { UserService } from '../modules/auth/user.service';

/**
 * The CLI needs only the database (and LAPOR! for backfill): no Redis, no HTTP, no workers. Work
 * for the queues (routing of backfilled complaints) goes to the outbox; a running bridge relays it.
 */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => dataSourceOptions(config.get('DATABASE_URL'), { poolSize: 2 }),
    }),
    LaporModule,
  ],
  providers: [
    MissionsSeeder,
    MissionsService,
    TokenService,
    MigrateCommand,
    TokenCreateCommand,
    TokenRevokeCommand,
    UserService,
    UserCreateCommand,
    // rekey: reporter data re-encrypted under the active key.
    ReporterRekeyService,
    RekeyCommand,
    AuditService,
    // backfill: the one ingest path, without the queue side of the intake module.
    FieldCipher,
    OutboxService,
    ComplaintIngestService,
    // A backfilled reporter reply is history only, but ingest carries the workflow for live ones.
    ComplaintWorkflowService,
    SyncQueueService,
    IntakeService,
    PollItemService,
    { provide: INTAKE_POLL_OPTIONS, useValue: DEFAULT_POLL_OPTIONS },
    BackfillService,
    BackfillCommand,
    RouteCommand,
    // reconcile: one run inline, under the same lease as the worker's; repairs through the outbox.
    LeaseService,
    ComplaintQueryService,
    SyncRepairService,
    { provide: RECONCILE_OPTIONS, useValue: DEFAULT_RECONCILE_OPTIONS },
    ReconcileRunsService,
    SyncDriftService,
    InboxDriftService,
    ComplaintDriftService,
    ReconcileService,
    ReconcileCommand,
    // report: one SLA sweep inline (same lease as the workers'), then the PEKPPP figures.
    ComplaintSlaService,
    HolidaysSeeder,
    CalendarService,
    SlaQueryService,
    SlaSweepService,
    SlaAlertsService,
    KpiReadModel,
    ReportsService,
    ReportCommand,
  ],
})
export class CliModule {}

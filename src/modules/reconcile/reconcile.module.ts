import { Module } from '@nestjs/common';
import { LaporModule } from '../../integrations/lapor/lapor.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionsModule } from '../missions/missions.module';
import { SyncQueueModule } from '../sync/sync-queue.module';
import { ComplaintDriftService } from './complaint-drift.service';
import { InboxDriftService } from './inbox-drift.service';
import { ReconcileRunsService } from './reconcile-runs.service';
import { ReconcileHandler } from './reconcile.handler';
import { DEFAULT_RECONCILE_OPTIONS, RECONCILE_OPTIONS } from './reconcile.options';
import { ReconcileScheduler } from './reconcile.scheduler';
import { ReconcileService } from './reconcile.service';
import { SyncDriftService } from './sync-drift.service';

/**
 * The reconciler (README.md in this folder): owns sync_drift and reconcile_runs. Exports
 * ReconcileService for the sync status (summary()).
 */
@Module({
  imports: [ComplaintsModule, LaporModule, MissionsModule, SyncQueueModule],
  providers: [
    { provide: RECONCILE_OPTIONS, useValue: DEFAULT_RECONCILE_OPTIONS },
    ReconcileRunsService,
    SyncDriftService,
    InboxDriftService,
    ComplaintDriftService,
    ReconcileService,
    ReconcileScheduler,
    ReconcileHandler,
  ],
  exports: [ReconcileService],
})
export class ReconcileModule {}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LaporClient } from '../../integrations/lapor/lapor.client';
import type { ReconcileCandidate } from '../complaints/complaint-query.service';
import { SyncRepairService } from '../sync/sync-repair.service';
import { notUpstream, statusDrift } from './drift-rules';
import { RECONCILE_OPTIONS, type ReconcileOptions } from './reconcile.options';
import type { DriftObservation } from './sync-drift.service';

/**
 * A drift and how it is repaired: `refetch` = intake.fetch-complaint (reason reconcile), so ingest
 * applies LAPOR!'s state; `requeue` = the sync item goes back to the sender; null = nothing the
 * bridge can re-enqueue (a person must look).
 */
export interface Finding {
  drift: DriftObservation;
  repair: 'refetch' | 'requeue' | null;
}

export interface ComplaintCheck {
  findings: Finding[];
  /** The status was compared (not when LAPOR! changed it within the grace period). */
  statusCompared: boolean;
  /** The confirmed follow-ups were compared (not when LAPOR! listed follow-ups it could not read). */
  followUpsCompared: boolean;
}

/**
 * One complaint against LAPOR!: its status (status_mismatch) and whether each follow-up the bridge
 * believes delivered shows upstream (followup_not_upstream). LAPOR! errors are thrown to the caller.
 */
@Injectable()
export class ComplaintDriftService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lapor: LaporClient,
    private readonly sync: SyncRepairService,
    @Inject(RECONCILE_OPTIONS) private readonly opts: ReconcileOptions,
  ) {}

  async check(c: ReconcileCandidate, now: Date): Promise<ComplaintCheck> {
    const settledBefore = new Date(now.getTime() - this.opts.graceMs);
    const findings: Finding[] = [];
    const base = { laporId: c.lapor_id, complaintId: c.id, missionCode: c.mission_code };

    const { complaint: upstream } = await this.lapor.complaintDetail(c.lapor_id);
    // A change within the grace period is the poll's to apply first.
    const statusCompared = upstream.updatedAt < settledBefore;
    const status = statusCompared ? statusDrift(c, upstream) : null;
    if (status)
      findings.push({
        drift: { ...base, kind: 'status_mismatch', subject: '', detail: status.detail },
        repair: status.refetch ? 'refetch' : null,
      });

    let followUpsCompared = true;
    const confirmed = await this.sync.confirmedFollowUps(this.dataSource, c.id, settledBefore);
    if (confirmed.length) {
      const listed = await this.lapor.collectFollowUps(c.lapor_id);
      const missing = notUpstream(confirmed, listed.items);
      // A follow-up LAPOR! listed but the client could not read may be one of ours: calling it missing
      // would have the sender post it a second time. Compared again next run.
      if (missing.length && listed.rejected.length) followUpsCompared = false;
      else
        for (const item of missing)
          findings.push({
            drift: {
              ...base,
              kind: 'followup_not_upstream',
              subject: item.id,
              detail: {
                syncItemId: item.id,
                seq: item.seq,
                marker: item.marker,
                followUpId: item.follow_up_id,
                confirmedAt: item.confirmed_at.toISOString(),
                upstreamFollowUps: listed.items.length,
              },
            },
            repair: 'requeue',
          });
    }
    return { findings, statusCompared, followUpsCompared };
  }
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { ReconcileRunEntity } from './reconcile-run.entity';

export const DRIFT_KINDS = ['missing_locally', 'status_mismatch', 'followup_not_upstream'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/**
 * A difference between the bridge and LAPOR! that a reconciler run saw (README.md "Drift"). One open
 * row per (lapor_id, kind, subject): later runs move last_seen_at and last_run_id; a run that checks
 * the same thing and no longer sees it sets resolved_at. `detail` holds ids and status names only —
 * never reporter data or complaint text.
 */
@Entity({ name: 'sync_drift' })
@Index('sync_drift_open_key', ['laporId', 'kind', 'subject'], { unique: true, where: 'resolved_at IS NULL' })
@Check('sync_drift_kind_check', `"kind" IN ('missing_locally', 'status_mismatch', 'followup_not_upstream')`)
export class SyncDriftEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lapor_id', type: 'text' })
  laporId: string;

  /** Null for a complaint the bridge does not have (missing_locally). */
  @Index('sync_drift_complaint_idx')
  @Column({ name: 'complaint_id', type: 'uuid', nullable: true })
  complaintId: string | null;

  @ManyToOne(() => ComplaintEntity, { nullable: true })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'sync_drift_complaint_id_fkey' })
  complaint?: ComplaintEntity | null;

  /** The office the complaint was with when seen (for a missing one: its LAPOR! disposition's mission). */
  @Column({ name: 'mission_code', type: 'text', nullable: true })
  missionCode: string | null;

  @Column({ type: 'text' })
  kind: DriftKind;

  /** What within the complaint: the sync item id for followup_not_upstream; '' otherwise. */
  @Column({ type: 'text', default: '' })
  subject: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  detail: Record<string, unknown>;

  @Column({ name: 'found_at', type: 'timestamptz' })
  foundAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'last_run_id', type: 'uuid' })
  lastRunId: string;

  @ManyToOne(() => ReconcileRunEntity)
  @JoinColumn({ name: 'last_run_id', foreignKeyConstraintName: 'sync_drift_last_run_id_fkey' })
  lastRun?: ReconcileRunEntity;

  /** The job re-enqueued to repair it (intake.fetch-complaint, sync.complaint); null if none can. */
  @Column({ type: 'text', nullable: true })
  repair: string | null;

  @Column({ name: 'repaired_at', type: 'timestamptz', nullable: true })
  repairedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  repairs: number;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}

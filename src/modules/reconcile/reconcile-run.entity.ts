import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ReconcileRunSource = 'schedule' | 'manual';

/**
 * One reconciler run: queued by the scheduler (created_at) or started by hand, then started and
 * finished by ReconcileService. `ok` is false when the run ended early (LAPOR! circuit open, refused
 * credentials); complaints it could not compare are counted in `errors`, not failures of the run.
 */
@Entity({ name: 'reconcile_runs' })
@Index('reconcile_runs_created_at_idx', ['createdAt'])
@Index('reconcile_runs_started_at_idx', ['startedAt'], { where: 'started_at IS NOT NULL' })
@Check('reconcile_runs_source_check', `"source" IN ('schedule', 'manual')`)
export class ReconcileRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  source: ReconcileRunSource;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  ok: boolean | null;

  /** What ended the run early (a LaporError code), or why it did not start (RECONCILE_BUSY). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Complaints compared with LAPOR!. */
  @Column({ type: 'integer', default: 0 })
  checked: number;

  /** Complaints (or inbox pages) LAPOR! failed to answer for: skipped, compared again next time. */
  @Column({ type: 'integer', default: 0 })
  errors: number;

  @Column({ name: 'inbox_seen', type: 'integer', default: 0 })
  inboxSeen: number;

  /** Drift rows this run opened (drift seen before only moves last_seen_at). */
  @Column({ type: 'integer', default: 0 })
  found: number;

  @Column({ type: 'integer', default: 0 })
  repaired: number;

  @Column({ type: 'integer', default: 0 })
  resolved: number;

  /** The last complaint id this run compared: the next run continues after it (then wraps around). */
  @Column({ name: 'resume_after', type: 'uuid', nullable: true })
  resumeAfter: string | null;
}

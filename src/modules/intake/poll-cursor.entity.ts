import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Where each polling source stands: `inbox` (every POLL_INTERVAL_S) and `rescan` (nightly 24 h).
 * A run in progress holds run_id so a second tick does not start a parallel run.
 */
@Entity({ name: 'poll_cursors' })
export class PollCursorEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** Everything LAPOR! changed before this instant has been read (the next window overlaps it). */
  @Column({ name: 'cursor_at', type: 'timestamptz' })
  cursorAt: Date;

  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId: string | null;

  @Column({ name: 'run_started_at', type: 'timestamptz', nullable: true })
  runStartedAt: Date | null;

  /** The seq of the run's newest page job (poll-<run_id>-<seq>): where to look for it in Redis. */
  @Column({ name: 'run_seq', type: 'integer', default: 0 })
  runSeq: number;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt: Date | null;

  @Column({ name: 'items_seen', type: 'bigint', default: 0 })
  itemsSeen: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

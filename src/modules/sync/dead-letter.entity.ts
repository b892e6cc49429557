import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { SyncItemEntity } from './sync-item.entity';

/**
 * A sync item that failed for good (a permanent refusal, or retries given up): what it was, why, how
 * often it was tried and what to do next. It holds the items behind it in its complaint's sequence
 * until an admin retries it (retried_at); a later failure writes a new row, so the history stays.
 */
@Entity({ name: 'dead_letters' })
@Index('dead_letters_open_idx', ['createdAt'], { where: 'retried_at IS NULL' })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('dead_letters_sync_item_idx')
  @Column({ name: 'sync_item_id', type: 'uuid' })
  syncItemId: string;

  @ManyToOne(() => SyncItemEntity)
  @JoinColumn({ name: 'sync_item_id', foreignKeyConstraintName: 'dead_letters_sync_item_id_fkey' })
  syncItem?: SyncItemEntity;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity)
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'dead_letters_complaint_id_fkey' })
  complaint?: ComplaintEntity;

  /** The office the complaint was with when the item died (the daily digest groups by it). */
  @Column({ name: 'mission_code', type: 'text', nullable: true })
  missionCode: string | null;

  @Column({ type: 'text' })
  kind: string;

  /** A stable code: a LaporError code, or SYNC_GAVE_UP. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'last_error', type: 'text' })
  lastError: string;

  @Column({ type: 'integer' })
  attempts: number;

  /** What an operator should do before retrying (fix credentials, check the institution id, …). */
  @Column({ name: 'next_step', type: 'text' })
  nextStep: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retried_at', type: 'timestamptz', nullable: true })
  retriedAt: Date | null;

  @Column({ name: 'retried_by', type: 'text', nullable: true })
  retriedBy: string | null;
}

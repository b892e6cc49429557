import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { FollowUpEntity } from '../complaints/follow-up.entity';

export const SYNC_ITEM_KINDS = ['followup', 'reject', 'status'] as const;
export type SyncItemKind = (typeof SYNC_ITEM_KINDS)[number];
export type SyncItemStatus = 'pending' | 'sending' | 'confirmed' | 'dead';

/**
 * One thing LAPOR! must learn from the bridge — a public follow-up, a not-our-authority forward, a
 * status change — in its place in the complaint's sequence (`seq`: item N is sent only after N-1
 * is confirmed). The marker travels with the item so a retry can first look for it upstream.
 */
@Entity({ name: 'sync_items' })
@Unique('sync_items_complaint_seq_key', ['complaintId', 'seq'])
@Unique('sync_items_marker_key', ['marker'])
@Index('sync_items_open_idx', ['nextAttemptAt'], { where: `status IN ('pending', 'sending')` })
@Index('sync_items_unconfirmed_idx', ['complaintId', 'seq'], { where: `status <> 'confirmed'` })
@Check('sync_items_kind_check', `"kind" IN ('followup', 'reject', 'status')`)
@Check('sync_items_status_check', `"status" IN ('pending', 'sending', 'confirmed', 'dead')`)
export class SyncItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity)
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'sync_items_complaint_id_fkey' })
  complaint?: ComplaintEntity;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'text' })
  kind: SyncItemKind;

  @Index('sync_items_follow_up_idx')
  @Column({ name: 'follow_up_id', type: 'uuid', nullable: true })
  followUpId: string | null;

  @ManyToOne(() => FollowUpEntity, { nullable: true })
  @JoinColumn({ name: 'follow_up_id', foreignKeyConstraintName: 'sync_items_follow_up_id_fkey' })
  followUp?: FollowUpEntity | null;

  /** What the sender needs besides the follow-up: e.g. { targetInstitutionId, reason } for a forward. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  marker: string;

  @Column({ type: 'text', default: 'pending' })
  status: SyncItemStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** LaporError code of the last failure (LAPOR_TIMEOUT, LAPOR_REJECTED, …). */
  @Column({ name: 'last_error_code', type: 'text', nullable: true })
  lastErrorCode: string | null;

  /** An earlier attempt may have landed (timeout, dropped connection, 5xx, a dead worker): look first. */
  @Column({ name: 'maybe_sent', type: 'boolean', default: false })
  maybeSent: boolean;

  /** LAPOR!'s id of what landed (the follow-up id), when it said or the look-up found it. */
  @Column({ name: 'lapor_ref', type: 'text', nullable: true })
  laporRef: string | null;

  /** Retries stop here (at least three days after the item or an admin's retry): a dead letter. */
  @Column({ name: 'give_up_at', type: 'timestamptz' })
  giveUpAt: Date;

  /** The worker (heartbeat instance id) holding the 'sending' claim: a dead one's claim is taken over. */
  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy: string | null;

  /** When the mission and the ministry were told the item keeps failing (once per item). */
  @Column({ name: 'alerted_at', type: 'timestamptz', nullable: true })
  alertedAt: Date | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;
}

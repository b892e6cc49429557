import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, Unique } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';

/**
 * One narrow row per complaint with what the KPI reports read: the first cycle's due and stop times
 * and its follow-up time in calendar and working days (frozen once followed up). `seq` takes the next
 * value of sla_facts_seq on every write, so readers catch up on what changed. Owned by the sla module.
 */
@Entity({ name: 'sla_facts' })
@Unique('sla_facts_row_no_key', ['rowNo'])
export class SlaFactEntity {
  @PrimaryColumn({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @OneToOne(() => ComplaintEntity)
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'sla_facts_complaint_id_fkey' })
  complaint?: ComplaintEntity;

  /** Insertion order, never changed: the report read model's slot for this complaint. */
  @Column({ name: 'row_no', type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  rowNo: string;

  @Index('sla_facts_seq_key', { unique: true })
  @Column({ type: 'bigint', default: () => `nextval('sla_facts_seq')` })
  seq: string;

  @Column({ name: 'mission_code', type: 'text', nullable: true })
  missionCode: string | null;

  @Column({ name: 'category_id', type: 'text', nullable: true })
  categoryId: string | null;

  @Column({ type: 'text', nullable: true })
  classification: string | null;

  @Column({ type: 'text' })
  priority: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'boolean', default: false })
  imported: boolean;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** LAPOR!'s disposition to the ministry (received_at when LAPOR! gave none). */
  @Column({ name: 'dispositioned_at', type: 'timestamptz' })
  dispositionedAt: Date;

  /** When it left the backlog (resolved, closed upstream, forwarded); null while open. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'ack_due_at', type: 'timestamptz', nullable: true })
  ackDueAt: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'follow_up_due_at', type: 'timestamptz', nullable: true })
  followUpDueAt: Date | null;

  @Column({ name: 'followed_up_at', type: 'timestamptz', nullable: true })
  followedUpAt: Date | null;

  @Column({ name: 'follow_up_days', type: 'double precision', nullable: true })
  followUpDays: number | null;

  @Column({ name: 'follow_up_working_days', type: 'double precision', nullable: true })
  followUpWorkingDays: number | null;

  @Column({ name: 'completion_due_at', type: 'timestamptz', nullable: true })
  completionDueAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ComplaintEntity } from './complaint.entity';

/**
 * One entry of a complaint's timeline: who did what, when, from which status to which. Append-only;
 * a database trigger refuses UPDATE and DELETE.
 */
@Entity({ name: 'complaint_events' })
@Index('complaint_events_complaint_idx', ['complaintId', 'id'])
export class ComplaintEventEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity)
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'complaint_events_complaint_id_fkey' })
  complaint?: ComplaintEntity;

  @Column({ type: 'text' })
  type: string;

  /** 'lapor', 'system', 'token:<id>' or 'user:<id>'. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload: Record<string, unknown>;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

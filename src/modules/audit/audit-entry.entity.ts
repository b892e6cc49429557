import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';

/**
 * One entry of the audit log: who did or saw what, when (SPEC.md "Handling workflow":
 * each read of a secret reporter's identity is audited; token issue and revocation too).
 * Append-only; a database trigger refuses UPDATE and DELETE.
 */
@Entity({ name: 'audit_log' })
@Index('audit_log_complaint_idx', ['complaintId', 'id'])
@Index('audit_log_occurred_at_idx', ['occurredAt'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  id: string;

  /** 'token:<id>', 'user:<id>', 'cli:<os user>' or 'system'. */
  @Column({ type: 'text' })
  actor: string;

  /** Dotted verb, e.g. 'token.create', 'token.revoke', 'reporter.read'. */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'complaint_id', type: 'uuid', nullable: true })
  complaintId: string | null;

  @ManyToOne(() => ComplaintEntity, { nullable: true })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'audit_log_complaint_id_fkey' })
  complaint?: ComplaintEntity | null;

  /** What the action was about when it is not a complaint, e.g. 'token:<id>'. */
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  /** Ids and facts only, never personal data. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload: Record<string, unknown>;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';

export type DeliverySource = 'webhook' | 'poll' | 'backfill' | 'reconcile';

/**
 * Every inbound delivery, keyed by (source, delivery_key) — the webhook-id for callbacks — so the
 * same delivery twice changes nothing (SPEC.md "Intake": idempotent).
 */
@Entity({ name: 'inbound_deliveries' })
@Unique('inbound_deliveries_source_key', ['source', 'deliveryKey'])
@Check('inbound_deliveries_source_check', `"source" IN ('webhook', 'poll', 'backfill', 'reconcile')`)
export class InboundDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  source: DeliverySource;

  @Column({ name: 'delivery_key', type: 'text' })
  deliveryKey: string;

  @Index('inbound_deliveries_lapor_idx')
  @Column({ name: 'lapor_id', type: 'text', nullable: true })
  laporId: string | null;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType: string | null;

  @Column({ name: 'payload_sha256', type: 'text', nullable: true })
  payloadSha256: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  /** Why an item was rejected or quarantined (codes and field names only, never reporter data). */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ name: 'complaint_id', type: 'uuid', nullable: true })
  complaintId: string | null;

  @ManyToOne(() => ComplaintEntity, { nullable: true })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'inbound_deliveries_complaint_id_fkey' })
  complaint?: ComplaintEntity | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}

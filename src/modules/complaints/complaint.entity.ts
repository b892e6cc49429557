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
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { MissionEntity } from '../missions/mission.entity';
import type { ComplaintStatus, Priority, RoutingDecision } from './complaint.types';

/**
 * A complaint received from LAPOR!, one row per LAPOR! id. Reporter fields are stored encrypted
 * (AES-256-GCM, SPEC.md "Intake"); the complaints module alone changes `status`.
 */
@Entity({ name: 'complaints' })
@Unique('complaints_lapor_id_key', ['laporId'])
@Index('complaints_mission_status_idx', ['missionCode', 'status'])
@Index('complaints_mission_received_idx', ['missionCode', 'receivedAt', 'id'])
@Index('complaints_received_idx', ['receivedAt', 'id'])
// A GIN expression index over title and content (migration 1795600000000); TypeORM cannot express it.
@Index('complaints_search_idx', { synchronize: false })
@Check(
  'complaints_status_check',
  `"status" IN ('received', 'triage', 'assigned', 'acknowledged', 'awaiting_reporter', 'responded', 'resolved', 'closed', 'forwarded')`,
)
@Check('complaints_priority_check', `"priority" IN ('normal', 'high', 'urgent')`)
@Check('complaints_escalation_level_check', `"escalation_level" BETWEEN 0 AND 2`)
export class ComplaintEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lapor_id', type: 'text' })
  laporId: string;

  @Column({ name: 'tracking_id', type: 'text', nullable: true })
  trackingId: string | null;

  @Column({ type: 'text', default: '' })
  title: string;

  @Column({ type: 'text', default: '' })
  content: string;

  @Index('complaints_status_idx')
  @Column({ type: 'text', default: 'received' })
  status: ComplaintStatus;

  @Column({ name: 'lapor_status_code', type: 'text', nullable: true })
  laporStatusCode: string | null;

  @Column({ name: 'lapor_status_name', type: 'text', nullable: true })
  laporStatusName: string | null;

  @Column({ type: 'text', nullable: true })
  classification: string | null;

  /** LAPOR!'s own classification code and name, kept even when the bridge does not know them. */
  @Column({ name: 'lapor_classification_id', type: 'text', nullable: true })
  laporClassificationId: string | null;

  @Column({ name: 'lapor_classification_name', type: 'text', nullable: true })
  laporClassificationName: string | null;

  @Column({ name: 'category_id', type: 'text', nullable: true })
  categoryId: string | null;

  @Column({ name: 'category_name', type: 'text', nullable: true })
  categoryName: string | null;

  @Column({ name: 'location_id', type: 'text', nullable: true })
  locationId: string | null;

  @Column({ name: 'location_name', type: 'text', nullable: true })
  locationName: string | null;

  @Column({ name: 'date_of_incident', type: 'date', nullable: true })
  dateOfIncident: string | null;

  @Column({ type: 'text', default: 'normal' })
  priority: Priority;

  @Column({ name: 'mission_code', type: 'text', nullable: true })
  missionCode: string | null;

  @ManyToOne(() => MissionEntity, { nullable: true })
  @JoinColumn({
    name: 'mission_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'complaints_mission_code_fkey',
  })
  mission?: MissionEntity | null;

  @Column({ type: 'jsonb', nullable: true })
  routing: RoutingDecision | null;

  @Column({ name: 'is_anonymous', type: 'boolean', default: false })
  isAnonymous: boolean;

  @Column({ name: 'is_secret', type: 'boolean', default: false })
  isSecret: boolean;

  @Column({ name: 'reporter_name_enc', type: 'text', nullable: true })
  reporterNameEnc: string | null;

  @Column({ name: 'reporter_email_enc', type: 'text', nullable: true })
  reporterEmailEnc: string | null;

  @Column({ name: 'reporter_phone_enc', type: 'text', nullable: true })
  reporterPhoneEnc: string | null;

  @Column({ name: 'disposition_id', type: 'text', nullable: true })
  dispositionId: string | null;

  @Column({ name: 'disposition_name', type: 'text', nullable: true })
  dispositionName: string | null;

  @Index('complaints_dispositioned_at_idx')
  @Column({ name: 'dispositioned_at', type: 'timestamptz', nullable: true })
  dispositionedAt: Date | null;

  @Column({ name: 'upstream_created_at', type: 'timestamptz', nullable: true })
  upstreamCreatedAt: Date | null;

  /** LAPOR!'s updated_at of the newest state applied; older updates become history only. */
  @Column({ name: 'upstream_updated_at', type: 'timestamptz', nullable: true })
  upstreamUpdatedAt: Date | null;

  /** Hash of the applied upstream snapshot: an update with identical content adds nothing. */
  @Column({ name: 'content_hash', type: 'text', nullable: true })
  contentHash: string | null;

  /** Non-null while the complaint carries an unknown LAPOR! code (never mapped to a default). */
  @Column({ name: 'quarantine_reason', type: 'text', nullable: true })
  quarantineReason: string | null;

  @Index('complaints_quarantined_idx', { where: 'quarantine_reason IS NOT NULL' })
  @Column({ name: 'quarantined_at', type: 'timestamptz', nullable: true })
  quarantinedAt: Date | null;

  /** When the bridge last re-read this complaint's status and follow-ups from LAPOR!. */
  @Column({ name: 'upstream_checked_at', type: 'timestamptz', nullable: true })
  upstreamCheckedAt: Date | null;

  /** Imported by backfill: no alerts or notifications, SLA cycles marked as imported. */
  @Column({ type: 'boolean', default: false })
  imported: boolean;

  /** SLA cycle: 1, then one more each time the complaint is reopened (SPEC.md "Handling workflow"). */
  @Column({ type: 'integer', default: 1 })
  cycle: number;

  /** 0 none, 1 escalated to the mission's supervisor, 2 escalated to the ministry. */
  @Column({ name: 'escalation_level', type: 'smallint', default: 0 })
  escalationLevel: number;

  /** LAPOR! institution id the complaint was forwarded to (not our authority). */
  @Column({ name: 'forwarded_to', type: 'text', nullable: true })
  forwardedTo: string | null;

  /** The open SLA clock's next deadline; kept by the SLA engine, sorted on by the inbox. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** When an SLA clock of the current cycle was breached; null while none is. */
  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt: Date | null;

  /**
   * The SLA engine has yet to recompute this complaint's clocks. Set by the trigger
   * complaints_sla_dirty whenever the version moves (migration Sla1795800000000), cleared by the sweep.
   */
  @Index('complaints_sla_dirty_idx', { synchronize: false })
  @Column({ name: 'sla_dirty', type: 'boolean', default: true })
  slaDirty: boolean;

  /** Optimistic concurrency: the ETag of the complaint. */
  @VersionColumn({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'first_follow_up_at', type: 'timestamptz', nullable: true })
  firstFollowUpAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

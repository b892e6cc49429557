import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { NotificationKind } from '../../core/queue/queue.contract';
import type { ChannelError, NotificationChannelName } from './notification-channel';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { MissionEntity } from '../missions/mission.entity';

/**
 * A notification for an office: the in-app list, and the delivery state of the webhook and e-mail
 * channels. No personal data: ids, kinds and priorities only.
 */
@Entity({ name: 'notifications' })
@Index('notifications_mission_idx', ['missionCode', 'id'])
@Check('notifications_priority_check', `"priority" IN ('normal', 'high', 'urgent')`)
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'mission_code', type: 'text' })
  missionCode: string;

  @ManyToOne(() => MissionEntity)
  @JoinColumn({ name: 'mission_code', foreignKeyConstraintName: 'notifications_mission_code_fkey' })
  mission?: MissionEntity;

  @Column({ name: 'complaint_id', type: 'uuid', nullable: true })
  complaintId: string | null;

  @ManyToOne(() => ComplaintEntity, { nullable: true })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'notifications_complaint_id_fkey' })
  complaint?: ComplaintEntity | null;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'text', default: 'normal' })
  priority: 'normal' | 'high' | 'urgent';

  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload: Record<string, unknown>;

  @Column({ name: 'dedupe_key', type: 'text', unique: true })
  dedupeKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** When the webhook channel delivered it (2xx); a re-delivered job does not post again. */
  @Column({ name: 'webhook_delivered_at', type: 'timestamptz', nullable: true })
  webhookDeliveredAt: Date | null;

  /** When the e-mail channel sent it (the SMTP server accepted it); a re-delivered job does not send again. */
  @Column({ name: 'email_delivered_at', type: 'timestamptz', nullable: true })
  emailDeliveredAt: Date | null;

  /** The last failure of each channel; `final` = given up (README.md "Failures"). */
  @Column({ name: 'channel_errors', type: 'jsonb', default: () => `'{}'` })
  channelErrors: Partial<Record<NotificationChannelName, ChannelError>>;
}

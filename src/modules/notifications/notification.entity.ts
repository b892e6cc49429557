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
import { ComplaintEntity } from '../complaints/complaint.entity';
import { MissionEntity } from '../missions/mission.entity';

/** An in-app notification for an office. No personal data: ids, kinds and priorities only. */
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
}

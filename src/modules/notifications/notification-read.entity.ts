import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { NotificationEntity } from './notification.entity';

/**
 * One person (or API token) has read one notification. The in-app list is per reader: every person
 * of the office sees the office's notifications, each with their own read state.
 */
@Entity({ name: 'notification_reads' })
export class NotificationReadEntity {
  @PrimaryColumn({
    name: 'notification_id',
    type: 'bigint',
    primaryKeyConstraintName: 'notification_reads_pkey',
  })
  notificationId: string;

  /** The principal as audit rows name it: `user:<uuid>` or `token:<id>` (actorOf()). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'notification_reads_pkey' })
  reader: string;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'notification_id',
    foreignKeyConstraintName: 'notification_reads_notification_id_fkey',
  })
  notification?: NotificationEntity;

  @Column({ name: 'read_at', type: 'timestamptz', default: () => 'now()' })
  readAt: Date;
}

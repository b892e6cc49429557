import { UserEntity } from '../../modules/auth/user.entity';
import { UserSessionEntity } from '../../modules/auth/user-session.entity';
import { AuditEntryEntity } from '../../modules/audit/audit-entry.entity';
import { ApiTokenEntity } from '../../modules/auth/api-token.entity';
import { ComplaintEventEntity } from '../../modules/complaints/complaint-event.entity';
import { ComplaintEntity } from '../../modules/complaints/complaint.entity';
import { FollowUpEntity } from '../../modules/complaints/follow-up.entity';
import { InboundDeliveryEntity } from '../../modules/intake/inbound-delivery.entity';
import { PollCursorEntity } from '../../modules/intake/poll-cursor.entity';
import { MissionEntity } from '../../modules/missions/mission.entity';
import { NotificationEntity } from '../../modules/notifications/notification.entity';
import { NotificationReadEntity } from '../../modules/notifications/notification-read.entity';
import { SyncItemEntity } from '../../modules/sync/sync-item.entity';
import { DeadLetterEntity } from '../../modules/sync/dead-letter.entity';
import { ReconcileRunEntity } from '../../modules/reconcile/reconcile-run.entity';
import { SyncDriftEntity } from '../../modules/reconcile/sync-drift.entity';
import { HolidayEntity } from '../../modules/sla/holiday.entity';
import { SlaClockEntity } from '../../modules/sla/sla-clock.entity';
import { SlaFactEntity } from '../../modules/sla/sla-fact.entity';
import { ResponseTemplateEntity } from '../../modules/templates/response-template.entity';
import { OutboxEntity } from '../queue/outbox.entity';
import { WorkerHeartbeatEntity } from '../queue/worker-heartbeat.entity';

/** Every entity, for the data source used by the CLI, migrations checks and tests. */
export const ENTITIES = [
  MissionEntity,
  ComplaintEntity,
  ComplaintEventEntity,
  FollowUpEntity,
  InboundDeliveryEntity,
  PollCursorEntity,
  ApiTokenEntity,
  OutboxEntity,
  WorkerHeartbeatEntity,
  NotificationEntity,
  NotificationReadEntity,
  AuditEntryEntity,
  ResponseTemplateEntity,
  SyncItemEntity,
  DeadLetterEntity,
  ReconcileRunEntity,
  SyncDriftEntity,
  HolidayEntity,
  SlaClockEntity,
  SlaFactEntity,
  UserEntity,
  UserSessionEntity,
];

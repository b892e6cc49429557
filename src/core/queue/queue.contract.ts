/**
 * The one queue contract (STYLE.md habit 5).
 *
 * Queue and job names are STORED IN REDIS — NEVER RENAME them; add new ones instead. Payloads carry
 * ids and a correlation id only: no reporter data ever enters Redis, logs or the queue UI (SPEC.md
 * "Architecture").
 */

/** Queue names. Stored in Redis — never rename. */
export const QueueName = {
  /** Work that brings complaints in from LAPOR!: detail fetches, poll pages, backfill. */
  Intake: 'intake',
  /** Decide the responsible mission for a received complaint (issue: routing). */
  Routing: 'routing',
  /** Push public follow-ups and status changes to LAPOR! (issue: sync). */
  Sync: 'sync',
  /** Deliver notifications (in-app, webhook, e-mail). */
  Notify: 'notify',
  /** Housekeeping of the bridge itself (outbox purge and the like). */
  Maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
export const QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

/**
 * Job names. Stored in Redis — never rename. (Custom job ids must not contain ':', BullMQ refuses them.) A job name is added together with its @JobHandler:
 * a worker refuses to start while a consumed queue has a job nobody handles.
 */
export const JobName = {
  /** Fetch a complaint's detail and follow-ups from LAPOR! and ingest them (thin webhook, refresh). */
  IntakeFetchComplaint: 'intake.fetch-complaint',
  /** Route one complaint to its mission or desk. */
  ComplaintRoute: 'complaint.route',
  /** Delete relayed outbox rows older than the retention period. */
  OutboxPurge: 'outbox.purge',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Every payload carries the correlation id of the request or poll that caused it. */
export interface BasePayload {
  correlationId: string;
}

/** Job name → payload type: every `add` is type-checked against this map. */
export interface JobPayloads {
  [JobName.IntakeFetchComplaint]: BasePayload & { laporId: string; reason: 'thin-webhook' | 'refresh' };
  [JobName.ComplaintRoute]: BasePayload & { complaintId: string };
  [JobName.OutboxPurge]: BasePayload & { olderThanDays: number };
}

/** Which queue each job runs on. */
export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  [JobName.IntakeFetchComplaint]: QueueName.Intake,
  [JobName.ComplaintRoute]: QueueName.Routing,
  [JobName.OutboxPurge]: QueueName.Maintenance,
};

/** Job names whose handlers live in the given queue. */
export function jobsOfQueue(queue: QueueName): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((j) => JOB_QUEUE[j] === queue);
}

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUE, name);
}

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
  /** Read one page of the LAPOR! inbox of a poll run and ingest its items; then the next page. */
  IntakePollPage: 'intake.poll-page',
  /** Import a date range of LAPOR! history (admin endpoint; the CLI runs the same service inline). */
  IntakeBackfill: 'intake.backfill',
  /** Route one complaint to its mission or desk. */
  ComplaintRoute: 'complaint.route',
  /** Delete relayed outbox rows older than the retention period. */
  OutboxPurge: 'outbox.purge',
  /** Tell an office about a complaint that reached it (in-app; webhook and e-mail with the SLA issue). */
  NotificationDeliver: 'notification.deliver',
  /** Send the next item of one complaint's sync queue to LAPOR! (one item per job: the rate limit counts items). */
  SyncComplaint: 'sync.complaint',
  /** One reconciler run (queued by its scheduler): compare complaints with LAPOR!, record and repair drift. */
  SyncReconcile: 'sync.reconcile',
  /** One SLA sweep (queued by its scheduler): recompute changed clocks, fire warnings, breaches and escalations. */
  SlaSweep: 'sla.sweep',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Every payload carries the correlation id of the request or poll that caused it. */
export interface BasePayload {
  correlationId: string;
}

/** Job name → payload type: every `add` is type-checked against this map. */
export interface JobPayloads {
  [JobName.IntakeFetchComplaint]: BasePayload & {
    laporId: string;
    /** reconcile: the reconciler found the complaint missing or its status behind LAPOR!'s. */
    reason: 'thin-webhook' | 'refresh' | 'reconcile';
  };
  [JobName.IntakePollPage]: BasePayload & {
    /** poll_cursors.name: `inbox` (every POLL_INTERVAL_S) or `rescan` (nightly, 24 h). */
    cursor: 'inbox' | 'rescan';
    runId: string;
    /** ISO-8601: sent to LAPOR! as updated_from (the window's start, then keyset: see poll-window.ts). */
    from: string;
    page: number;
    /** ISO-8601: when the run started; the cursor moves here when the run completes. */
    startedAt: string;
    /** 0-based number of this page job within its run (part of the job id). */
    seq: number;
    /** Items read by the run's earlier pages. */
    seen: number;
  };
  /**
   * One page of a backfill; each job enqueues the next (so a long import never holds the intake
   * worker). Dates yyyy-mm-dd (WIB), inclusive; requestedBy is the admin's token id.
   */
  [JobName.IntakeBackfill]: BasePayload & {
    backfillId: string;
    from: string;
    to: string;
    requestedBy: string;
    /** 0-based number of this job within the backfill (part of the job id). */
    seq: number;
    /** Where this page starts (absent on the first job: the start of `from`). */
    at?: { from: string; page: number };
    /** Totals of the earlier jobs. */
    counts?: { seen: number; created: number; updated: number; unchanged: number; rejected: number };
  };
  [JobName.ComplaintRoute]: BasePayload & { complaintId: string };
  [JobName.OutboxPurge]: BasePayload & { olderThanDays: number };
  [JobName.SyncComplaint]: BasePayload & { complaintId: string };
  /** runId: the reconcile_runs row the scheduler queued (a re-delivered job of a finished run does nothing). */
  [JobName.SyncReconcile]: BasePayload & { runId: string };
  [JobName.SlaSweep]: BasePayload;
  /** No personal data: the office, the complaint id and what happened. */
  [JobName.NotificationDeliver]: BasePayload & {
    kind: NotificationKind;
    missionCode: string;
    /** Null for notifications about an office rather than a complaint (the daily digest). */
    complaintId: string | null;
    /** Counts only (a digest's figures): never personal data. */
    facts?: Record<string, number | null>;
    priority: 'normal' | 'high' | 'urgent';
    /** Makes a re-delivered job a no-op (notifications.dedupe_key). */
    dedupeKey: string;
  };
}

/** What a notification is about. Stored in the database — never rename. */
export type NotificationKind =
  | 'complaint.assigned'
  | 'complaint.triage'
  | 'complaint.rerouted'
  | 'complaint.transferred'
  | 'complaint.escalated'
  | 'complaint.reporter_replied'
  /** A public word of the mission keeps failing to reach LAPOR!, or landed in dead letters. */
  | 'sync.failing'
  /** Once a day per office with open dead letters or old unsent items: the counts. */
  | 'sync.digest'
  /** An SLA clock of the complaint reached 75% of its limit (facts: clock, limit). */
  | 'sla.warning'
  /** An SLA clock of the complaint passed its limit. */
  | 'sla.breached';

/** Which queue each job runs on. */
export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  [JobName.IntakeFetchComplaint]: QueueName.Intake,
  [JobName.IntakePollPage]: QueueName.Intake,
  [JobName.IntakeBackfill]: QueueName.Intake,
  [JobName.ComplaintRoute]: QueueName.Routing,
  [JobName.OutboxPurge]: QueueName.Maintenance,
  [JobName.NotificationDeliver]: QueueName.Notify,
  [JobName.SyncComplaint]: QueueName.Sync,
  [JobName.SyncReconcile]: QueueName.Sync,
  [JobName.SlaSweep]: QueueName.Maintenance,
};

/** Job names whose handlers live in the given queue. */
export function jobsOfQueue(queue: QueueName): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((j) => JOB_QUEUE[j] === queue);
}

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUE, name);
}

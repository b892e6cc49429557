import type { NotificationKind } from '../../core/queue/queue.contract';

/** The outbound channels besides the in-app list. Stored as keys of notifications.channel_errors. */
export type NotificationChannelName = 'webhook' | 'email';

/** The last failure of one channel of one notification (notifications.channel_errors). */
export interface ChannelError {
  /** ISO-8601. */
  at: string;
  /** What went wrong, without personal data: `HTTP 503`, `timeout after 5000 ms`, an SMTP reply. */
  error: string;
  /** Failed attempts so far. */
  attempts: number;
  /** Given up: a permanent refusal, or the job's last attempt. The channel is not tried again. */
  final: boolean;
}

/** What one channel makes of one notification. */
export type ChannelOutcome =
  /** note: something worth recording although delivered (e.g. recipients the SMTP server refused). */
  | { result: 'delivered'; note?: string }
  /** retry: worth trying again (timeouts, 5xx, 408, 429, connection errors); otherwise permanent. */
  | { result: 'failed'; retry: boolean; error: string }
  /** Nothing to send for this one (no e-mail recipient for the office). */
  | { result: 'not-applicable' };

/** A stored notification as the channels send it. Ids, kinds and counts only: no personal data. */
export interface OutboundNotification {
  /** notifications.id */
  id: string;
  /** Stable across retries: the webhook-id, part of the e-mail's Message-ID. */
  dedupeKey: string;
  kind: NotificationKind;
  missionCode: string;
  /** The office's name from the missions directory, when known. */
  missionName: string | null;
  complaintId: string | null;
  priority: 'normal' | 'high' | 'urgent';
  facts: Record<string, number | null>;
  createdAt: Date;
}

export interface NotificationChannel {
  readonly name: NotificationChannelName;
  /** Configured (its environment variables are set). */
  readonly enabled: boolean;
  /** One attempt. Never throws: every failure is an outcome. */
  send(n: OutboundNotification): Promise<ChannelOutcome>;
}

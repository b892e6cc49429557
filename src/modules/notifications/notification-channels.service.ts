import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NotificationKind } from '../../core/queue/queue.contract';
import { MissionsService } from '../missions/missions.service';
import type {
  ChannelError,
  ChannelOutcome,
  NotificationChannel,
  NotificationChannelName,
  OutboundNotification,
} from './notification-channel';
import { NotificationEmailClient } from './notification-email.client';
import { NotificationWebhookClient } from './notification-webhook.client';
import { NotificationChannelsPendingError } from './notification.errors';

/** What became of one channel in one job (the job's return value shows it in the queue UI). */
export type ChannelState =
  'delivered' | 'already-delivered' | 'given-up' | 'already-given-up' | 'retrying' | 'not-applicable';

/** The column that says a channel delivered the notification (constants only: they go into SQL). */
const DELIVERED_AT: Record<NotificationChannelName, string> = {
  webhook: 'webhook_delivered_at',
  email: 'email_delivered_at',
};

interface Row {
  id: string;
  dedupe_key: string;
  kind: NotificationKind;
  mission_code: string;
  complaint_id: string | null;
  priority: OutboundNotification['priority'];
  payload: { facts?: Record<string, number | null> };
  created_at: Date;
  webhook_delivered_at: Date | null;
  email_delivered_at: Date | null;
  channel_errors: Partial<Record<NotificationChannelName, ChannelError>>;
}

/**
 * The outbound channels of a stored notification (README.md): each configured channel that has
 * neither delivered it nor given up gets one attempt per job; success and final failure are written
 * to the row, so a re-delivered job sends nothing twice. Every channel is tried before a retryable
 * failure fails the job, so a webhook outage never holds up the e-mail (nor the in-app record,
 * which is already stored). No database connection is held while a channel talks to its server.
 */
@Injectable()
export class NotificationChannelsService {
  private readonly logger = new Logger(NotificationChannelsService.name);
  private readonly channels: NotificationChannel[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly missions: MissionsService,
    webhook: NotificationWebhookClient,
    email: NotificationEmailClient,
  ) {
    this.channels = [webhook, email].filter((c) => c.enabled);
  }

  /**
   * Delivers the notification with this dedupe key (recorded already) on every pending channel.
   * lastAttempt: the job will not run again, so a retryable failure is final too. Throws
   * NotificationChannelsPendingError, for BullMQ to retry the job, when a channel can still succeed.
   */
  async deliver(
    dedupeKey: string,
    opts: { lastAttempt: boolean },
  ): Promise<Partial<Record<NotificationChannelName, ChannelState>>> {
    if (!this.channels.length) return {};
    const row = await this.read(dedupeKey);
    const states: Partial<Record<NotificationChannelName, ChannelState>> = {};
    const pending = this.channels.filter((c) => {
      if ((c.name === 'webhook' ? row.webhook_delivered_at : row.email_delivered_at) !== null)
        states[c.name] = 'already-delivered';
      else if (row.channel_errors[c.name]?.final) states[c.name] = 'already-given-up';
      else return true;
      return false;
    });
    if (!pending.length) return states;
    const n = await this.outbound(row);
    const retrying: string[] = [];
    for (const channel of pending) {
      const outcome = await channel.send(n);
      const state = await this.settle(row, channel.name, outcome, opts.lastAttempt);
      states[channel.name] = state;
      if (state === 'retrying' && outcome.result === 'failed')
        retrying.push(`${channel.name}: ${outcome.error}`);
    }
    if (retrying.length) throw new NotificationChannelsPendingError(row.id, retrying);
    return states;
  }

  private async read(dedupeKey: string): Promise<Row> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, dedupe_key, kind, mission_code, complaint_id, priority, payload, created_at,
              webhook_delivered_at, email_delivered_at, channel_errors
       FROM notifications WHERE dedupe_key = $1`,
      [dedupeKey],
    );
    // record() stored it in this job before: a missing row is a bug, and BullMQ retries.
    if (!rows[0]) throw new Error(`notification ${dedupeKey} is not stored`);
    return rows[0];
  }

  private async outbound(row: Row): Promise<OutboundNotification> {
    const mission = await this.missions.get(row.mission_code).catch(() => null);
    return {
      id: row.id,
      dedupeKey: row.dedupe_key,
      kind: row.kind,
      missionCode: row.mission_code,
      missionName: mission?.name ?? null,
      complaintId: row.complaint_id,
      priority: row.priority,
      facts: row.payload.facts ?? {},
      createdAt: row.created_at,
    };
  }

  /** Writes the outcome to the row and logs it (ids and kinds only); returns the channel's state. */
  private async settle(
    row: Row,
    channel: NotificationChannelName,
    outcome: ChannelOutcome,
    lastAttempt: boolean,
  ): Promise<ChannelState> {
    const ctx = { notificationId: row.id, kind: row.kind, missionCode: row.mission_code, channel };
    if (outcome.result === 'not-applicable') return 'not-applicable';
    if (outcome.result === 'delivered') {
      await this.dataSource.query(
        `UPDATE notifications SET ${DELIVERED_AT[channel]} = now() WHERE id = $1 AND ${DELIVERED_AT[channel]} IS NULL`,
        [row.id],
      );
      if (outcome.note) {
        await this.recordError(row.id, channel, outcome.note, { final: false, failedAttempt: false });
        this.logger.warn(ctx, `notification delivered with a problem: ${outcome.note}`);
      }
      return 'delivered';
    }
    const final = !outcome.retry || lastAttempt;
    await this.recordError(row.id, channel, outcome.error, { final, failedAttempt: true });
    if (final)
      this.logger.error(
        ctx,
        `notification channel gave up: ${outcome.error}` + (outcome.retry ? ' (attempts exhausted)' : ''),
      );
    else this.logger.warn(ctx, `notification channel failed, will retry: ${outcome.error}`);
    return final ? 'given-up' : 'retrying';
  }

  private async recordError(
    id: string,
    channel: NotificationChannelName,
    error: string,
    how: { final: boolean; failedAttempt: boolean },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET channel_errors = channel_errors || jsonb_build_object($2::text, jsonb_build_object(
         'at', now(), 'error', $3::text, 'final', $4::boolean,
         'attempts', COALESCE((channel_errors -> $2::text ->> 'attempts')::int, 0) + $5::int))
       WHERE id = $1`,
      [id, channel, error, how.final, how.failedAttempt ? 1 : 0],
    );
  }
}

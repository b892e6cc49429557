import { Inject, Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { ConfigService } from '../../core/config/config.service';
import type { ChannelOutcome, NotificationChannel, OutboundNotification } from './notification-channel';
import {
  NOTIFICATION_CHANNEL_OPTIONS,
  type NotificationChannelOptions,
} from './notification-channel.options';
import { webhookBody, webhookOutcome, webhookTransportError } from './notification-webhook.rules';

/**
 * The webhook channel: one signed POST per attempt (Standard Webhooks: webhook-id = the
 * notification's dedupe key, the same on every retry, so a receiver can drop a repeat;
 * webhook-timestamp = this attempt; webhook-signature over id, timestamp and body). Retries are the
 * notify job's (BullMQ), not this client's: a job never waits out a receiver's outage.
 */
@Injectable()
export class NotificationWebhookClient implements NotificationChannel {
  readonly name = 'webhook';
  private readonly url: string | undefined;
  private readonly signer: Webhook | undefined;

  constructor(
    config: ConfigService,
    @Inject(NOTIFICATION_CHANNEL_OPTIONS) private readonly options: NotificationChannelOptions,
  ) {
    this.url = config.get('NOTIFY_WEBHOOK_URL');
    const secret = config.get('NOTIFY_WEBHOOK_SECRET');
    this.signer = this.url && secret ? new Webhook(secret) : undefined;
  }

  get enabled(): boolean {
    return this.signer !== undefined;
  }

  async send(n: OutboundNotification): Promise<ChannelOutcome> {
    if (!this.url || !this.signer) return { result: 'not-applicable' };
    const body = JSON.stringify(webhookBody(n));
    const now = new Date();
    const timeoutMs = this.options.webhookTimeoutMs;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'lapor-bridge',
          'webhook-id': n.dedupeKey,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': this.signer.sign(n.dedupeKey, now, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The answer's body means nothing to us; releasing it frees the connection.
      await res.body?.cancel().catch(() => undefined);
      return webhookOutcome(res.status);
    } catch (e) {
      return { result: 'failed', retry: true, error: webhookTransportError(e, timeoutMs) };
    }
  }
}

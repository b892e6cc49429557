import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { NodemailerError } from 'nodemailer/lib/errors';
import { ConfigService } from '../../core/config/config.service';
import { recipientsFor, type EmailRecipient } from './email-recipients';
import type { ChannelOutcome, NotificationChannel, OutboundNotification } from './notification-channel';
import {
  NOTIFICATION_CHANNEL_OPTIONS,
  type NotificationChannelOptions,
} from './notification-channel.options';
import { emailContent } from './notification-email.content';

const MAX_ERROR_CHARS = 300;

/**
 * What an SMTP failure means: the server's permanent refusals (5xx but 503, nodemailer's
 * `permanent`) are final; no answer, a dropped connection, a timeout or a 4xx is worth another try.
 */
export function smtpOutcome(e: unknown): ChannelOutcome {
  const err = e as NodemailerError;
  const what = [err.code, err.responseCode, err.response ?? err.message].filter(Boolean).join(' ');
  return { result: 'failed', retry: err.permanent !== true, error: what.slice(0, MAX_ERROR_CHARS) };
}

/**
 * The e-mail channel: one message per notification to the office's NOTIFY_EMAIL_TO recipients and
 * the `*` ones, through SMTP_URL (nodemailer; STARTTLS when offered, certificates checked). The
 * Message-ID comes from the dedupe key, so a repeat that slips through threads with the first.
 */
@Injectable()
export class NotificationEmailClient implements NotificationChannel, OnModuleDestroy {
  readonly name = 'email';
  private readonly transport: ReturnType<typeof createTransport> | undefined;
  private readonly from: string | undefined;
  private readonly to: readonly EmailRecipient[];
  private readonly publicBaseUrl: string | undefined;

  constructor(
    config: ConfigService,
    @Inject(NOTIFICATION_CHANNEL_OPTIONS) options: NotificationChannelOptions,
  ) {
    const url = config.get('SMTP_URL');
    this.from = config.get('NOTIFY_EMAIL_FROM');
    this.to = config.get('NOTIFY_EMAIL_TO');
    this.publicBaseUrl = config.get('PUBLIC_BASE_URL');
    const ms = options.smtpTimeoutMs;
    this.transport = url
      ? createTransport({ url, connectionTimeout: ms, greetingTimeout: ms, socketTimeout: ms })
      : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined && this.from !== undefined && this.to.length > 0;
  }

  async send(n: OutboundNotification): Promise<ChannelOutcome> {
    const to = recipientsFor(this.to, n.missionCode);
    if (!this.transport || !this.from || !to.length) return { result: 'not-applicable' };
    const { subject, text } = emailContent(n, this.publicBaseUrl);
    try {
      const info = (await this.transport.sendMail({
        from: this.from,
        to,
        subject,
        text,
        messageId: `<${n.dedupeKey.replace(/[^A-Za-z0-9._-]/g, '_')}@lapor-bridge>`,
        priority: n.priority === 'normal' ? 'normal' : 'high',
        headers: { 'X-Lapor-Bridge-Notification': n.id },
      })) as { rejected?: unknown[] };
      const rejected = (info.rejected ?? []).map(String);
      return rejected.length
        ? {
            result: 'delivered',
            note: `refused recipients: ${rejected.join(', ')}`.slice(0, MAX_ERROR_CHARS),
          }
        : { result: 'delivered' };
    } catch (e) {
      return smtpOutcome(e);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

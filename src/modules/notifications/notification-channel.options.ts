/** Timeouts of the outbound channels (tests shorten them). */
export interface NotificationChannelOptions {
  /** Whole webhook request, response included: past it the attempt counts as a timeout and is retried. */
  webhookTimeoutMs: number;
  /** Each SMTP step (connect, greeting, every command). */
  smtpTimeoutMs: number;
}

export const NOTIFICATION_CHANNEL_OPTIONS = Symbol('NOTIFICATION_CHANNEL_OPTIONS');

export const DEFAULT_NOTIFICATION_CHANNEL_OPTIONS: NotificationChannelOptions = {
  webhookTimeoutMs: 5_000,
  smtpTimeoutMs: 10_000,
};

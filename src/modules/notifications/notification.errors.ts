/**
 * A channel of a stored notification failed in a way worth retrying (timeout, 5xx, 408, 429, no
 * connection): thrown after every channel had its attempt, so BullMQ retries the notify job. The
 * retry sends only what is still pending. The message names channels and errors, never a URL.
 */
export class NotificationChannelsPendingError extends Error {
  readonly code = 'NOTIFICATION_CHANNEL_PENDING';

  constructor(
    readonly notificationId: string,
    readonly failures: string[],
  ) {
    super(`notification ${notificationId}: ${failures.join('; ')}; retrying`);
    this.name = 'NotificationChannelsPendingError';
  }
}

import { DomainError } from '../../core/http/domain.errors';

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

/** No notification with this id in the caller's list (another office's looks the same: no existence leak). */
export class NotificationNotFoundError extends DomainError {
  constructor(id: string) {
    super('NOTIFICATION_NOT_FOUND', 404, `No notification "${id}" in your list.`);
  }
}

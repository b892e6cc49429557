import type { ChannelOutcome, OutboundNotification } from './notification-channel';

/** The JSON body of a notification webhook: what the in-app list shows, no personal data. */
export interface NotificationWebhookBody {
  id: string;
  kind: string;
  missionCode: string;
  complaintId: string | null;
  priority: string;
  facts: Record<string, number | null>;
  createdAt: string;
}

export function webhookBody(n: OutboundNotification): NotificationWebhookBody {
  return {
    id: n.id,
    kind: n.kind,
    missionCode: n.missionCode,
    complaintId: n.complaintId,
    priority: n.priority,
    facts: n.facts,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * What an HTTP status means for a delivery (README.md "Failures"): 2xx delivered; 408, 429 and 5xx
 * are worth another try; redirects are not followed (a moved endpoint is a configuration problem,
 * and a POST turned into a GET by a redirect would be lost anyway); other 4xx are final.
 */
export function webhookOutcome(status: number): ChannelOutcome {
  if (status >= 200 && status < 300) return { result: 'delivered' };
  const retry = status === 408 || status === 429 || status >= 500;
  const why = status >= 300 && status < 400 ? ' (redirects are not followed: fix NOTIFY_WEBHOOK_URL)' : '';
  return { result: 'failed', retry, error: `HTTP ${status}${why}` };
}

/** A transport failure, named without the URL (it may carry a token in its query). */
export function webhookTransportError(e: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's errors (DOMException, undici's) need not share this realm's Error.
  const err = (e ?? {}) as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  return `connection failed: ${err.cause?.code ?? err.cause?.message ?? err.message ?? String(e)}`;
}

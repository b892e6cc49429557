import { ValidationFailedError, type FieldError } from '../../core/http/domain.errors';

/** Event types LAPOR! (or the gateway relaying it) sends (LAPOR-API.md "Webhook callbacks"). */
export const WEBHOOK_EVENT_TYPES = [
  'complaint.dispositioned',
  'complaint.updated',
  'complaint.status_changed',
  'complaint.followup_added',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookEvent {
  type: WebhookEventType;
  laporId: string;
  /** The full complaint object, when sent; absent = thin event (the bridge fetches the detail). */
  complaint: unknown;
  followup: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads the JSON of an authenticated webhook delivery. Anything off is a 400 listing each problem:
 * the signature was valid, so the sender has a bug to fix, and a retry of the same body cannot succeed.
 */
export function parseWebhookEvent(rawBody: Buffer): WebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new ValidationFailedError(
      [{ field: 'body', message: 'body is not valid JSON' }],
      'The body is not valid JSON.',
    );
  }
  const errors: FieldError[] = [];
  if (!isObject(json))
    throw new ValidationFailedError([{ field: 'body', message: 'body must be a JSON object' }]);
  const type = json.type;
  if (typeof type !== 'string') errors.push({ field: 'type', message: 'type must be a string' });
  else if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)) {
    throw Object.assign(
      new ValidationFailedError(
        [{ field: 'type', message: `type must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` }],
        `Unknown event type "${type.slice(0, 64)}".`,
      ),
      { code: 'WEBHOOK_UNKNOWN_TYPE' },
    );
  }
  const data = json.data;
  let laporId: string | null = null;
  if (!isObject(data)) errors.push({ field: 'data', message: 'data must be an object' });
  else {
    const id = data.complaint_id;
    if (
      (typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)) ||
      (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0)
    ) {
      laporId = String(id);
    } else
      errors.push({
        field: 'data.complaint_id',
        message: 'complaint_id must be a LAPOR! id (string or number)',
      });
    if (data.complaint !== undefined && data.complaint !== null && !isObject(data.complaint)) {
      errors.push({ field: 'data.complaint', message: 'complaint must be an object when present' });
    }
    if (data.followup !== undefined && data.followup !== null && !isObject(data.followup)) {
      errors.push({ field: 'data.followup', message: 'followup must be an object when present' });
    }
    if (type === 'complaint.followup_added' && !isObject(data.followup) && !isObject(data.complaint)) {
      // A thin follow-up event is fine too: the fetch reads the follow-ups.
    }
  }
  if (errors.length || !laporId || !isObject(data)) throw new ValidationFailedError(errors);
  return {
    type: type as WebhookEventType,
    laporId,
    complaint: data.complaint ?? undefined,
    followup: data.followup ?? undefined,
  };
}

import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { toWireComplaint, toWireFollowup, type WireComplaint, type WireFollowup } from './lapor-wire.mapper';
import type { SandboxClock } from './sandbox.clock';
import { idField } from './sandbox-dto.util';
import { SandboxError } from './sandbox.errors';
import type { SandboxStore } from './sandbox.store';
import type { StoredComplaint } from './sandbox.types';

/** LAPOR-API.md "Webhook callbacks": the event types a sender pushes. Others are allowed, for tests. */
export const WEBHOOK_TYPES = [
  'complaint.dispositioned',
  'complaint.updated',
  'complaint.status_changed',
  'complaint.followup_added',
] as const;

export const deliverSchema = z.object({
  url: z.string().url(),
  type: z.string().min(1).default('complaint.updated'),
  complaintId: idField,
  /** The follow-up to embed; defaults to the latest one for complaint.followup_added. */
  followupId: idField.optional(),
  /** A hint without the complaint object: the bridge must fetch the detail itself. */
  thin: z.boolean().default(false),
  /** Send the same message (same webhook-id and body) a second time, as a retrying sender does. */
  duplicate: z.boolean().default(false),
  /** After the current state, send an older snapshot of the complaint as a separate event. */
  outOfOrder: z.boolean().default(false),
  /** Send all messages at once instead of one after the other. */
  concurrent: z.boolean().default(false),
  /** Sign with another secret (e.g. a wrong one, to see the receiver refuse). */
  secret: z.string().min(1).optional(),
  /** Shift webhook-timestamp, e.g. -3600 for a stale delivery. */
  timestampOffsetS: z.number().int().default(0),
  timeoutMs: z.number().int().min(1).max(120_000).default(10_000),
});
export type DeliverRequest = z.output<typeof deliverSchema>;

export interface WebhookBody {
  type: string;
  timestamp: string;
  data: { complaint_id: string; complaint?: WireComplaint; followup?: WireFollowup };
}

export interface Delivery {
  seq: number;
  role: 'event' | 'duplicate' | 'older_snapshot';
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

interface Message {
  role: Delivery['role'];
  id: string;
  body: string;
}

const MAX_LOG = 1_000;
const MAX_RESPONSE_CHARS = 2_000;

/**
 * Sends Standard Webhooks signed callbacks with the official library. webhook-timestamp is wall-clock
 * time (the receiver checks it against its own clock), while the body's `timestamp` is the sandbox
 * clock's time of the change, so frozen-clock fixtures and signature tolerance both work.
 */
export class WebhookSender {
  private deliveries: Delivery[] = [];
  private seq = 0;

  constructor(
    private readonly store: SandboxStore,
    private readonly clock: SandboxClock,
    private readonly defaultSecret: string,
  ) {}

  async deliver(req: DeliverRequest): Promise<Delivery[]> {
    const messages = this.messages(req);
    const send = (m: Message) => this.send(req, m);
    if (req.concurrent) return Promise.all(messages.map(send));
    const sent: Delivery[] = [];
    for (const message of messages) sent.push(await send(message));
    return sent;
  }

  log(): Delivery[] {
    return this.deliveries;
  }

  clear(): void {
    this.deliveries = [];
  }

  private messages(req: DeliverRequest): Message[] {
    const known = this.store.has(req.complaintId);
    if (!known && !req.thin) throw SandboxError.notFound(`Laporan ${req.complaintId}`);
    const current = known ? this.store.get(req.complaintId) : undefined;
    const event: Message = { role: 'event', id: newMessageId(), body: this.body(req, current) };
    const list = [event];
    if (req.duplicate) list.push({ ...event, role: 'duplicate' });
    if (req.outOfOrder && current) {
      const older = this.store.previousVersion(current.id) ?? backdated(current);
      list.push({ role: 'older_snapshot', id: newMessageId(), body: this.body(req, older) });
    }
    return list;
  }

  private body(req: DeliverRequest, snapshot: StoredComplaint | undefined): string {
    const body: WebhookBody = {
      type: req.type,
      timestamp: (snapshot?.updatedAt ?? this.clock.now()).toISOString(),
      data: { complaint_id: req.complaintId },
    };
    if (snapshot && !req.thin) {
      body.data.complaint = toWireComplaint(snapshot);
      const followup = this.followup(req, snapshot.id);
      if (followup) body.data.followup = followup;
    }
    return JSON.stringify(body);
  }

  private followup(req: DeliverRequest, complaintId: string): WireFollowup | undefined {
    if (req.followupId) return toWireFollowup(this.store.findFollowup(complaintId, req.followupId));
    if (req.type !== 'complaint.followup_added') return undefined;
    const last = this.store.followupsOf(complaintId).at(-1);
    return last && toWireFollowup(last);
  }

  private async send(req: DeliverRequest, message: Message): Promise<Delivery> {
    const timestamp = new Date(Date.now() + req.timestampOffsetS * 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'lapor-bridge-sandbox',
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': new Webhook(req.secret ?? this.defaultSecret).sign(
        message.id,
        timestamp,
        message.body,
      ),
    };
    const delivery: Delivery = {
      seq: ++this.seq,
      role: message.role,
      url: req.url,
      headers,
      body: message.body,
      status: null,
      responseBody: null,
      error: null,
      durationMs: 0,
    };
    const started = performance.now();
    try {
      const response = await fetch(req.url, {
        method: 'POST',
        headers,
        body: message.body,
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      delivery.status = response.status;
      delivery.responseBody = (await response.text()).slice(0, MAX_RESPONSE_CHARS);
    } catch (error) {
      delivery.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    delivery.durationMs = Math.round(performance.now() - started);
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_LOG) this.deliveries.shift();
    return delivery;
  }
}

function newMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

/** A complaint that never changed has no older version; an hour-older copy stands in for one. */
function backdated(complaint: StoredComplaint): StoredComplaint {
  const copy = structuredClone(complaint);
  copy.updatedAt = new Date(complaint.updatedAt.getTime() - 3_600_000);
  return copy;
}

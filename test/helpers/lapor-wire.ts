import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Webhook } from 'standardwebhooks';

/** `d-m-Y H:i:s` in WIB, as LAPOR! writes instants. */
export function wib(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone('Asia/Jakarta').toFormat('dd-MM-yyyy HH:mm:ss');
}

// Ids are unique within a test process (one random base, then a counter): random ids per call
// collide (a birthday problem) as soon as a test sends a thousand complaints.
let seq = 7_000_000 + Math.floor(Math.random() * 1e9);

/** A LAPOR! complaint object on the wire (LAPOR-API.md), with the sandbox's known codes. */
export function wireComplaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = (overrides.id as string | undefined) ?? String(++seq);
  return {
    id,
    complaint_id: id,
    tracking_id: `T${id}`,
    title: 'Paspor belum jadi setelah 3 minggu',
    content: 'Saya mengajukan penggantian paspor di KBRI Seoul, sudah 3 minggu belum ada kabar.',
    classification_id: '1',
    classification_name: 'Pengaduan',
    category_id: '610',
    category_name: 'Pelayanan Kekonsuleran',
    location_id: '34',
    location_name: 'Nasional',
    date_of_incident: '01-11-2026',
    is_anonymous: false,
    is_secret: false,
    reporter: { name: 'Siti Aminah', email: 'siti.aminah@example.id', phone: '+62 812-0000-1234' },
    status_code: 'process',
    status_name: 'Dalam Proses',
    disposition_id: '1001',
    disposition_name: 'Kementerian Luar Negeri',
    dispositioned_at: wib('2026-11-20T02:00:00Z'),
    created_at: wib('2026-11-19T01:00:00Z'),
    updated_at: wib('2026-11-20T02:00:00Z'),
    attachments: [],
    ...overrides,
  };
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/** A Standard Webhooks delivery signed with the official library. */
export function signedWebhook(
  secret: string,
  payload: unknown,
  opts: { id?: string; at?: Date; body?: string } = {},
): SignedRequest {
  const id = opts.id ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  const body = opts.body ?? JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    },
  };
}

export function event(
  type: string,
  complaint: Record<string, unknown> | null,
  extra: Record<string, unknown> = {},
) {
  return {
    type,
    timestamp: new Date().toISOString(),
    data: {
      complaint_id: complaint ? complaint.id : extra.complaint_id,
      ...(complaint ? { complaint } : {}),
      ...extra,
    },
  };
}

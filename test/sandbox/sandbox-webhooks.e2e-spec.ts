import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { SANDBOX_WEBHOOK_SECRET } from '../../src/sandbox/sandbox.defaults';
import { control, makeSandbox } from './sandbox.helper';

interface Received {
  id: string;
  verified: boolean;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** A tiny receiver that verifies like the bridge will: the official library, on the raw body. */
function startReceiver(secret: string): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const verifier = new Webhook(secret);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      };
      let verified = true;
      try {
        verifier.verify(raw, headers);
      } catch {
        verified = false;
      }
      received.push({ id: headers['webhook-id'], verified, body: JSON.parse(raw) as Received['body'] });
      res.writeHead(verified ? 202 : 401).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/webhooks/lapor`, received, server });
    });
  });
}

describe('LAPOR! sandbox: signed webhook callbacks (Standard Webhooks)', () => {
  const sandbox = makeSandbox();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver(SANDBOX_WEBHOOK_SECRET);
  });
  afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));

  beforeEach(async () => {
    sandbox.reset();
    receiver.received.length = 0;
    await control(sandbox)
      .post('/_sandbox/complaints')
      .send({ id: '31', created_at: '2026-11-20T00:00:00Z' });
  });

  const deliver = (body: Record<string, unknown>) =>
    control(sandbox)
      .post('/_sandbox/webhooks/deliver')
      .send({ url: receiver.url, complaintId: '31', ...body });

  it('delivers a full event that verifies with Webhook.verify', async () => {
    const res = await deliver({ type: 'complaint.dispositioned' }).expect(200);
    expect(res.body.statuses).toEqual([202]);
    expect(receiver.received).toHaveLength(1);
    const [event] = receiver.received;
    expect(event.verified).toBe(true);
    expect(event.id).toMatch(/^msg_/);
    expect(event.body).toMatchObject({
      type: 'complaint.dispositioned',
      timestamp: '2026-11-20T00:00:00.000Z',
      data: { complaint_id: '31', complaint: { id: 31, created_at: '20-11-2026 07:00:00' } },
    });
  });

  it('delivers a thin event without the complaint object', async () => {
    await deliver({ thin: true }).expect(200);
    expect(receiver.received[0].body.data).toEqual({ complaint_id: '31' });
    expect(receiver.received[0].verified).toBe(true);
  });

  it('embeds the latest follow-up in complaint.followup_added', async () => {
    await control(sandbox).post('/_sandbox/complaints/31/followups').send({ content: 'Balasan pelapor' });
    await deliver({ type: 'complaint.followup_added' }).expect(200);
    expect(receiver.received[0].body.data.followup).toMatchObject({
      content: 'Balasan pelapor',
      author_type: 'reporter',
    });
  });

  it('delivers a duplicate with the same webhook-id and body', async () => {
    const res = await deliver({ duplicate: true }).expect(200);
    expect(res.body.statuses).toEqual([202, 202]);
    const [first, second] = receiver.received;
    expect(second.id).toBe(first.id);
    expect(second.body).toEqual(first.body);
    expect(second.verified).toBe(true);
  });

  it('delivers an older snapshot after the newer one when out of order', async () => {
    await control(sandbox).patch('/_sandbox/complaints/31').send({ status_code: 'done' }).expect(200);
    await deliver({ type: 'complaint.status_changed', outOfOrder: true }).expect(200);
    const [newer, older] = receiver.received;
    expect(newer.id).not.toBe(older.id);
    expect([newer.verified, older.verified]).toEqual([true, true]);
    expect(newer.body.data.complaint).toMatchObject({
      status_name: 'Selesai',
      updated_at: '23-11-2026 14:05:09',
    });
    expect(older.body.data.complaint).toMatchObject({
      status_name: 'Dalam Proses',
      updated_at: '20-11-2026 07:00:00',
    });
    expect(Date.parse(older.body.timestamp)).toBeLessThan(Date.parse(newer.body.timestamp));
  });

  it('signs with another secret or a stale timestamp on request, which the receiver refuses', async () => {
    const wrong = await deliver({ secret: 'whsec_' + Buffer.from('another-secret-key').toString('base64') });
    expect(wrong.body.statuses).toEqual([401]);
    const stale = await deliver({ timestampOffsetS: -3600 });
    expect(stale.body.statuses).toEqual([401]);
    expect(receiver.received.map((r) => r.verified)).toEqual([false, false]);
  });

  it('logs deliveries and reports an unreachable receiver', async () => {
    const res = await control(sandbox)
      .post('/_sandbox/webhooks/deliver')
      .send({ url: 'http://127.0.0.1:9/nowhere', complaintId: '31', timeoutMs: 2000 })
      .expect(200);
    expect(res.body.data[0]).toMatchObject({ status: null, error: expect.any(String) });
    const log = await control(sandbox).get('/_sandbox/webhooks').expect(200);
    expect(log.body.data).toHaveLength(1);
    await deliver({ complaintId: '404' }).expect(404);
  });
});

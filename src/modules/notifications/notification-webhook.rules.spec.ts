import type { OutboundNotification } from './notification-channel';
import { webhookBody, webhookOutcome, webhookTransportError } from './notification-webhook.rules';

const n: OutboundNotification = {
  id: '42',
  dedupeKey: 'complaint.assigned-3f0c-2',
  kind: 'complaint.assigned',
  missionCode: 'osaka',
  missionName: 'KJRI Osaka',
  complaintId: '3f0c2b8e-0000-4000-8000-000000000001',
  priority: 'high',
  facts: {},
  createdAt: new Date('2026-03-02T03:04:05.000Z'),
};

describe('webhook channel rules', () => {
  it('counts 2xx as delivered', () => {
    for (const s of [200, 201, 202, 204]) expect(webhookOutcome(s)).toEqual({ result: 'delivered' });
  });

  it('retries 408, 429 and 5xx', () => {
    for (const s of [408, 429, 500, 502, 503, 504])
      expect(webhookOutcome(s)).toEqual({ result: 'failed', retry: true, error: `HTTP ${s}` });
  });

  it('gives up on other 4xx and on redirects', () => {
    for (const s of [400, 401, 403, 404, 410, 413, 422])
      expect(webhookOutcome(s)).toEqual({ result: 'failed', retry: false, error: `HTTP ${s}` });
    expect(webhookOutcome(301)).toMatchObject({
      retry: false,
      error: expect.stringMatching(/^HTTP 301 \(redirects/),
    });
  });

  it('names transport failures without the URL', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(webhookTransportError(timeout, 5000)).toBe('timeout after 5000 ms');
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
    });
    expect(webhookTransportError(refused, 5000)).toBe('connection failed: ECONNREFUSED');
  });

  it('sends ids, kind, office, priority, facts and time: nothing else', () => {
    expect(webhookBody(n)).toEqual({
      id: '42',
      kind: 'complaint.assigned',
      missionCode: 'osaka',
      complaintId: '3f0c2b8e-0000-4000-8000-000000000001',
      priority: 'high',
      facts: {},
      createdAt: '2026-03-02T03:04:05.000Z',
    });
  });
});

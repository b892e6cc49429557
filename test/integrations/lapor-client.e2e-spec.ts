import { Logger } from '@nestjs/common';
import { ConfigService } from '../../src/core/config/config.service';
import { loadEnv } from '../../src/core/config/load-env';
import { withCorrelation } from '../../src/core/http/correlation';
import type { LaporClientOptions } from '../../src/integrations/lapor/lapor-client.options';
import { LaporClient } from '../../src/integrations/lapor/lapor.client';
import { LaporError } from '../../src/integrations/lapor/lapor.errors';
import { SANDBOX_INSTITUTION_ID, SandboxServer } from '../../src/sandbox/sandbox.server';
import { waitFor } from '../helpers/wait-for';

/**
 * The LAPOR! client against the real sandbox over HTTP (nothing mocked below HTTP). Faults come from
 * the sandbox's control API; what reached LAPOR! is read back from its request log, so assertions are
 * about requests and their recorded times, never about wall-clock budgets.
 */
const API_KEY = 'e2e-client-api-key';
const TOKEN = '{0a1b2c3d-0000-4000-8000-00000000c11e}';
const US = SANDBOX_INSTITUTION_ID;

interface Recorded {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
  status: number | null;
}

describe('LaporClient against the LAPOR! sandbox', () => {
  let sandbox: SandboxServer;
  let base: string;

  beforeAll(async () => {
    // Outside an app there is no pino logger to honour LOG_LEVEL=silent; keep the output readable.
    Logger.overrideLogger(false);
    sandbox = new SandboxServer({ apiKey: API_KEY, token: TOKEN });
    base = await sandbox.start(0);
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.reset());

  /** A fresh client (and so a fresh breaker) with fast retries; override per test. */
  function client(opts: Partial<LaporClientOptions> = {}, env: Record<string, string> = {}): LaporClient {
    const config = new ConfigService(
      loadEnv({ LAPOR_BASE_URL: base, LAPOR_API_KEY: API_KEY, LAPOR_TOKEN: TOKEN, ...env }),
    );
    return new LaporClient(config, {
      timeoutMs: 5_000,
      initialBackoffMs: 20,
      maxBackoffMs: 100,
      halfOpenAfterMs: 500,
      ...opts,
    });
  }

  async function controlApi(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${base}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  }
  const createComplaints = (complaints: Record<string, unknown>[]) =>
    controlApi('POST', '/complaints', { complaints });
  const fault = (f: Record<string, unknown>) => controlApi('POST', '/faults', f);
  const requests = async (path: string, method?: string): Promise<Recorded[]> => {
    const query = new URLSearchParams({ path, ...(method ? { method } : {}) });
    return ((await controlApi('GET', `/requests?${query.toString()}`)) as { data: Recorded[] }).data;
  };
  const caught = async (promise: Promise<unknown>): Promise<LaporError> => {
    try {
      await promise;
    } catch (err) {
      expect(err).toBeInstanceOf(LaporError);
      return err as LaporError;
    }
    throw new Error('expected a LaporError');
  };

  describe('reading', () => {
    it('reads the inbox page by page, with WIB updated_from and both credential headers', async () => {
      await createComplaints([
        ...[1, 2, 3, 4, 5].map((i) => ({
          id: String(100 + i),
          created_at: '2026-03-01T00:00:00Z',
          updated_at: `2026-03-0${i + 1}T07:05:09Z`,
        })),
        { id: '99', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z' },
        { id: '98', disposition_id: null, updated_at: '2026-03-09T00:00:00Z' },
      ]);
      const lapor = client();
      const updatedFrom = new Date('2026-03-02T07:05:09.500Z');
      const page1 = await withCorrelation('corr-inbox-1234', () =>
        lapor.inboxPage({ updatedFrom, page: 1, pageSize: 2 }),
      );
      const page3 = await lapor.inboxPage({ updatedFrom, page: 3, pageSize: 2 });

      expect(page1.items.map((c) => c.laporId)).toEqual(['101', '102']);
      expect(page1.items[0].updatedAt).toEqual(new Date('2026-03-02T07:05:09Z'));
      expect(page1.nextPageUrl).toMatch(/page=2/);
      expect(page1.rejected).toEqual([]);
      expect(page3.items.map((c) => c.laporId)).toEqual(['105']);
      expect(page3.nextPageUrl).toBeNull();

      const [first] = await requests('/complaints/inbox');
      expect(first.query).toEqual({ updated_from: '02-03-2026 14:05:09', page: '1', page_size: '2' });
      // The sandbox redacts the credentials in its log; their presence is what counts here.
      expect(first.headers).toMatchObject({
        authorization: '[redacted]',
        token: '[redacted]',
        accept: 'application/json',
        'x-correlation-id': 'corr-inbox-1234',
      });
      expect(first.status).toBe(200);
    });

    it('maps a complaint detail with its logs', async () => {
      await createComplaints([
        {
          id: '200',
          created_at: '2026-03-01T00:00:00Z',
          dispositioned_at: '2026-03-01T05:00:00Z',
          is_anonymous: true,
          reporter: { name: 'Siti Contoh', email: 'siti@example.com' },
          date_of_incident: '2026-02-27',
        },
      ]);
      await controlApi('PATCH', '/complaints/200', {
        status_code: 'done',
        updated_at: '2026-03-04T00:00:00Z',
      });
      const { complaint, logs } = await client().complaintDetail('200');
      expect(complaint).toMatchObject({
        laporId: '200',
        statusCode: 'done',
        statusMeaning: 'finished',
        classification: 'pengaduan',
        isAnonymous: true,
        reporter: null,
        dispositionId: US,
        dispositionName: 'Kementerian Luar Negeri',
        dispositionedAt: new Date('2026-03-01T05:00:00Z'),
        dispositionedAtSource: 'field',
        createdAt: new Date('2026-03-01T00:00:00Z'),
        updatedAt: new Date('2026-03-04T00:00:00Z'),
        dateOfIncident: '2026-02-27',
        unknownCodes: [],
      });
      expect(logs.map((l) => [l.statusName, l.createdAt?.toISOString()])).toEqual([
        ['Belum Terverifikasi', '2026-03-01T00:00:00.000Z'],
        ['Dalam Proses', '2026-03-01T05:00:00.000Z'],
        ['Selesai', '2026-03-04T00:00:00.000Z'],
      ]);
    });

    it('reads follow-ups one page at a time and all of them across pages', async () => {
      const followups = Array.from({ length: 120 }, (_, i) => ({
        author_type: i % 3 === 0 ? 'reporter' : i % 3 === 1 ? 'institution' : 'admin',
        content: `Balasan ${i}`,
        created_at: new Date(Date.UTC(2026, 2, 2, 0, i)).toISOString(),
      }));
      await createComplaints([{ id: '300', created_at: '2026-03-01T00:00:00Z', followups }]);
      const lapor = client();
      const page = await lapor.followUpsPage('300', 1);
      expect(page.items).toHaveLength(100);
      expect(page.nextPageUrl).not.toBeNull();
      expect(page.items[0]).toMatchObject({ content: 'Balasan 0', authorType: 'reporter' });
      const all = await lapor.allFollowUps('300');
      expect(all.map((f) => f.content)).toEqual(followups.map((f) => f.content));
      expect(all[2].authorType).toBe('admin');
      expect(all[1]).toMatchObject({ authorType: 'institution', institutionFromId: US });
    });

    it('reads the institution and template masters', async () => {
      const lapor = client();
      const institutions = await lapor.institutions();
      expect(institutions).toContainEqual({ id: US, name: 'Kementerian Luar Negeri' });
      const templates = await lapor.templates();
      expect(templates.map((t) => t.templateCode)).toContain('TL-PROSES');
    });

    it('puts a poisoned item of an inbox page in `rejected` and lists unknown codes, mapping the rest', async () => {
      await createComplaints([
        { id: '401', updated_at: '2026-03-02T00:00:00Z' },
        {
          id: '402',
          updated_at: '2026-03-03T00:00:00Z',
          attachments: [{ name: 'klik.html', url: 'javascript:alert(document.cookie)' }],
        },
        { id: '403', updated_at: '2026-03-04T00:00:00Z', status_code: '99', status_name: 'Status Baru' },
      ]);
      const page = await client().inboxPage({ updatedFrom: new Date('2026-03-01T00:00:00Z'), page: 1 });
      expect(page.items.map((c) => c.laporId)).toEqual(['401', '403']);
      expect(page.rejected).toEqual([
        { index: 1, laporId: '402', reason: 'attachments[0].url: expected an http(s) URL' },
      ]);
      expect(page.items[1].statusMeaning).toBeNull();
      expect(page.items[1].unknownCodes).toEqual([{ field: 'status', code: '99', name: 'Status Baru' }]);
    });
  });

  describe('writing', () => {
    beforeEach(() => createComplaints([{ id: '500', created_at: '2026-03-01T00:00:00Z' }]));

    it('posts a follow-up as JSON', async () => {
      const result = await client().addFollowUp({
        complaintId: '500',
        institutionFromId: US,
        content: 'Paspor Saudara sudah dapat diambil. [ref:fu-1]',
        templateCode: 'TL-PROSES',
        isSecret: false,
      });
      expect(result.laporFollowupId).toMatch(/^\d+$/);
      const [sent] = await requests('/complaints/followup/add', 'POST');
      expect(sent.headers['content-type']).toMatch(/application\/json/);
      expect(sent.body).toEqual({
        complaint_id: '500',
        institution_from_id: US,
        institution_to_id: US,
        content: 'Paspor Saudara sudah dapat diambil. [ref:fu-1]',
        template_code: 'TL-PROSES',
        is_secret: 0,
      });
      expect(sent.status).toBe(200);
      const stored = (await controlApi('GET', '/followups?complaint_id=500')) as { data: { id: number }[] };
      expect(stored.data.map((f) => String(f.id))).toEqual([result.laporFollowupId]);
    });

    it('forwards a complaint that is not our authority', async () => {
      await client().forwardNotOurAuthority({
        complaintId: '500',
        targetInstitutionId: '1002',
        reason: 'Penerbitan paspor di dalam negeri adalah kewenangan Imigrasi.',
      });
      const [sent] = await requests('/complaints/process/500/reject', 'POST');
      expect(sent.body).toEqual({
        is_request: 1,
        not_authority: 1,
        reason: '1002',
        reason_description: 'Penerbitan paspor di dalam negeri adalah kewenangan Imigrasi.',
      });
      const after = (await controlApi('GET', '/complaints/500')) as { data: Record<string, unknown> };
      expect(after.data).toMatchObject({ status_code: 'rejected', disposition_id: 1002 });
    });

    it("a refused write is LAPOR_REJECTED with LAPOR!'s message, not retried", async () => {
      const err = await caught(
        client().addFollowUp({
          complaintId: '500',
          institutionFromId: '1002',
          content: 'x',
          isSecret: false,
        }),
      );
      expect(err).toMatchObject({ code: 'LAPOR_REJECTED', status: 422, retryable: false });
      expect(err.fieldErrors?.institution_from_id?.[0]).toMatch(/Hanya instansi/);
      expect(await requests('/complaints/followup/add')).toHaveLength(1);
    });

    it('a write whose answer timed out is not repeated: outcome unknown, and it did land', async () => {
      await fault({ kind: 'timeout', phase: 'after', path: '/complaints/followup/add', times: 1 });
      const lapor = client({ timeoutMs: 300 });
      const err = await caught(
        lapor.addFollowUp({
          complaintId: '500',
          institutionFromId: US,
          content: 'Jawaban [ref:fu-2]',
          isSecret: false,
        }),
      );
      expect(err).toMatchObject({ code: 'LAPOR_TIMEOUT', retryable: true, outcomeUnknown: true });
      expect(await requests('/complaints/followup/add')).toHaveLength(1);
      // Look before writing again (LAPOR-API.md): the follow-up is there.
      const all = await lapor.collectFollowUps('500');
      expect(all.items.map((f) => f.content)).toEqual(['Jawaban [ref:fu-2]']);
    });

    it('a write is not repeated after a dropped connection either', async () => {
      await fault({ kind: 'drop', path: '/complaints/followup/add' });
      const err = await caught(
        client().addFollowUp({ complaintId: '500', institutionFromId: US, content: 'x', isSecret: false }),
      );
      expect(err).toMatchObject({ code: 'LAPOR_UNAVAILABLE', outcomeUnknown: true });
      expect(await requests('/complaints/followup/add')).toHaveLength(1);
    });
  });

  describe('failures', () => {
    it('wrong credentials → LAPOR_AUTH, not retried', async () => {
      const err = await caught(client({}, { LAPOR_API_KEY: 'wrong-key' }).complaintDetail('1'));
      expect(err).toMatchObject({ code: 'LAPOR_AUTH', status: 401, retryable: false });
      expect(err.laporMessage).toBe('API key tidak valid');
      expect(err.message).not.toContain('wrong-key');
      expect(await requests('/complaints')).toHaveLength(1);
    });

    it('the auth header name comes from configuration (LAPOR_AUTH_HEADER)', async () => {
      const older = new SandboxServer({ apiKey: API_KEY, token: TOKEN, authHeader: 'auth' });
      const url = await older.start(0);
      try {
        const env = { LAPOR_BASE_URL: url, LAPOR_AUTH_HEADER: 'auth' };
        await expect(client({}, env).templates()).resolves.not.toHaveLength(0);
        const withAuthorization = client({}, { LAPOR_BASE_URL: url });
        expect((await caught(withAuthorization.templates())).code).toBe('LAPOR_AUTH');
      } finally {
        await older.stop();
      }
    });

    it('404 → LAPOR_NOT_FOUND, not retried', async () => {
      const err = await caught(client().complaintDetail('does-not-exist'));
      expect(err).toMatchObject({ code: 'LAPOR_NOT_FOUND', status: 404, retryable: false });
      expect(await requests('/complaints/does-not-exist')).toHaveLength(1);
    });

    it('5xx twice, then success: retried and succeeds', async () => {
      await fault({ kind: 'status', status: 503, path: '/masters/templates', times: 2 });
      await expect(client().templates()).resolves.not.toHaveLength(0);
      expect((await requests('/masters/templates')).map((r) => r.status)).toEqual([503, 503, 200]);
    });

    it('5xx on every attempt: gives up after 4 attempts with LAPOR_UNAVAILABLE', async () => {
      await fault({ kind: 'status', status: 502, path: '/masters/templates' });
      const err = await caught(client().templates());
      expect(err).toMatchObject({ code: 'LAPOR_UNAVAILABLE', status: 502, retryable: true });
      expect(await requests('/masters/templates')).toHaveLength(4);
    });

    it('429 with Retry-After: 1, then success: waits about a second', async () => {
      await fault({ kind: 'rate_limit', retryAfterS: 1, path: '/masters/templates', times: 1 });
      await expect(client().templates()).resolves.not.toHaveLength(0);
      const [limited, retried] = await requests('/masters/templates');
      expect([limited.status, retried.status]).toEqual([429, 200]);
      const waited = Date.parse(retried.time) - Date.parse(limited.time);
      expect(waited).toBeGreaterThanOrEqual(950);
      expect(waited).toBeLessThan(10_000);
    });

    it('429 with a Retry-After beyond the cap: gives up at once so the job can reschedule', async () => {
      await fault({ kind: 'rate_limit', retryAfterS: 120, path: '/masters/templates' });
      const err = await caught(client().templates());
      expect(err).toMatchObject({ code: 'LAPOR_RATE_LIMITED', retryable: true, retryAfterMs: 120_000 });
      expect(await requests('/masters/templates')).toHaveLength(1);
    });

    it('a request that never gets an answer times out and is retried', async () => {
      await fault({ kind: 'timeout', path: '/masters/templates', times: 1 });
      await expect(client({ timeoutMs: 300 }).templates()).resolves.not.toHaveLength(0);
      expect((await requests('/masters/templates')).map((r) => r.status)).toEqual([null, 200]);
    });

    it('timeouts on every attempt → LAPOR_TIMEOUT', async () => {
      await fault({ kind: 'timeout', path: '/masters/templates' });
      const err = await caught(client({ timeoutMs: 300, attempts: 2 }).templates());
      expect(err).toMatchObject({ code: 'LAPOR_TIMEOUT', retryable: true });
      expect(await requests('/masters/templates')).toHaveLength(2);
    });

    it('dropped connections are retried on reads', async () => {
      await fault({ kind: 'drop', path: '/masters/templates', times: 2 });
      await expect(client().templates()).resolves.not.toHaveLength(0);
      expect(await requests('/masters/templates')).toHaveLength(3);
    });

    it('an unreachable LAPOR! is LAPOR_UNAVAILABLE', async () => {
      const closed = new SandboxServer({ apiKey: API_KEY, token: TOKEN });
      const url = await closed.start(0);
      await closed.stop();
      const config = new ConfigService(
        loadEnv({ LAPOR_BASE_URL: url, LAPOR_API_KEY: API_KEY, LAPOR_TOKEN: TOKEN }),
      );
      const lapor = new LaporClient(config, { attempts: 2, initialBackoffMs: 10, maxBackoffMs: 20 });
      const err = await caught(lapor.templates());
      expect(err).toMatchObject({ code: 'LAPOR_UNAVAILABLE', notSent: true, causeCode: 'ECONNREFUSED' });
    });

    it('the breaker opens after repeated failures, refuses without sending, and closes after halfOpenAfter', async () => {
      const lapor = client({ attempts: 1, breakerThreshold: 3, halfOpenAfterMs: 400 });
      await fault({ kind: 'status', status: 500, path: '/masters/' });
      for (let i = 0; i < 3; i++) expect((await caught(lapor.templates())).code).toBe('LAPOR_UNAVAILABLE');
      expect(lapor.breakerState).toBe('open');
      const sentBefore = (await requests('/masters/')).length;

      // Shared by every call of the client: another endpoint, even a write, is refused too, saying
      // how long until the breaker lets a trial call through (callers wait that long, not a try).
      const refused = await caught(lapor.institutions());
      expect(refused).toMatchObject({ code: 'LAPOR_CIRCUIT_OPEN', retryable: true });
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
      expect(
        await caught(
          lapor.addFollowUp({ complaintId: '1', institutionFromId: US, content: 'x', isSecret: false }),
        ),
      ).toMatchObject({ code: 'LAPOR_CIRCUIT_OPEN', notSent: true });
      expect(await requests('/masters/')).toHaveLength(sentBefore);
      expect(await requests('/complaints/followup/add')).toHaveLength(0);

      await controlApi('DELETE', '/faults');
      await waitFor(() => lapor.breakerState === 'half-open', 'the breaker to allow a trial call');
      await expect(lapor.templates()).resolves.not.toHaveLength(0);
      expect(lapor.breakerState).toBe('closed');
    });

    it('a permanent error does not count towards the breaker', async () => {
      const lapor = client({ attempts: 1, breakerThreshold: 2 });
      for (let i = 0; i < 4; i++)
        expect((await caught(lapor.complaintDetail('nope'))).code).toBe('LAPOR_NOT_FOUND');
      expect(lapor.breakerState).toBe('closed');
    });
  });
});

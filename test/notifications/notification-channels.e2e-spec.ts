import type { Queue } from 'bullmq';
import { ConfigService } from '../../src/core/config/config.service';
import { loadEnv } from '../../src/core/config/load-env';
import { JobName, QueueName } from '../../src/core/queue/queue.contract';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { NotificationWebhookClient } from '../../src/modules/notifications/notification-webhook.client';
import { waitFor } from '../helpers/wait-for';
import { intakeQueries } from '../intake/poller.helper';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import { MailReceiver, WebhookReceiver } from './notification-receivers';

/**
 * SPEC.md "Architecture" (notify worker → in-app, webhook, e-mail) and "Reliability and security
 * promises": every notification reaches the webhook (signed per Standard Webhooks) and the office's
 * e-mail recipients once, survives a receiver's 503 by a retry that sends nothing twice, is never
 * held up by a receiver that refuses it, and carries no personal data.
 */

const SECRET = `whsec_${Buffer.from('notification-channels-e2e-signing-key').toString('base64')}`;
const BASE_URL = 'https://bridge.kemlu.example';
/** Distinct, searchable: nothing in a notification could contain them by chance. */
const REPORTER = {
  name: 'Sulastri Rahasiawati',
  email: 'sulastri.rahasiawati@example.org',
  phone: '+81 90-5521-0042',
};

interface NotificationRow {
  id: string;
  kind: string;
  mission_code: string;
  priority: string;
  dedupe_key: string;
  created_at: Date;
  webhook_delivered_at: Date | null;
  email_delivered_at: Date | null;
  channel_errors: Record<string, { error: string; attempts: number; final: boolean }>;
}

describe('notification channels: webhook and e-mail besides the in-app list', () => {
  let bed: WorkflowBed;
  let hooks: WebhookReceiver;
  let smtp: MailReceiver;
  let notify: Queue;

  beforeAll(async () => {
    hooks = await new WebhookReceiver(SECRET).start();
    smtp = await new MailReceiver().start();
    bed = await startWorkflowBed('notification_channels', {
      NOTIFY_WEBHOOK_URL: hooks.url,
      NOTIFY_WEBHOOK_SECRET: SECRET,
      SMTP_URL: smtp.url,
      NOTIFY_EMAIL_FROM: 'LAPOR Bridge <noreply@kemlu.example>',
      NOTIFY_EMAIL_TO:
        'osaka:konsuler@kjriosaka.example,tokyo:konsuler@kbritokyo.example,*:djpk@kemlu.example',
      PUBLIC_BASE_URL: BASE_URL,
    });
    notify = bed.t.app.get(QueueRegistry).queue(QueueName.Notify);
  });
  afterAll(async () => {
    await bed?.close();
    await hooks?.stop();
    await smtp?.stop();
  });

  const rows = async (complaintId: string): Promise<NotificationRow[]> =>
    intakeQueries(bed.t).ds.query(
      `SELECT id, kind, mission_code, priority, dedupe_key, created_at, webhook_delivered_at, email_delivered_at,
              channel_errors
       FROM notifications WHERE complaint_id = $1 ORDER BY id`,
      [complaintId],
    );
  const one = async (complaintId: string, kind: string): Promise<NotificationRow | undefined> =>
    (await rows(complaintId)).find((r) => r.kind === kind);

  /** The notify job the outbox relayed for this notification (jobId = outbox id), once it finished. */
  const finishedJob = async (dedupeKey: string) => {
    const [{ id }]: { id: string }[] = await intakeQueries(bed.t).ds.query(
      `SELECT id FROM outbox WHERE job_name = $1 AND payload ->> 'dedupeKey' = $2`,
      [JobName.NotificationDeliver, dedupeKey],
    );
    await waitFor(
      async () => (await notify.getJob(id))?.finishedOn !== undefined,
      `notify job ${id} finished`,
    );
    return (await notify.getJob(id))!;
  };

  const expectNoPersonalData = (text: string) => {
    for (const v of [REPORTER.name, REPORTER.email, REPORTER.phone, REPORTER.phone.replace(/\D/g, '')])
      expect(text.toLowerCase()).not.toContain(v.toLowerCase());
    expect(text).not.toContain('Umeda');
  };

  it('delivers a routed complaint once to the signed webhook and once by e-mail to the office and * recipients', async () => {
    const [c] = await bed.intake([osakaComplaint({ reporter: REPORTER })]);
    expect(c.missionCode).toBe('osaka');
    await waitFor(async () => {
      const n = await one(c.id, 'complaint.assigned');
      return !!n?.webhook_delivered_at && !!n.email_delivered_at;
    }, 'webhook and e-mail delivered');
    const n = (await one(c.id, 'complaint.assigned'))!;
    const job = await finishedJob(n.dedupe_key);
    expect(job.returnvalue).toEqual({ stored: true, channels: { webhook: 'delivered', email: 'delivered' } });

    const [hit, ...more] = hooks.about(c.id);
    expect(more).toEqual([]);
    expect(hit).toMatchObject({ verified: true, answered: 200 });
    expect(hit.headers['webhook-id']).toBe(n.dedupe_key);
    expect(hit.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hit.body)).toEqual({
      id: n.id,
      kind: 'complaint.assigned',
      missionCode: 'osaka',
      complaintId: c.id,
      priority: n.priority,
      facts: {},
      createdAt: n.created_at.toISOString(),
    });
    expectNoPersonalData(hit.body + JSON.stringify(hit.headers));

    const [mail, ...moreMail] = smtp.about(c.id);
    expect(moreMail).toEqual([]);
    expect(mail.from).toBe('noreply@kemlu.example');
    expect(mail.to.sort()).toEqual(['djpk@kemlu.example', 'konsuler@kjriosaka.example']);
    expect(mail.text).toMatch(
      new RegExp(
        `^Subject: .*\\[LAPOR!\\] Pengaduan baru ditugaskan ke kantor Anda - KJRI Osaka \\(osaka\\) - ${c.id}$`,
        'm',
      ),
    );
    expect(mail.text).toContain(
      'Pengaduan baru ditugaskan ke kantor Anda.\nA new complaint was assigned to your office.',
    );
    expect(mail.text).toContain('Jenis / Kind: complaint.assigned');
    expect(mail.text).toContain(`Tautan / Link: ${BASE_URL}/console/complaints/${c.id}`);
    expectNoPersonalData(mail.text);

    // The in-app list has it too.
    const list = await (await bed.as('handler', 'osaka')).get('/api/v1/notifications?limit=200').expect(200);
    expect(list.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ complaintId: c.id, kind: 'complaint.assigned' })]),
    );

    // A re-delivered job (same payload, another job id) stores nothing and sends nothing again.
    const again = await notify.add(
      JobName.NotificationDeliver,
      {
        correlationId: 'notification-channels-e2e',
        kind: 'complaint.assigned',
        missionCode: 'osaka',
        complaintId: c.id,
        priority: n.priority,
        dedupeKey: n.dedupe_key,
      },
      { jobId: `redelivery-${n.id}` },
    );
    await waitFor(async () => (await notify.getJob(again.id!))?.finishedOn !== undefined, 're-delivery done');
    expect((await notify.getJob(again.id!))!.returnvalue).toEqual({
      stored: false,
      channels: { webhook: 'already-delivered', email: 'already-delivered' },
    });
    expect(hooks.about(c.id)).toHaveLength(1);
    expect(smtp.about(c.id)).toHaveLength(1);
  });

  it("retries a receiver's 503 and delivers once, without sending the e-mail again", async () => {
    hooks.answerNext(503);
    const [c] = await bed.intake([
      osakaComplaint({ reporter: REPORTER, title: 'Paspor hilang di Namba, Osaka' }),
    ]);
    await waitFor(
      async () => !!(await one(c.id, 'complaint.assigned'))?.webhook_delivered_at,
      'webhook delivered',
    );
    const n = (await one(c.id, 'complaint.assigned'))!;
    const job = await finishedJob(n.dedupe_key);
    // A finished job's attemptsMade counts every attempt: the 503 one and the one that delivered.
    expect(job.attemptsMade).toBe(2);
    expect(job.returnvalue).toEqual({
      stored: false,
      channels: { webhook: 'delivered', email: 'already-delivered' },
    });

    const hits = hooks.about(c.id);
    expect(hits.map((h) => h.answered)).toEqual([503, 200]);
    expect(hits.every((h) => h.verified)).toBe(true);
    // Standard Webhooks: the same message id on every attempt, so a receiver can drop repeats.
    expect(hits.map((h) => h.headers['webhook-id'])).toEqual([n.dedupe_key, n.dedupe_key]);
    expect(hits[0].body).toBe(hits[1].body);
    expect(n.channel_errors.webhook).toMatchObject({ error: 'HTTP 503', attempts: 1, final: false });
    expect(n.email_delivered_at).not.toBeNull();
    expect(smtp.about(c.id)).toHaveLength(1);
  });

  it('gives up on a receiver that answers 400, keeps the in-app record and still e-mails', async () => {
    hooks.answerNext(400);
    const [c] = await bed.intake([osakaComplaint({ reporter: REPORTER, title: 'Paspor hilang di Kyoto' })]);
    await waitFor(
      async () => !!(await one(c.id, 'complaint.assigned'))?.channel_errors.webhook?.final,
      'webhook given up',
    );
    const n = (await one(c.id, 'complaint.assigned'))!;
    const job = await finishedJob(n.dedupe_key);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(1);
    expect(job.returnvalue).toEqual({ stored: true, channels: { webhook: 'given-up', email: 'delivered' } });
    expect(n.webhook_delivered_at).toBeNull();
    expect(n.channel_errors.webhook).toMatchObject({ error: 'HTTP 400', attempts: 1, final: true });
    expect(hooks.about(c.id).map((h) => h.answered)).toEqual([400]);
    expect(smtp.about(c.id)).toHaveLength(1);

    const list = await (await bed.as('handler', 'osaka')).get('/api/v1/notifications?limit=200').expect(200);
    expect(list.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ complaintId: c.id, kind: 'complaint.assigned' })]),
    );
  });

  it("tells the office a supervisor transfers a complaint to: that office's and the * recipients", async () => {
    const [c] = await bed.intake([
      osakaComplaint({ reporter: REPORTER, title: 'Paspor hilang di Shinsaibashi, Osaka' }),
    ]);
    expect(c.missionCode).toBe('osaka');
    const supervisor = await bed.as('supervisor', 'osaka');
    const { headers } = await supervisor.get(`/api/v1/complaints/${c.id}`).expect(200);
    await supervisor
      .post(`/api/v1/complaints/${c.id}/transfer`)
      .set('If-Match', headers.etag)
      .send({ missionCode: 'tokyo', reason: 'Domisili pelapor di Tokyo' })
      .expect(200);
    await waitFor(async () => {
      const n = await one(c.id, 'complaint.transferred');
      return !!n?.webhook_delivered_at && !!n.email_delivered_at;
    }, 'transfer notification delivered');

    const transfer = hooks.about(c.id).filter((h) => h.body.includes('complaint.transferred'));
    expect(transfer).toHaveLength(1);
    expect(JSON.parse(transfer[0].body)).toMatchObject({
      kind: 'complaint.transferred',
      missionCode: 'tokyo',
    });
    expect(transfer[0].verified).toBe(true);
    const mails = smtp.about(c.id).filter((m) => m.text.includes('complaint.transferred'));
    expect(mails).toHaveLength(1);
    expect(mails[0].to.sort()).toEqual(['djpk@kemlu.example', 'konsuler@kbritokyo.example']);
    expect(mails[0].text).toContain(
      'Pengaduan dipindahkan ke kantor Anda.\nA complaint was transferred to your office.',
    );
    expect(mails[0].text).toContain('Kantor / Office: KBRI Tokyo (tokyo)');
    expectNoPersonalData(mails[0].text + transfer[0].body);
  });

  it("records a retryable failure on the job's last attempt as given up, and sends a digest's figures", async () => {
    hooks.answerNext(503);
    const dedupeKey = 'sync.digest-osaka-2026-03-02';
    const job = await notify.add(
      JobName.NotificationDeliver,
      {
        correlationId: 'notification-channels-e2e',
        kind: 'sync.digest',
        missionCode: 'osaka',
        complaintId: null,
        priority: 'normal',
        facts: { syncBacklog: 3, oldestSyncAgeSeconds: null, deadLetters: 1 },
        dedupeKey,
      },
      { jobId: 'digest-last-attempt', attempts: 1 },
    );
    await waitFor(async () => (await notify.getJob(job.id!))?.finishedOn !== undefined, 'digest job done');
    const done = (await notify.getJob(job.id!))!;
    expect(await done.getState()).toBe('completed');
    expect(done.returnvalue).toEqual({ stored: true, channels: { webhook: 'given-up', email: 'delivered' } });
    const [row]: NotificationRow[] = await intakeQueries(bed.t).ds.query(
      `SELECT webhook_delivered_at, channel_errors FROM notifications WHERE dedupe_key = $1`,
      [dedupeKey],
    );
    expect(row.webhook_delivered_at).toBeNull();
    expect(row.channel_errors.webhook).toMatchObject({ error: 'HTTP 503', attempts: 1, final: true });

    const hit = hooks.hits.filter((h) => h.headers['webhook-id'] === dedupeKey);
    expect(hit).toHaveLength(1);
    expect(JSON.parse(hit[0].body)).toMatchObject({
      kind: 'sync.digest',
      complaintId: null,
      facts: { syncBacklog: 3, oldestSyncAgeSeconds: null, deadLetters: 1 },
    });
    const mail = smtp.mails.filter((m) => m.text.includes('Ringkasan harian sinkronisasi LAPOR!'));
    expect(mail).toHaveLength(1);
    expect(mail[0].to.sort()).toEqual(['djpk@kemlu.example', 'konsuler@kjriosaka.example']);
    expect(mail[0].text).toContain('Angka / Figures:\n');
    for (const line of ['  syncBacklog: 3\n', '  oldestSyncAgeSeconds: -\n', '  deadLetters: 1\n'])
      expect(mail[0].text).toContain(line);
    expect(mail[0].text).not.toContain('Tautan / Link');
  });
});

describe('notification webhook client: a receiver that does not answer', () => {
  let hooks: WebhookReceiver;
  beforeAll(async () => {
    hooks = await new WebhookReceiver(SECRET).start();
  });
  afterAll(async () => {
    await hooks?.stop();
  });

  it('times out, and the failure is one to retry', async () => {
    hooks.answerNext('hang');
    const config = new ConfigService(
      loadEnv({ NOTIFY_WEBHOOK_URL: hooks.url, NOTIFY_WEBHOOK_SECRET: SECRET }),
    );
    const client = new NotificationWebhookClient(config, { webhookTimeoutMs: 300, smtpTimeoutMs: 300 });
    const outcome = await client.send({
      id: '1',
      dedupeKey: 'sla.warning-x-1',
      kind: 'sla.warning',
      missionCode: 'osaka',
      missionName: null,
      complaintId: null,
      priority: 'normal',
      facts: { limitHours: 336 },
      createdAt: new Date(),
    });
    expect(outcome).toEqual({ result: 'failed', retry: true, error: 'timeout after 300 ms' });
    expect(hooks.hits).toHaveLength(1);
    expect(hooks.hits[0].verified).toBe(true);
  });
});

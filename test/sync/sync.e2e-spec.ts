import { DataSource } from 'typeorm';
import { HeartbeatService } from '../../src/core/queue/heartbeat.service';
import { SyncSenderService } from '../../src/modules/sync/sync-sender.service';
import { SyncScheduler } from '../../src/modules/sync/sync.scheduler';
import { control } from '../intake/poller.helper';
import { waitFor } from '../helpers/wait-for';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';

/**
 * Issue 6: every public word of a mission reaches LAPOR! exactly once and in order per complaint,
 * whatever LAPOR! does — here through the sandbox's fault injection (5xx, 429 with Retry-After,
 * timeouts and dropped connections after the write landed, a permanent refusal).
 */

interface UpFollowUp {
  id: string;
  content: string;
}
interface Detail {
  version: number;
  status: string;
  followUps: {
    visibility: string;
    content: string;
    laporFollowupId: string | null;
    sync: { status: string; seq: number } | null;
  }[];
}

const MARKER = /\[Ref: (lb-[0-9a-f]{16})\]$/;

describe('upstream sync: public words reach LAPOR! exactly once, in order', () => {
  let bed: WorkflowBed;

  beforeAll(async () => {
    // Quick retries so faults fit in a test; the give-up period stays the real minimum (72 h).
    bed = await startWorkflowBed('sync', { SYNC_RETRY_BASE_S: '1', SYNC_ALERT_ATTEMPTS: '2' });
  });
  afterAll(async () => {
    await bed?.close();
  });
  afterEach(async () => {
    await control(bed.laporUrl).clearFaults();
  });

  const upstream = async (laporId: string): Promise<UpFollowUp[]> =>
    (
      (await control(bed.laporUrl).call('GET', `/followups?complaint_id=${laporId}`)).data as UpFollowUp[]
    ).map((f) => ({ id: String(f.id), content: f.content }));
  /** The bridge's public follow-ups as LAPOR! holds them: text without the reference, in order. */
  const upstreamTexts = async (laporId: string) =>
    (await upstream(laporId))
      .filter((f) => MARKER.test(f.content))
      .map((f) => f.content.replace(/\n\n\[Ref: .*\]$/, ''));
  const posts = async (path: string) =>
    (await control(bed.laporUrl).call('GET', `/requests?method=POST&path=${encodeURIComponent(path)}`))
      .data as {
      body: Record<string, unknown>;
    }[];

  /** A sandbox fault on the follow-up endpoint. */
  const faultFollowUps = (f: Record<string, unknown>) =>
    control(bed.laporUrl).fault({ ...f, path: '/complaints/followup/add', method: 'POST' });
  /** The open dead letters of a complaint, once there is one. */
  const deadLettersOf = async (complaintId: string) => {
    const admin = await bed.as('admin');
    let dead: {
      id: string;
      complaintId: string;
      reason: string;
      attempts: number;
      nextStep: string;
      seq: number;
    }[] = [];
    await waitFor(async () => {
      dead = (await admin.get('/api/v1/admin/dead-letters?open=true').expect(200)).body.data;
      return dead.some((d) => d.complaintId === complaintId);
    }, 'a dead letter');
    return dead.filter((d) => d.complaintId === complaintId);
  };
  const handler = () => bed.as('handler', 'osaka');
  const read = async (id: string) => {
    const res = await (await handler()).get(`/api/v1/complaints/${id}`).expect(200);
    return { body: res.body as Detail, etag: res.headers.etag };
  };
  const act = async (id: string, action: string, body: object) => {
    const { etag } = await read(id);
    return (await handler())
      .post(`/api/v1/complaints/${id}/${action}`)
      .set('If-Match', etag)
      .send(body)
      .expect(200);
  };
  const followUp = (id: string, content: string, visibility = 'public') =>
    act(id, 'followups', { visibility, content });
  const allConfirmed = async (id: string) =>
    (await read(id)).body.followUps.filter((f) => f.sync).every((f) => f.sync!.status === 'confirmed');

  it('sends public follow-ups, the question and the resolution in order, never an internal note, and links them', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    await act(c.id, 'acknowledge', {});
    await followUp(c.id, 'Jawaban pertama: silakan datang ke KJRI.');
    await followUp(c.id, 'Catatan internal: cek data SPLP.', 'internal');
    await act(c.id, 'ask-reporter', { content: 'Mohon kirim salinan laporan polisi.' });
    await act(c.id, 'resolve', { resolution: 'SPLP sudah diterbitkan.' });

    await waitFor(async () => (await upstreamTexts(c.laporId)).length === 3, 'three words in LAPOR!');
    expect(await upstreamTexts(c.laporId)).toEqual([
      'Jawaban pertama: silakan datang ke KJRI.',
      'Mohon kirim salinan laporan polisi.',
      'SPLP sudah diterbitkan.',
    ]);
    expect(JSON.stringify(await upstream(c.laporId))).not.toContain('Catatan internal');

    await waitFor(() => allConfirmed(c.id), 'confirmed on the complaint page');
    // The poll reads our words back: recognised by their marker, linked, never stored twice.
    await bed.poll();
    const page = (await read(c.id)).body;
    expect(page.followUps.map((f) => [f.visibility, f.sync?.status ?? null])).toEqual([
      ['public', 'confirmed'],
      ['internal', null],
      ['public', 'confirmed'],
      ['public', 'confirmed'],
    ]);
    const ids = (await upstream(c.laporId)).map((f) => f.id);
    expect(page.followUps.filter((f) => f.visibility === 'public').map((f) => f.laporFollowupId)).toEqual(
      ids,
    );
  });

  it('forwards a complaint that is not ours to the reject endpoint with the target institution', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    await act(c.id, 'reject', { targetInstitutionId: '1002', reason: 'Kewenangan Ditjen Imigrasi' });
    await waitFor(
      async () => (await posts(`/complaints/process/${c.laporId}/reject`)).length === 1,
      'reject sent',
    );
    const [sent] = await posts(`/complaints/process/${c.laporId}/reject`);
    expect(sent.body).toMatchObject({ is_request: 1, not_authority: 1, reason: '1002' });
    expect(String(sent.body.reason_description)).toMatch(
      /^Kewenangan Ditjen Imigrasi\n\n\[Ref: lb-[0-9a-f]{16}\]$/,
    );
    const detail = await control(bed.laporUrl).call('GET', `/complaints/${c.laporId}`);
    expect(detail.data).toMatchObject({ status_name: 'Ditolak' });
    expect(String((detail.data as { disposition_id: unknown }).disposition_id)).toBe('1002');
  });

  it.each([
    ['5xx three times', { kind: 'status', status: 503, times: 3 }],
    ['a timeout after the write landed', { kind: 'timeout', phase: 'after', times: 1 }],
    ['a dropped connection after the write landed', { kind: 'drop', phase: 'after', times: 1 }],
    ['a 502 after the write landed', { kind: 'status', status: 502, phase: 'after', times: 2 }],
  ])('delivers exactly once through %s', async (_what, fault) => {
    const [c] = await bed.intake([osakaComplaint()]);
    await faultFollowUps({ ...fault });
    await followUp(c.id, 'Satu.');
    await followUp(c.id, 'Dua.');
    await waitFor(() => allConfirmed(c.id), 'both confirmed', 20_000);
    expect(await upstreamTexts(c.laporId)).toEqual(['Satu.', 'Dua.']);
    expect((await control(bed.laporUrl).faults())[0].hits).toBeGreaterThan(0);
  });

  it('waits out a 429 as long as Retry-After says, without counting it as a failed attempt', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    await faultFollowUps({ kind: 'rate_limit', retryAfterS: 2, times: 1 });
    const started = Date.now();
    await followUp(c.id, 'Mohon tunggu.');
    await waitFor(() => allConfirmed(c.id), 'confirmed after the 429', 20_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(await upstreamTexts(c.laporId)).toEqual(['Mohon tunggu.']);
    const [item] = await bed.t.app
      .get(DataSource)
      .query(`SELECT attempts, last_error_code FROM sync_items WHERE complaint_id = $1`, [c.id]);
    expect(item).toEqual({ attempts: 1, last_error_code: null });
  });

  it('takes back at once a claim of its own that no attempt is working on (its connection was cut as it claimed), sending once', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    const ds = bed.t.app.get(DataSource);
    await faultFollowUps({ kind: 'status', status: 503, times: 1000 });
    await followUp(c.id, 'Klaim yang tertinggal.');
    const attempted = async () =>
      (
        await ds.query<{ attempts: number }[]>(`SELECT attempts FROM sync_items WHERE complaint_id = $1`, [
          c.id,
        ])
      )[0]?.attempts ?? 0;
    await waitFor(async () => (await attempted()) >= 1, 'a first failed attempt');
    // As the claim's commit looks when the worker never heard back: sending, ours, two minutes to run.
    await ds.query(
      `UPDATE sync_items SET status = 'sending', claimed_by = $2, next_attempt_at = now() + interval '120 seconds'
       WHERE complaint_id = $1`,
      [c.id, bed.t.app.get(HeartbeatService).instanceId],
    );
    await control(bed.laporUrl).clearFaults();
    // The failed attempt's job, run again by BullMQ: the claim is ours and nobody is sending it.
    await bed.t.app.get(SyncSenderService).sendNext(c.id);
    // Well within the claim's two minutes.
    await waitFor(() => allConfirmed(c.id), 'the left claim taken back and confirmed', 15_000);
    expect(await upstreamTexts(c.laporId)).toEqual(['Klaim yang tertinggal.']);
  });

  it('puts a permanent refusal in dead letters, holds what follows, and delivers both in order after an admin retry', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    await faultFollowUps({ kind: 'status', status: 422, times: 1 });
    await followUp(c.id, 'Pertama.');
    await followUp(c.id, 'Kedua.');
    const admin = await bed.as('admin');
    const [d] = await deadLettersOf(c.id);
    expect(d).toMatchObject({
      reason: 'LAPOR_REJECTED',
      attempts: 1,
      seq: 1,
      nextStep: expect.stringContaining('retry'),
    });
    // The second item waits behind the dead one: nothing reached LAPOR!.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await upstreamTexts(c.laporId)).toEqual([]);
    const status = (await admin.get('/api/v1/sync/status').expect(200)).body;
    expect(status.byMission.find((m: { missionCode: string }) => m.missionCode === 'osaka')).toMatchObject({
      deadLetters: 1,
      syncBacklog: 1,
    });

    await (await bed.as('monitor')).post(`/api/v1/admin/dead-letters/${d.id}/retry`).expect(403);
    const retried = await admin.post(`/api/v1/admin/dead-letters/${d.id}/retry`).expect(200);
    expect(retried.body).toMatchObject({ id: d.id, retriedBy: expect.stringMatching(/^token:/) });
    await admin.post(`/api/v1/admin/dead-letters/${d.id}/retry`).expect(409);
    await waitFor(() => allConfirmed(c.id), 'both confirmed after the retry');
    expect(await upstreamTexts(c.laporId)).toEqual(['Pertama.', 'Kedua.']);
    // The mission and the ministry were told.
    await waitFor(
      async () =>
        (
          (await (await handler()).get('/api/v1/notifications?limit=200').expect(200)).body.data as {
            kind: string;
            complaintId: string;
          }[]
        ).some((n) => n.kind === 'sync.failing' && n.complaintId === c.id),
      'a sync.failing notification',
    );
  });

  it('LAPOR! closes it while a handler writes: LAPOR! wins on status, what was said is still delivered', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    // The answer is committed while LAPOR! is failing, so it is still on its way when LAPOR! closes.
    await faultFollowUps({ kind: 'status', status: 503 });
    const before = await read(c.id);
    await followUp(c.id, 'Jawaban sebelum ditutup.');
    await control(bed.laporUrl).patch(c.laporId, { status_code: 'done' });
    await bed.poll();
    await waitFor(async () => (await read(c.id)).body.status === 'closed', 'closed from LAPOR!');

    // A handler still holding the old version: 412; re-read: only an internal note is possible.
    await (
      await handler()
    )
      .post(`/api/v1/complaints/${c.id}/followups`)
      .set('If-Match', before.etag)
      .send({ visibility: 'public', content: 'Terlambat.' })
      .expect(412);
    const now = await read(c.id);
    const refused = await (
      await handler()
    )
      .post(`/api/v1/complaints/${c.id}/followups`)
      .set('If-Match', now.etag)
      .send({ visibility: 'public', content: 'Terlambat.' })
      .expect(409);
    expect(refused.body.code).toBe('COMPLAINT_INVALID_TRANSITION');

    await control(bed.laporUrl).clearFaults();
    await waitFor(() => allConfirmed(c.id), 'the earlier answer delivered', 20_000);
    expect(await upstreamTexts(c.laporId)).toEqual(['Jawaban sebelum ditutup.']);
    expect((await read(c.id)).body.status).toBe('closed');
  });

  it('sends each office with open dead letters one digest a day, counts only', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    await faultFollowUps({ kind: 'status', status: 422, times: 1 });
    await followUp(c.id, 'Akan gagal.');
    await deadLettersOf(c.id);
    const scheduler = bed.t.app.get(SyncScheduler);
    expect(await scheduler.digest()).toContain('osaka');
    await scheduler.digest();
    const digests = async () =>
      (
        (await (await handler()).get('/api/v1/notifications?limit=200').expect(200)).body.data as {
          kind: string;
          complaintId: string | null;
          payload: { facts?: Record<string, number> };
        }[]
      ).filter((n) => n.kind === 'sync.digest');
    await waitFor(async () => (await digests()).length > 0, 'the digest');
    await new Promise((r) => setTimeout(r, 500));
    const list = await digests();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      complaintId: null,
      payload: { facts: { deadLetters: 1, syncBacklog: 0 } },
    });
  });

  it('alerts the office and the ministry once when an item keeps failing, and when one is a day old', async () => {
    const notified = async (role: 'handler' | 'supervisor', mission: string, complaintId: string) =>
      (
        (await (await bed.as(role, mission)).get('/api/v1/notifications?limit=200').expect(200)).body
          .data as {
          kind: string;
          complaintId: string;
        }[]
      ).filter((n) => n.kind === 'sync.failing' && n.complaintId === complaintId).length;
    const [failing, old] = await bed.intake([osakaComplaint(), osakaComplaint({ title: 'Paspor lama' })]);
    await faultFollowUps({ kind: 'status', status: 503 });
    await followUp(failing.id, 'Terus gagal.');
    // SYNC_ALERT_ATTEMPTS=2 here: the second failed attempt tells osaka and DJPK, once.
    await waitFor(
      async () => (await notified('handler', 'osaka', failing.id)) === 1,
      'osaka alerted',
      20_000,
    );
    await waitFor(async () => (await notified('supervisor', 'hq-djpk', failing.id)) === 1, 'DJPK alerted');

    // An item unconfirmed for a day (made so behind the bridge's back) alerts on the next sweep.
    await followUp(old.id, 'Sudah lama.');
    const db = bed.t.app.get(DataSource);
    await db.query(
      `UPDATE sync_items SET created_at = now() - interval '25 hours', next_attempt_at = now() + interval '1 hour'
       WHERE complaint_id = $1`,
      [old.id],
    );
    await bed.t.app.get(SyncScheduler).tick();
    await waitFor(async () => (await notified('handler', 'osaka', old.id)) === 1, 'the day-old item alerted');
    await bed.t.app.get(SyncScheduler).tick();
    await new Promise((r) => setTimeout(r, 300));
    expect(await notified('handler', 'osaka', failing.id)).toBe(1);
    expect(await notified('handler', 'osaka', old.id)).toBe(1);
  });

  it('answers unknown or malformed dead-letter ids with 404', async () => {
    const admin = await bed.as('admin');
    await admin.post('/api/v1/admin/dead-letters/00000000-0000-4000-8000-000000000000/retry').expect(404);
    const res = await admin.post('/api/v1/admin/dead-letters/nope/retry').expect(404);
    expect(res.body.code).toBe('DEAD_LETTER_NOT_FOUND');
    await admin.get('/api/v1/admin/dead-letters?cursor=%%%').expect(400);
  });
});

describe('upstream sync: the global rate limit toward LAPOR!', () => {
  let bed: WorkflowBed;
  beforeAll(async () => {
    bed = await startWorkflowBed('sync-rate', { SYNC_RATE_PER_S: '2' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('sends at most SYNC_RATE_PER_S items a second, across complaints', async () => {
    const made = await bed.intake(
      Array.from({ length: 8 }, (_, i) => osakaComplaint({ title: `Paspor ${i}` })),
    );
    const handler = await bed.as('handler', 'osaka');
    for (const c of made) {
      const etag = (await handler.get(`/api/v1/complaints/${c.id}`).expect(200)).headers.etag;
      await handler
        .post(`/api/v1/complaints/${c.id}/followups`)
        .set('If-Match', etag)
        .send({ visibility: 'public', content: 'Sedang kami proses.' })
        .expect(200);
    }
    const sent = async () =>
      (
        (await control(bed.laporUrl).call('GET', '/requests?method=POST&path=/complaints/followup/add'))
          .data as {
          time: string;
        }[]
      ).map((r) => Date.parse(r.time));
    await waitFor(async () => (await sent()).length === 8, 'eight follow-ups sent', 30_000);
    const times = (await sent()).sort((a, b) => a - b);
    // 8 items at 2 a second: at least three full windows between the first and the last.
    expect(times[7] - times[0]).toBeGreaterThanOrEqual(2900);
  });
});

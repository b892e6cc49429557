import { control } from '../intake/poller.helper';
import { waitFor } from '../helpers/wait-for';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from './workflow.helper';

interface Detail {
  id: string;
  status: string;
  version: number;
  cycle?: number;
  sla: { cycle: number };
  missionCode: string;
  escalationLevel: number;
  timeline: {
    type: string;
    actor: string;
    fromStatus: string | null;
    toStatus: string | null;
    payload: Record<string, unknown>;
  }[];
  followUps: {
    visibility: string;
    kind: string;
    content: string;
    origin: string;
    authorType: string;
    sync: { status: string; seq: number } | null;
  }[];
  allowedActions: string[];
}

describe('handling workflow: a complaint from assigned to resolved, through HTTP', () => {
  let bed: WorkflowBed;

  beforeAll(async () => {
    bed = await startWorkflowBed('workflow');
  });
  afterAll(async () => {
    await bed?.close();
  });

  /** GET the complaint as a KJRI Osaka handler; returns the body and its ETag. */
  const read = async (id: string, role: 'handler' | 'supervisor' = 'handler') => {
    const res = await (await bed.as(role, 'osaka')).get(`/api/v1/complaints/${id}`).expect(200);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    return { body: res.body as Detail, etag: res.headers.etag };
  };
  const act = async (
    id: string,
    action: string,
    body: object,
    etag: string,
    status = 200,
    role: 'handler' | 'supervisor' = 'handler',
  ) => {
    const res = await (
      await bed.as(role, 'osaka')
    )
      .post(`/api/v1/complaints/${id}/${action}`)
      .set('If-Match', etag)
      .send(body);
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({
      status,
      body: undefined,
    });
    return res;
  };

  it('lives assigned → acknowledged → responded → awaiting reporter → reply → responded → resolved, with its timeline', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    expect(c).toMatchObject({ missionCode: 'osaka', status: 'assigned' });

    let { body, etag } = await read(c.id);
    expect(body.allowedActions).toEqual(
      expect.arrayContaining(['acknowledge', 'followups', 'escalate', 'reject']),
    );
    expect(body.allowedActions).not.toContain('resolve');

    ({ etag } = { etag: (await act(c.id, 'acknowledge', { note: 'saya tangani' }, etag)).headers.etag });
    let res = await act(
      c.id,
      'followups',
      { visibility: 'internal', content: 'Cek data SPLP di sistem.' },
      etag,
    );
    expect(res.body.status).toBe('acknowledged');
    res = await act(
      c.id,
      'followups',
      {
        visibility: 'public',
        content: 'Silakan datang ke KJRI Osaka dengan laporan polisi.',
        templateCode: 'ack-standard',
      },
      res.headers.etag,
    );
    expect(res.body.status).toBe('responded');
    res = await act(
      c.id,
      'ask-reporter',
      { content: 'Mohon kirim salinan laporan kehilangan dari polisi.' },
      res.headers.etag,
    );
    expect(res.body.status).toBe('awaiting_reporter');

    // The reporter answers on LAPOR!; the bridge picks it up and the complaint is the mission's again.
    // LAPOR!'s updated_at has whole seconds: a reply in the second of the last read shows only at
    // the refresh cadence, so the reporter answers a moment later, as people do.
    await new Promise((r) => setTimeout(r, 1100));
    await control(bed.laporUrl).reply(c.laporId, 'Sudah saya kirim lewat email, terima kasih.');
    let seen = '';
    await waitFor(
      async () => {
        await bed.poll();
        const now = (await read(c.id)).body;
        seen = JSON.stringify(now.timeline.map((e) => [e.type, e.toStatus]));
        return now.status === 'acknowledged';
      },
      () => `the reporter's reply to be applied; timeline: ${seen}`,
    );

    ({ etag } = await read(c.id));
    res = await act(
      c.id,
      'followups',
      { visibility: 'public', content: 'SPLP Anda sudah dapat diambil.' },
      etag,
    );
    expect(res.body.status).toBe('responded');
    res = await act(
      c.id,
      'resolve',
      { resolution: 'SPLP sudah diterbitkan dan diambil pelapor.' },
      res.headers.etag,
    );
    expect(res.body.status).toBe('resolved');

    ({ body } = await read(c.id));
    // Upstream snapshot updates aside, the timeline is exactly the life.
    const life = body.timeline.filter((e) => e.type !== 'upstream_updated');
    expect(life.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ['received', null, 'received'],
      ['routed', 'received', 'assigned'],
      ['acknowledged', 'assigned', 'acknowledged'],
      ['note_added', 'acknowledged', 'acknowledged'],
      ['followup_posted', 'acknowledged', 'responded'],
      ['reporter_asked', 'responded', 'awaiting_reporter'],
      ['followup_received', null, null],
      ['reporter_replied', 'awaiting_reporter', 'acknowledged'],
      ['followup_posted', 'acknowledged', 'responded'],
      ['resolved', 'responded', 'resolved'],
    ]);
    expect(body.timeline.find((e) => e.type === 'reporter_replied')!.actor).not.toMatch(/^token:/);
    const human = body.timeline.filter((e) => e.actor.startsWith('token:'));
    expect(human).toHaveLength(6);
    // The reply paused nothing new: the same SLA cycle (a reply while awaiting the reporter).
    expect(body.sla.cycle).toBe(1);

    // Public words are queued for LAPOR! in order; the internal note never is.
    const mine = body.followUps.filter((f) => f.origin === 'bridge');
    expect(mine.map((f) => [f.visibility, f.kind, f.sync?.seq ?? null])).toEqual([
      ['internal', 'followup', null],
      ['public', 'followup', 1],
      ['public', 'question', 2],
      ['public', 'followup', 3],
      ['public', 'resolution', 4],
    ]);
    expect(body.followUps.some((f) => f.origin === 'lapor' && f.authorType === 'reporter')).toBe(true);
  });

  it('refuses every transition the table does not allow with 409, and changes nothing', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    const { etag } = await read(c.id);
    const refused = [
      ['resolve', { resolution: 'selesai' }],
      ['reopen', { reason: 'buka lagi' }],
    ] as const;
    for (const [action, body] of refused) {
      const res = await act(c.id, action, body, etag, 409);
      expect(res.body).toMatchObject({ code: 'COMPLAINT_INVALID_TRANSITION', status: 409 });
    }
    // Forwarded is final: nothing but an internal note.
    let res = await act(
      c.id,
      'reject',
      { targetInstitutionId: '2045', reason: 'Kewenangan Ditjen Imigrasi' },
      etag,
    );
    expect(res.body).toMatchObject({ status: 'forwarded', lapor: { forwardedTo: '2045' } });
    const after = res.headers.etag;
    for (const [action, body] of [
      ['acknowledge', {}],
      ['followups', { visibility: 'public', content: 'x' }],
      ['ask-reporter', { content: 'x' }],
      ['resolve', { resolution: 'x' }],
      ['reopen', { reason: 'x' }],
      ['escalate', { reason: 'x' }],
      ['reject', { targetInstitutionId: '1', reason: 'x' }],
    ] as const)
      await act(c.id, action, body, after, 409);
    await act(c.id, 'transfer', { missionCode: 'tokyo', reason: 'x' }, after, 409, 'supervisor');
    res = await act(c.id, 'followups', { visibility: 'internal', content: 'diteruskan' }, after);
    expect((await read(c.id)).body.version).toBe(res.body.version);
  });

  it('asks for If-Match (428), refuses a stale one (412), and of two handlers at once one wins', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    const { etag } = await read(c.id);
    const api = await bed.as('handler', 'osaka');
    let res = await api.post(`/api/v1/complaints/${c.id}/acknowledge`).send({});
    expect(res.status).toBe(428);
    expect(res.body.code).toBe('PRECONDITION_REQUIRED');

    const other = await bed.as('handler', 'osaka');
    const [a, b] = await Promise.all([
      api
        .post(`/api/v1/complaints/${c.id}/followups`)
        .set('If-Match', etag)
        .send({ visibility: 'public', content: 'Jawaban A' }),
      other
        .post(`/api/v1/complaints/${c.id}/followups`)
        .set('If-Match', etag)
        .send({ visibility: 'public', content: 'Jawaban B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const loser = a.status === 412 ? a : b;
    expect(loser.body).toMatchObject({ code: 'COMPLAINT_VERSION_MISMATCH' });
    const { body } = await read(c.id);
    // Exactly the winner's answer is stored and queued; the loser's is not half-written.
    expect(body.followUps.filter((f) => f.origin === 'bridge').map((f) => f.content)).toEqual([
      a.status === 200 ? 'Jawaban A' : 'Jawaban B',
    ]);
    // The loser re-reads and succeeds with the fresh ETag.
    res = await act(
      c.id,
      'followups',
      { visibility: 'public', content: 'Jawaban kedua' },
      `"${body.version}"`,
    );
    expect(res.body.followUps.filter((f: { origin: string }) => f.origin === 'bridge')).toHaveLength(2);
    // A stale ETag is refused even for an action the status allows.
    await act(c.id, 'followups', { visibility: 'internal', content: 'catatan' }, etag, 412);
  });

  it('transfers (supervisors), escalates to the supervisor then the ministry, and reopens with a new cycle', async () => {
    const [c] = await bed.intake([osakaComplaint()]);
    let { etag } = await read(c.id);
    // A handler may not transfer.
    await act(c.id, 'transfer', { missionCode: 'tokyo', reason: 'Domisili pelapor di Tokyo' }, etag, 403);
    let res = await act(c.id, 'escalate', { reason: 'Butuh keputusan' }, etag);
    expect(res.body.escalationLevel).toBe(1);
    await act(c.id, 'escalate', { reason: 'lagi' }, res.headers.etag, 409);
    res = await act(c.id, 'escalate', { reason: 'Perlu Kemlu' }, res.headers.etag, 200, 'supervisor');
    expect(res.body.escalationLevel).toBe(2);

    res = await act(
      c.id,
      'transfer',
      { missionCode: 'tokyo', reason: 'Domisili pelapor di Tokyo' },
      res.headers.etag,
      200,
      'supervisor',
    );
    expect(res.body).toMatchObject({ missionCode: 'tokyo', status: 'assigned' });
    // Osaka no longer sees it; Tokyo does, and takes it to resolved, then reopens it.
    await (await bed.as('handler', 'osaka')).get(`/api/v1/complaints/${c.id}`).expect(404);
    const tokyo = await bed.as('handler', 'tokyo');
    const got = await tokyo.get(`/api/v1/complaints/${c.id}`).expect(200);
    expect(got.body.timeline.find((e: { type: string }) => e.type === 'transferred').payload).toMatchObject({
      reason: 'Domisili pelapor di Tokyo',
      before: { missionCode: 'osaka' },
      after: { missionCode: 'tokyo' },
    });
    etag = got.headers.etag;
    for (const [action, body] of [
      ['acknowledge', {}],
      ['resolve', { resolution: 'Selesai di Tokyo' }],
      ['reopen', { reason: 'Pelapor belum menerima dokumen' }],
    ] as const) {
      res = await tokyo
        .post(`/api/v1/complaints/${c.id}/${action}`)
        .set('If-Match', etag)
        .send(body)
        .expect(200);
      etag = res.headers.etag;
    }
    expect(res.body).toMatchObject({ status: 'acknowledged', sla: { cycle: 2 } });
  });
  it("shows a complaint to the ministry's desk (hq-djpk) once a mission escalates it there, and lets DJPK act on it", async () => {
    const [c, other] = await bed.intake([
      osakaComplaint(),
      osakaComplaint({ title: 'Paspor rusak di Osaka' }),
    ]);
    const djpk = await bed.as('supervisor', 'hq-djpk');
    const inbox = async () =>
      ((await djpk.get('/api/v1/complaints?limit=200').expect(200)).body.data as { id: string }[]).map(
        (x) => x.id,
      );
    // Before: a mission's complaint is none of the desk's business (404, not in its inbox).
    await djpk.get(`/api/v1/complaints/${c.id}`).expect(404);
    expect(await inbox()).not.toContain(c.id);

    let { etag } = await read(c.id);
    let res = await act(c.id, 'escalate', { reason: 'Butuh keputusan' }, etag);
    // Level 1 is the mission's supervisor: still not the ministry's.
    await djpk.get(`/api/v1/complaints/${c.id}`).expect(404);
    res = await act(c.id, 'escalate', { reason: 'Perlu Kemlu' }, res.headers.etag, 200, 'supervisor');
    expect(res.body.escalationLevel).toBe(2);

    const got = await djpk.get(`/api/v1/complaints/${c.id}`).expect(200);
    expect(got.body).toMatchObject({ missionCode: 'osaka', escalationLevel: 2 });
    expect(await inbox()).toEqual(expect.arrayContaining([c.id]));
    expect(await inbox()).not.toContain(other.id);
    etag = got.headers.etag;
    res = await djpk
      .post(`/api/v1/complaints/${c.id}/transfer`)
      .set('If-Match', etag)
      .send({ missionCode: 'tokyo', reason: 'Pelapor tinggal di Tokyo' })
      .expect(200);
    expect(res.body).toMatchObject({ missionCode: 'tokyo', status: 'assigned' });
    // Still the mission's complaint too (osaka handed it on, so now tokyo's).
    await (await bed.as('handler', 'tokyo')).get(`/api/v1/complaints/${c.id}`).expect(200);
  });
  it('closes a complaint LAPOR! finishes (Selesai), and routes one that arrives finished without telling anyone', async () => {
    const [open, finished] = await bed.intake([
      osakaComplaint(),
      osakaComplaint({ title: 'Paspor lama di Osaka', status_code: 'done' }),
    ]);
    // Already finished upstream (e.g. history): the office is recorded for the figures, nothing is open.
    expect(finished).toMatchObject({ missionCode: 'osaka', status: 'closed' });
    const handler = await bed.as('handler', 'osaka');
    const f = (await handler.get(`/api/v1/complaints/${finished.id}`).expect(200)).body as Detail;
    expect(f.timeline.map((e) => [e.type, e.toStatus])).toEqual([
      ['received', 'received'],
      ['routed', 'closed'],
    ]);
    expect(f.allowedActions).toEqual(['followups']);

    // Answered, then LAPOR! closes it after the reporter's silence: closed here too, by LAPOR!.
    const { etag } = await read(open.id);
    await act(open.id, 'followups', { visibility: 'public', content: 'Silakan datang ke KJRI.' }, etag);
    await control(bed.laporUrl).patch(open.laporId, { status_code: 'done' });
    await bed.poll();
    await waitFor(async () => (await read(open.id)).body.status === 'closed', 'closed from LAPOR!');
    const closed = (await read(open.id)).body;
    expect(closed.timeline.at(-1)).toMatchObject({
      type: 'closed_upstream',
      actor: 'lapor:poll',
      fromStatus: 'responded',
      toStatus: 'closed',
      payload: { laporStatus: 'Selesai' },
    });
    expect(closed.allowedActions).toEqual(['followups']);

    const notified = (
      (await handler.get('/api/v1/notifications?limit=200').expect(200)).body.data as {
        complaintId: string;
      }[]
    ).map((n) => n.complaintId);
    expect(notified).toContain(open.id);
    expect(notified).not.toContain(finished.id);
  });
});

import { DateTime } from 'luxon';
import { MINISTRY_OFFICE } from '../../src/modules/complaints/complaint-scope';
import { ComplaintWorkflowService } from '../../src/modules/complaints/complaint-workflow.service';
import { SlaSweepService } from '../../src/modules/sla/sla-sweep.service';
import { intakeQueries } from '../intake/poller.helper';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';

interface Clock {
  cycle: number;
  clock: string;
  state: string;
  dueAt: string | null;
  breachedAt: string | null;
  limit: { value: number; unit: string };
  calendar: string;
}

/**
 * The SLA sweep end to end: clocks appear on the complaint page once routed; as time passes (the
 * sweep is given a later "now") the 75% warning, the breach, the escalation to the supervisor and then
 * to the ministry happen once each; a mission hears of it only inside its office hours, except for
 * urgent complaints.
 */
describe('SLA sweep: clocks, warnings, breaches and the escalation ladder', () => {
  let bed: WorkflowBed;
  let sweeps: SlaSweepService;
  const later =
    (iso: string, minutes = 1) =>
    () =>
      new Date(Date.parse(iso) + minutes * 60_000);

  beforeAll(async () => {
    bed = await startWorkflowBed('sla_sweep');
    sweeps = bed.t.app.get(SlaSweepService);
  });
  afterAll(() => bed?.close());

  const detail = async (id: string) =>
    (await (await bed.as('admin')).get(`/api/v1/complaints/${id}`).expect(200)).body as {
      escalationLevel: number;
      sla: { dueAt: string | null; breachedAt: string | null; clocks: Clock[] };
      timeline: { type: string; actor: string; payload: Record<string, unknown> }[];
    };
  const clockOf = (clocks: Clock[], name: string) => clocks.find((c) => c.clock === name && c.cycle === 1)!;
  const outboxOf = (id: string, kind: string) =>
    intakeQueries(bed.t).ds.query<{ delay_ms: number; payload: Record<string, unknown> }[]>(
      `SELECT extract(epoch FROM available_at - created_at) * 1000 AS delay_ms, payload FROM outbox
       WHERE job_name = 'notification.deliver' AND payload->>'complaintId' = $1 AND payload->>'kind' = $2`,
      [id, kind],
    );

  it('puts the clocks on the complaint page once routed, and the inbox sorts and filters on them', async () => {
    const [c] = await bed.intake([osakaComplaint({ title: 'SLA: paspor hilang di Osaka' })]);
    await sweeps.sweep();
    const d = await detail(c.id);
    expect(d.sla.clocks.map((k) => [k.clock, k.calendar, k.limit.value, k.state])).toEqual([
      ['acknowledgement', 'mission', 1, 'running'],
      ['first_follow_up', 'national', 5, 'running'],
      ['completion', 'national', expect.any(Number), 'running'],
    ]);
    // The inbox's due time is the earliest running clock: the acknowledgement.
    expect(d.sla.dueAt).toBe(clockOf(d.sla.clocks, 'acknowledgement').dueAt);
    expect(d.sla.breachedAt).toBeNull();

    // A handler acknowledges: the clock stops, met, and the next deadline is the first follow-up.
    const osaka = await bed.as('handler', 'osaka');
    const etag = (await osaka.get(`/api/v1/complaints/${c.id}`)).headers.etag;
    await osaka.post(`/api/v1/complaints/${c.id}/acknowledge`).set('If-Match', etag).send({}).expect(200);
    await sweeps.sweep();
    const after = await detail(c.id);
    expect(clockOf(after.sla.clocks, 'acknowledgement').state).toBe('met');
    expect(after.sla.dueAt).toBe(clockOf(after.sla.clocks, 'first_follow_up').dueAt);
  });

  it('warns at 75%, then on breach tells the mission and escalates to its supervisor, at twice the limit to the ministry', async () => {
    const [c] = await bed.intake([osakaComplaint({ title: 'SLA: SPLP belum terbit di Osaka' })]);
    await sweeps.sweep();
    const fu = clockOf((await detail(c.id)).sla.clocks, 'first_follow_up');

    // 75% of five working days.
    const warnAt = DateTime.fromISO(fu.dueAt!).minus({ hours: 1 }).toISO()!;
    await sweeps.sweep(later(warnAt, 0));
    const warnings = await outboxOf(c.id, 'sla.warning');
    // The first follow-up's warning; the acknowledgement (one day) is past due by then: a breach, no warning.
    expect(warnings).toHaveLength(1);
    expect(await outboxOf(c.id, 'sla.breached')).toHaveLength(1);
    // A mission hears of it inside its office hours: Osaka 09:00–17:00 JST, Monday to Friday.
    for (const w of warnings) {
      const deliver = DateTime.fromMillis(Date.parse(warnAt) + Number(w.delay_ms), { zone: 'Asia/Tokyo' });
      expect({ weekday: deliver.weekday <= 5, hour: deliver.hour >= 9 && deliver.hour < 17 }).toEqual({
        weekday: true,
        hour: true,
      });
    }

    await sweeps.sweep(later(fu.dueAt!));
    const breached = await detail(c.id);
    expect(clockOf(breached.sla.clocks, 'first_follow_up')).toMatchObject({
      state: 'breached',
      breachedAt: fu.dueAt,
    });
    expect(breached.escalationLevel).toBe(1);
    expect(breached.timeline.filter((e) => e.type === 'escalated')).toEqual([
      expect.objectContaining({ actor: 'system:sla', payload: expect.objectContaining({ automatic: true }) }),
    ]);
    expect(await outboxOf(c.id, 'sla.breached')).toHaveLength(2); // acknowledgement and first follow-up
    // The supervisor hears of the escalation inside Osaka's office hours too.
    const [escalation] = await outboxOf(c.id, 'complaint.escalated');
    const heard = DateTime.fromMillis(later(fu.dueAt!)().getTime() + Number(escalation.delay_ms), {
      zone: 'Asia/Tokyo',
    });
    expect({ weekday: heard.weekday <= 5, hour: heard.hour >= 9 && heard.hour < 17 }).toEqual({
      weekday: true,
      hour: true,
    });
    // The breach shows in the inbox filter and in the ministry's breach list.
    const inbox = await (
      await bed.as('supervisor', 'osaka')
    )
      .get('/api/v1/complaints?breached=true')
      .expect(200);
    expect(inbox.body.data.map((x: { id: string }) => x.id)).toContain(c.id);
    const list = await (await bed.as('monitor')).get('/api/v1/reports/breaches?mission=osaka').expect(200);
    expect(
      list.body.data
        .filter((b: { complaintId: string }) => b.complaintId === c.id)
        .map((b: { clock: string }) => b.clock)
        .sort(),
    ).toEqual(['acknowledgement', 'first_follow_up']);

    // Another sweep at the same time changes nothing: each alert fires once.
    await sweeps.sweep(later(fu.dueAt!, 2));
    expect(await outboxOf(c.id, 'sla.breached')).toHaveLength(2);
    expect((await detail(c.id)).escalationLevel).toBe(1);

    // Twice the limit (ten working days): the ministry; DJPK's people now see it.
    const double = DateTime.fromISO(fu.dueAt!).plus({ days: 14 }).toISO()!;
    await sweeps.sweep(later(double));
    expect((await detail(c.id)).escalationLevel).toBe(2);
    await (await bed.as('handler', MINISTRY_OFFICE)).get(`/api/v1/complaints/${c.id}`).expect(200);
  });

  it('gives a transferred complaint a fresh acknowledgement at its new office, and escalates nothing already answered', async () => {
    const [c] = await bed.intake([osakaComplaint({ title: 'SLA: legalisasi dokumen di Osaka' })]);
    const osaka = await bed.as('supervisor', 'osaka');
    const etag = async () => (await osaka.get(`/api/v1/complaints/${c.id}`)).headers.etag;
    await osaka
      .post(`/api/v1/complaints/${c.id}/acknowledge`)
      .set('If-Match', await etag())
      .send({})
      .expect(200);
    await sweeps.sweep();
    expect(clockOf((await detail(c.id)).sla.clocks, 'acknowledgement').state).toBe('met');

    await osaka
      .post(`/api/v1/complaints/${c.id}/transfer`)
      .set('If-Match', await etag())
      .send({ missionCode: 'tokyo', reason: 'Pelapor tinggal di Tokyo' })
      .expect(200);
    await sweeps.sweep();
    const moved = await detail(c.id);
    const transferredAt = moved.timeline.find((e) => e.type === 'transferred') as unknown as {
      occurredAt: string;
    };
    expect(clockOf(moved.sla.clocks, 'acknowledgement')).toMatchObject({ state: 'running' });
    expect(
      Date.parse(
        (clockOf(moved.sla.clocks, 'acknowledgement') as unknown as { startedAt: string }).startedAt,
      ),
    ).toBe(Date.parse(transferredAt.occurredAt));

    // Tokyo answers publicly; an escalation decided from an older reading of the clock is refused.
    const tokyo = await bed.as('handler', 'tokyo');
    const tag = (await tokyo.get(`/api/v1/complaints/${c.id}`)).headers.etag;
    await tokyo
      .post(`/api/v1/complaints/${c.id}/followups`)
      .set('If-Match', tag)
      .send({ visibility: 'public', content: 'Dokumen Anda sedang kami proses.' })
      .expect(200);
    const fu = clockOf(moved.sla.clocks, 'first_follow_up') as unknown as { startedAt: string };
    const escalated = await bed.t.app
      .get(ComplaintWorkflowService)
      .escalateBySla(c.id, 1, 'stale', 'test', { cycle: 1, startedAt: new Date(fu.startedAt) });
    expect(escalated).toBe(false);
    expect((await detail(c.id)).escalationLevel).toBe(0);
  });

  it('tells the mission of an urgent complaint at once, whatever the hour', async () => {
    const [c] = await bed.intake([
      osakaComplaint({
        title: 'Adik saya ditahan polisi di Osaka',
        content: 'Adik saya ditahan polisi di Osaka sejak kemarin.',
      }),
    ]);
    await sweeps.sweep();
    const d = await detail(c.id);
    const ack = clockOf(d.sla.clocks, 'acknowledgement');
    expect(ack).toMatchObject({ calendar: 'hours', limit: { value: 2, unit: 'hours' } });
    await sweeps.sweep(later(ack.dueAt!));
    const alerts = await outboxOf(c.id, 'sla.breached');
    expect(alerts.map((a) => Number(a.delay_ms))).toEqual([0]);
  });
});

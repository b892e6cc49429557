import type { MissionDay } from '../../src/modules/missions/mission-calendar.port';
import { SlaSweepService } from '../../src/modules/sla/sla-sweep.service';
import { startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import {
  clockOf,
  clocksOf,
  lastWorkingDate,
  openAndResolved,
  lastWorkingWeekday,
  QUIET_SWEEPS,
  sweepNow,
} from './calendar-test.helper';

/** A closure or workday as GET|PATCH /api/v1/missions/{code} show it (the port's shape, as JSON). */
type Day = MissionDay;

/**
 * A mission's calendar through GET|PATCH /api/v1/missions/{code} (SPEC.md "HTTP API": hours, calendar,
 * closures, institution id): closures and workdays shown and edited there, effective-dated like the
 * calendar API; an edit moves the due times of open complaints at the next sweep, never a stopped
 * clock's figures. The acknowledgement runs on the mission's calendar (1 mission working day); the
 * first follow-up on the national one (5 national working days, the LAPOR! rule), so a mission's
 * closure moves the former only.
 */
describe('a mission’s calendar through the missions API', () => {
  let bed: WorkflowBed;
  let sweeps: SlaSweepService;
  let open: string;
  let resolved: string;

  beforeAll(async () => {
    bed = await startWorkflowBed('calendar_mission_api', QUIET_SWEEPS);
    sweeps = bed.t.app.get(SlaSweepService);
    ({ open, resolved } = await openAndResolved(
      bed,
      ['Kalender: paspor hilang di Osaka', 'Kalender: legalisasi di Osaka'],
      'SPLP sudah diterbitkan.',
    ));
    await sweepNow(sweeps);
  });
  afterAll(() => bed?.close());

  const mission = async (code = 'osaka') =>
    (await (await bed.as('monitor')).get(`/api/v1/missions/${code}`).expect(200)).body as {
      timezone: string;
      weekendDays: number[];
      officeHours: { open: string; close: string };
      laporInstitutionId: string | null;
      notes: string | null;
      closures: Day[];
      workdays: Day[];
    };
  const patch = async (body: Record<string, unknown>, status = 200, code = 'osaka') =>
    (await bed.as('admin')).patch(`/api/v1/missions/${code}`).send(body).expect(status);

  it('shows the mission’s closures and workdays with its hours, zone and weekend; PATCH adds and removes them', async () => {
    const before = await mission();
    expect(before).toMatchObject({
      timezone: 'Asia/Tokyo',
      weekendDays: [6, 7],
      officeHours: { open: '09:00', close: '17:00' },
      closures: [],
      workdays: [],
    });

    const added = await patch({
      closures: { add: [{ date: '2030-04-01', name: 'Pindah gedung' }] },
      workdays: { add: [{ date: '2030-11-04', name: 'Buka: layanan paspor' }] },
    });
    expect(added.body.closures).toEqual([
      {
        id: expect.any(String),
        date: '2030-04-01',
        name: 'Pindah gedung',
        source: 'admin',
        validFrom: expect.any(String),
        recordedBy: expect.stringMatching(/^token:/),
      },
    ]);
    expect(added.body.workdays.map((d: Day) => d.date)).toEqual(['2030-11-04']);
    // The same entries the calendar API shows (scope = the mission code).
    const listed = await (await bed.as('monitor')).get('/api/v1/calendars/holidays?scope=osaka').expect(200);
    expect(listed.body.data.map((h: { date: string; kind: string }) => [h.date, h.kind])).toEqual([
      ['2030-04-01', 'closure'],
      ['2030-11-04', 'workday'],
    ]);

    // The same entry again changes nothing; another name is a new version, the old one retired.
    const id = added.body.closures[0].id as string;
    const again = await patch({ closures: { add: [{ date: '2030-04-01', name: 'Pindah gedung' }] } });
    expect(again.body.closures.map((d: Day) => d.id)).toEqual([id]);
    const renamed = await patch({ closures: { add: [{ date: '2030-04-01', name: 'Pindah kantor' }] } });
    expect(renamed.body.closures).toEqual([expect.objectContaining({ name: 'Pindah kantor' })]);
    expect(renamed.body.closures[0].id).not.toBe(id);
    const asBefore = await (
      await bed.as('monitor')
    )
      .get(
        `/api/v1/calendars/holidays?scope=osaka&asOf=${encodeURIComponent(added.body.closures[0].validFrom)}`,
      )
      .expect(200);
    expect(asBefore.body.data.find((h: { kind: string }) => h.kind === 'closure').name).toBe('Pindah gedung');

    const removed = await patch({
      closures: { remove: ['2030-04-01'] },
      workdays: { remove: ['2030-11-04'] },
    });
    expect(removed.body).toMatchObject({ closures: [], workdays: [] });
    // Removing what is not there is no error (PATCH says what to have).
    await patch({ closures: { remove: ['2030-04-01'] } });
    // The list keeps its keys (closures are on the one mission's page).
    const list = await (await bed.as('monitor')).get('/api/v1/missions?country=JP').expect(200);
    expect(list.body.data.map((m: { code: string }) => m.code)).toContain('osaka');
  });

  it('refuses a bad closure with 400 problem+json naming each field, and changes nothing', async () => {
    const bad = await patch(
      {
        notes: 'must not be saved',
        closures: {
          add: [
            { date: '2030-02-30', name: '' },
            { date: '2030-05-01', name: 'x', kind: 'closure' },
          ],
          remove: ['tomorrow'],
        },
        workdays: { add: [{ date: '2030-05-02' }], remove: ['2030-05-03', '2030-05-03'] },
      },
      400,
    );
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'closures.add.0.date',
      'closures.add.0.name',
      'closures.add.1.kind',
      'closures.remove',
      'workdays.add.0.name',
      'workdays.remove',
    ]);
    const both = await patch(
      {
        closures: { add: [{ date: '2030-05-01', name: 'x' }], remove: ['2030-05-01'] },
      },
      400,
    );
    expect(both.body.errors).toEqual([
      { field: 'closures.remove', message: 'must not list a date that add lists too' },
    ]);
    // A list where the { add, remove } object belongs is refused, not read as "no change".
    const listed = await patch({ closures: [{ add: [{ date: '2030-05-01', name: 'x' }] }] }, 400);
    expect(listed.body.errors).toContainEqual({
      field: 'closures',
      message: 'must be an object { add, remove }',
    });
    await patch({ closures: { add: [{ date: '2030-05-01', name: 'x' }] } }, 404, 'atlantis');
    await (
      await bed.as('supervisor', 'osaka')
    )
      .patch('/api/v1/missions/osaka')
      .send({ closures: { add: [{ date: '2030-05-01', name: 'x' }] } })
      .expect(403);
    const after = await mission();
    expect(after).toMatchObject({ closures: [], workdays: [] });
    expect(after.notes).not.toBe('must not be saved');
  });

  it('moves an open complaint’s acknowledgement due time when a closure falls inside it, never a stopped clock', async () => {
    const openBefore = await clocksOf(bed, open);
    const closedBefore = await clocksOf(bed, resolved);
    const ack = clockOf(openBefore, 'acknowledgement');
    expect(ack.state).toBe('running');
    expect(clockOf(closedBefore, 'acknowledgement').stoppedAt).not.toBeNull();
    // The last working day the acknowledgement counts, in Osaka: closed now.
    const day = lastWorkingDate(ack.dueAt!, 'Asia/Tokyo');
    expect(lastWorkingDate(clockOf(closedBefore, 'acknowledgement').dueAt!, 'Asia/Tokyo')).toBe(day);

    await patch({ closures: { add: [{ date: day, name: 'Kantor tutup: pemadaman listrik' }] } });
    await sweepNow(sweeps);
    const openAfter = await clocksOf(bed, open);
    const moved = clockOf(openAfter, 'acknowledgement');
    expect(Date.parse(moved.dueAt!)).toBeGreaterThan(Date.parse(ack.dueAt!));
    expect(lastWorkingDate(moved.dueAt!, 'Asia/Tokyo')).not.toBe(day);
    // The first follow-up runs on the national calendar: a mission's closure does not move it.
    expect(clockOf(openAfter, 'first_follow_up').dueAt).toBe(clockOf(openBefore, 'first_follow_up').dueAt);
    // The resolved complaint's clocks stopped before the edit: not one figure moved.
    expect(await clocksOf(bed, resolved)).toEqual(closedBefore);

    // Taken away again: the due time is what it was.
    await patch({ closures: { remove: [day] } });
    await sweepNow(sweeps);
    expect(clockOf(await clocksOf(bed, open), 'acknowledgement').dueAt).toBe(ack.dueAt);
  });

  it('moves open complaints’ due times after a change of weekend and time zone, not after office hours alone', async () => {
    const ack = clockOf(await clocksOf(bed, open), 'acknowledgement');
    const closedBefore = await clocksOf(bed, resolved);
    // Office hours time the notifications; working days are whole days: nothing to recompute.
    await patch({ officeHours: { open: '08:00', close: '15:00' } });
    await sweepNow(sweeps);
    const same = clockOf(await clocksOf(bed, open), 'acknowledgement');
    expect(same).toMatchObject({ dueAt: ack.dueAt, computedAt: ack.computedAt });

    // Honolulu time, with the day the acknowledgement would end on as the only weekend day.
    const zone = 'Pacific/Honolulu';
    const weekday = lastWorkingWeekday(ack.dueAt!, zone);
    await patch({ timezone: zone, weekendDays: [weekday] });
    expect((await sweepNow(sweeps)).recomputed).toBeGreaterThan(0);
    const moved = clockOf(await clocksOf(bed, open), 'acknowledgement');
    expect(moved.dueAt).not.toBe(ack.dueAt);
    expect(lastWorkingWeekday(moved.dueAt!, zone)).not.toBe(weekday);
    expect(await clocksOf(bed, resolved)).toEqual(closedBefore);

    // Back to Osaka's own calendar: back to the first due time.
    await patch({ timezone: 'Asia/Tokyo', weekendDays: [6, 7] });
    await sweepNow(sweeps);
    expect(clockOf(await clocksOf(bed, open), 'acknowledgement').dueAt).toBe(ack.dueAt);
  });
});

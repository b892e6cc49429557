import request from 'supertest';
import { TokenService } from '../../src/modules/auth/token.service';
import { HolidaysSeeder } from '../../src/modules/sla/holidays.seeder';
import { SlaSweepService } from '../../src/modules/sla/sla-sweep.service';
import type { TestApp } from '../helpers/test-app';
import { startIntakeApp } from '../intake/poller.helper';
import { startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import {
  clockOf,
  clocksOf,
  lastWorkingDate,
  openAndResolved,
  QUIET_SWEEPS,
  sweepNow,
  type ClockOnPage,
} from './calendar-test.helper';

/**
 * Calendar changes that no API call announces still reach running clocks: days the boot seeder adds
 * from config/data/holidays-id.csv, and CUTI_BERSAMA_IS_HOLIDAY flipped between two runs of the
 * bridge. The sweep compares each running clock's calendar fingerprint with the calendars as they
 * stand; stopped clocks keep their figures.
 */
describe('calendar changes from the seeder and from configuration reach running clocks', () => {
  let bed: WorkflowBed;
  let second: TestApp | undefined;
  let open: string;
  let resolved: string;

  beforeAll(async () => {
    bed = await startWorkflowBed('calendar_restart', { ...QUIET_SWEEPS, CUTI_BERSAMA_IS_HOLIDAY: 'true' });
    ({ open, resolved } = await openAndResolved(
      bed,
      ['Kalender: SPLP di Osaka', 'Kalender: surat keterangan di Osaka'],
      'Surat sudah dikirim.',
    ));
    await sweepNow(bed.t.app.get(SlaSweepService));
  });
  afterAll(async () => {
    await second?.close();
    await bed?.close();
  });

  it('moves the first follow-up over a cuti bersama day the seeder adds, and back when a restart stops counting cuti bersama', async () => {
    const fu = clockOf(await clocksOf(bed, open), 'first_follow_up');
    const closedBefore = await clocksOf(bed, resolved);
    expect(fu).toMatchObject({ calendar: 'national', state: 'running' });

    // A new row in the holiday data on a day the first follow-up counts (seeded as at boot: no API
    // call, no one marks the complaints).
    const day = lastWorkingDate(fu.dueAt!, 'Asia/Jakarta');
    const added = await bed.t.app
      .get(HolidaysSeeder)
      .seed([{ date: day, kind: 'cuti_bersama', name: 'Cuti bersama (uji)', decree: 'uji' }]);
    expect(added).toBe(1);
    await sweepNow(bed.t.app.get(SlaSweepService));
    const later = clockOf(await clocksOf(bed, open), 'first_follow_up');
    expect(Date.parse(later.dueAt!)).toBeGreaterThan(Date.parse(fu.dueAt!));
    expect(await clocksOf(bed, resolved)).toEqual(closedBefore);

    // The bridge restarts with cuti bersama as working days: the day counts again.
    await bed.t.stop();
    second = await startIntakeApp(bed.laporUrl, {
      db: bed.t.db,
      label: 'calendar_restart_2',
      env: { ...QUIET_SWEEPS, CUTI_BERSAMA_IS_HOLIDAY: 'false' },
    });
    await sweepNow(second.app.get(SlaSweepService));
    const { token } = await second.app.get(TokenService).create({ role: 'admin' });
    const page = async (id: string) =>
      (
        await request(second!.url)
          .get(`/api/v1/complaints/${id}`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200)
      ).body as { sla: { clocks: ClockOnPage[] } };
    const back = clockOf((await page(open)).sla.clocks, 'first_follow_up');
    expect(Date.parse(back.dueAt!)).toBeLessThan(Date.parse(later.dueAt!));
    // Earlier still if the real data has cuti bersama inside the window too.
    expect(Date.parse(back.dueAt!)).toBeLessThanOrEqual(Date.parse(fu.dueAt!));
    expect((await page(resolved)).sla.clocks).toEqual(closedBefore);
  });
});

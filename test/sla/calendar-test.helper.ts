import { DateTime } from 'luxon';
import type { SlaSweepService, SweepResult } from '../../src/modules/sla/sla-sweep.service';
import type { WorkflowBed } from '../workflow/workflow.helper';

export interface ClockOnPage {
  cycle: number;
  clock: string;
  state: string;
  calendar: string;
  startedAt: string;
  dueAt: string | null;
  stoppedAt: string | null;
  elapsed: number;
  computedAt: string;
}

/** Test apps sweep on the SLA interval too: these tests set it to an hour and sweep by hand. */
export const QUIET_SWEEPS = { SLA_SWEEP_INTERVAL_S: '3600' };

/** One sweep that ran (a sweep the scheduler started holds the lease: wait for it and go again). */
export async function sweepNow(sweeps: SlaSweepService, now?: () => Date): Promise<SweepResult> {
  for (let i = 0; i < 100; i++) {
    const r = await sweeps.sweep(now);
    if (r) return r;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the SLA sweep lease stayed taken');
}

/** The complaint page's SLA clocks, as an admin sees them. */
export async function clocksOf(bed: WorkflowBed, id: string): Promise<ClockOnPage[]> {
  const res = await (await bed.as('admin')).get(`/api/v1/complaints/${id}`).expect(200);
  return (res.body as { sla: { clocks: ClockOnPage[] } }).sla.clocks;
}

export function clockOf(clocks: ClockOnPage[], name: string): ClockOnPage {
  const k = clocks.find((c) => c.clock === name && c.cycle === 1);
  if (!k) throw new Error(`no ${name} clock in ${JSON.stringify(clocks)}`);
  return k;
}

/** The local date on which a clock's last working moment before its due time falls. */
export function lastWorkingDate(dueAt: string, zone: string): string {
  return DateTime.fromMillis(Date.parse(dueAt) - 1, { zone }).toISODate()!;
}

/** ISO weekday (1 = Monday) of that last working moment. */
export function lastWorkingWeekday(dueAt: string, zone: string): number {
  return DateTime.fromMillis(Date.parse(dueAt) - 1, { zone }).weekday;
}

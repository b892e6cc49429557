import { DateTime } from 'luxon';
import type { SlaSweepService, SweepResult } from '../../src/modules/sla/sla-sweep.service';
import { osakaComplaint, type WorkflowBed } from '../workflow/workflow.helper';

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

/**
 * Two complaints routed to Osaka: one left open, one acknowledged and resolved (its clocks stopped
 * and frozen once swept), the pair every calendar test compares.
 */
export async function openAndResolved(
  bed: WorkflowBed,
  titles: [string, string],
  resolution: string,
): Promise<{ open: string; resolved: string }> {
  const [a, b] = await bed.intake([
    osakaComplaint({ title: titles[0] }),
    osakaComplaint({ title: titles[1] }),
  ]);
  const admin = await bed.as('admin');
  const etag = async () => (await admin.get(`/api/v1/complaints/${b.id}`)).headers.etag;
  await admin
    .post(`/api/v1/complaints/${b.id}/acknowledge`)
    .set('If-Match', await etag())
    .send({})
    .expect(200);
  await admin
    .post(`/api/v1/complaints/${b.id}/resolve`)
    .set('If-Match', await etag())
    .send({ resolution })
    .expect(200);
  return { open: a.id, resolved: b.id };
}

import type { CalendarSpec } from './calendar/working-time';
import {
  computeClocks,
  pausesOf,
  type Calendars,
  type ClockInput,
  type ComputedClock,
  type TimelineEvent,
} from './clocks';

/*
 * Hand-computed expectations. The national calendar is Jakarta (UTC+7), Saturday–Sunday off; the
 * mission is in Riyadh (UTC+3) with a Friday–Saturday weekend. November 2026: Mon 2 … Fri 6, Mon 9 …
 * Fri 13, Mon 16 … Fri 20. 09:00 WIB = 02:00Z.
 */
const national = (holidays: string[] = []): CalendarSpec => ({
  zone: 'Asia/Jakarta',
  weekend: [6, 7],
  holidays: new Set(holidays),
});
const riyadh: CalendarSpec = { zone: 'Asia/Riyadh', weekend: [5, 6], holidays: new Set() };
const cals = (holidays: string[] = []): Calendars => {
  const n = national(holidays);
  return { national: n, mission: (code) => (code === 'riyadh' ? riyadh : n) };
};

const t = (iso: string) => new Date(iso);
const ev = (
  type: string,
  at: string,
  from: string | null,
  to: string | null,
  cycle?: number,
): TimelineEvent => ({
  type,
  at: t(at),
  fromStatus: from,
  toStatus: to,
  ...(cycle ? { cycle } : {}),
});

const DISPOSITION = '2026-11-02T02:00:00Z'; // Monday 09:00 WIB
const base = (over: Partial<ClockInput> = {}): ClockInput => ({
  priority: 'normal',
  classification: 'pengaduan',
  missionCode: 'riyadh',
  imported: false,
  receivedAt: t(DISPOSITION),
  dispositionedAt: t(DISPOSITION),
  events: [
    ev('received', DISPOSITION, null, 'received'),
    ev('routed', '2026-11-02T02:00:00Z', 'received', 'assigned'),
  ],
  institutionFollowUps: [],
  ...over,
});

const clock = (list: ComputedClock[], name: ComputedClock['clock'], cycle = 1) => {
  const c = list.find((k) => k.clock === name && k.cycle === cycle);
  if (!c) throw new Error(`no ${name} clock of cycle ${cycle}`);
  return c;
};

describe('computeClocks', () => {
  it('has no clocks before the complaint is routed', () => {
    expect(
      computeClocks(
        base({ events: [ev('received', DISPOSITION, null, 'received')] }),
        cals(),
        t('2026-11-03T00:00:00Z'),
      ),
    ).toEqual([]);
  });

  it('runs acknowledgement on the mission calendar, first follow-up and completion on the national one', () => {
    const c = base({
      events: [...base().events, ev('acknowledged', '2026-11-02T08:00:00Z', 'assigned', 'acknowledged')],
      institutionFollowUps: [t('2026-11-05T02:00:00Z')], // Thursday 09:00 WIB
    });
    const clocks = computeClocks(c, cals(), t('2026-11-10T00:00:00Z'));

    // Routed Monday 05:00 Riyadh; one Riyadh working day later is Tuesday 05:00 Riyadh = 02:00Z.
    const ack = clock(clocks, 'acknowledgement');
    expect(ack).toMatchObject({ calendar: 'mission', state: 'met', dueAt: t('2026-11-03T02:00:00Z') });
    expect(ack.metAt).toEqual(t('2026-11-02T08:00:00Z'));
    expect(ack.elapsed).toBeCloseTo(0.25, 6); // 6 h of a 24 h working day

    // 5 national working days from Monday 09:00 WIB: the next Monday 09:00 WIB. Answered Thursday
    // 09:00 WIB, 3 working days in. Warning at 3.75 days: Thursday 09:00 + 18 h = Friday 03:00 WIB.
    // Twice the limit (10 days): Monday 16th 09:00 WIB.
    const fu = clock(clocks, 'first_follow_up');
    expect(fu).toMatchObject({
      calendar: 'national',
      state: 'met',
      dueAt: t('2026-11-09T02:00:00Z'),
      warnAt: t('2026-11-05T20:00:00Z'),
      doubleAt: t('2026-11-16T02:00:00Z'),
      stoppedAt: t('2026-11-05T02:00:00Z'),
      frozen: true,
    });
    expect(fu.elapsed).toBeCloseTo(3, 6);

    // pengaduan: 14 national working days: two weeks (10) to Monday 16th, four more to Friday 20th 09:00.
    const done = clock(clocks, 'completion');
    expect(done).toMatchObject({
      state: 'running',
      dueAt: t('2026-11-20T02:00:00Z'),
      limitValue: 14,
      frozen: false,
    });
    // Monday 09:00 → Tuesday 10th 07:00 WIB (the 00:00Z now):
    // Mon 2 (15 h) + Tue–Fri (4) + Mon 9 (1) + Tue 10 until 07:00 (7 h) = 0.625 + 4 + 1 + 7/24.
    expect(done.elapsed).toBeCloseTo(0.625 + 5 + 7 / 24, 6);
  });

  it('counts answering at once (a public follow-up without acknowledging first) as taking the complaint up', () => {
    const events = [
      ...base().events,
      ev('followup_posted', '2026-11-02T05:00:00Z', 'assigned', 'responded'),
      ev('resolved', '2026-11-02T06:00:00Z', 'responded', 'resolved'),
    ];
    const clocks = computeClocks(
      base({ events, institutionFollowUps: [t('2026-11-02T05:00:00Z'), t('2026-11-02T06:00:00Z')] }),
      cals(),
      t('2026-11-20T00:00:00Z'),
    );
    expect(clocks.map((k) => [k.clock, k.state])).toEqual([
      ['acknowledgement', 'met'],
      ['first_follow_up', 'met'],
      ['completion', 'met'],
    ]);
    expect(clock(clocks, 'acknowledgement').metAt).toEqual(t('2026-11-02T05:00:00Z'));
  });

  it('uses the classification limits: aspirasi 5, permintaan informasi 5, pengaduan berkadar pengawasan 60, unknown 14', () => {
    const limit = (classification: string | null) =>
      clock(computeClocks(base({ classification }), cals(), t('2026-11-03T00:00:00Z')), 'completion')
        .limitValue;
    expect([
      limit('aspirasi'),
      limit('permintaan_informasi'),
      limit('pengaduan_pengawasan'),
      limit(null),
    ]).toEqual([5, 5, 60, 14]);
  });

  it('pauses while awaiting the reporter, and a holiday inside the pause changes nothing', () => {
    // Acknowledged Monday; asked the reporter Tuesday 09:00 WIB (a public word: first follow-up met
    // after 1 working day); the reporter replied Friday 09:00 WIB. aspirasi, 5 days: 1 day used before
    // the pause, 4 left from Friday 09:00 → Thursday 12th 09:00 WIB.
    const events = [
      ...base().events,
      ev('acknowledged', '2026-11-02T03:00:00Z', 'assigned', 'acknowledged'),
      ev('reporter_asked', '2026-11-03T02:00:00Z', 'acknowledged', 'awaiting_reporter'),
      ev('reporter_replied', '2026-11-06T02:00:00Z', 'awaiting_reporter', 'acknowledged'),
    ];
    const input = base({
      classification: 'aspirasi',
      events,
      institutionFollowUps: [t('2026-11-03T02:00:00Z')],
    });
    const now = t('2026-11-09T02:00:00Z');
    const done = clock(computeClocks(input, cals(), now), 'completion');
    expect(done.dueAt).toEqual(t('2026-11-12T02:00:00Z'));
    expect(done.pausedMs).toBe(3 * 86_400_000);
    // Active: Mon 09:00–Tue 09:00 (1) + Fri 09:00–Mon 09:00 (0.625 + 0.375) = 2 working days.
    expect(done.elapsed).toBeCloseTo(2, 6);
    expect(clock(computeClocks(input, cals(), now), 'first_follow_up')).toMatchObject({
      state: 'met',
      elapsed: 1,
    });

    // Wednesday 4th off (inside the pause): the same due time.
    expect(clock(computeClocks(input, cals(['2026-11-04']), now), 'completion').dueAt).toEqual(
      t('2026-11-12T02:00:00Z'),
    );
    // Tuesday 10th off (after the pause): one day later, Friday 13th 09:00 WIB.
    expect(clock(computeClocks(input, cals(['2026-11-10']), now), 'completion').dueAt).toEqual(
      t('2026-11-13T02:00:00Z'),
    );
  });

  it('shows a clock as paused (no due time) while the reporter has not answered', () => {
    const events = [
      ...base().events,
      ev('acknowledged', '2026-11-02T03:00:00Z', 'assigned', 'acknowledged'),
      ev('reporter_asked', '2026-11-03T02:00:00Z', 'acknowledged', 'awaiting_reporter'),
    ];
    const done = clock(computeClocks(base({ events }), cals(), t('2026-11-20T00:00:00Z')), 'completion');
    expect(done).toMatchObject({ state: 'paused', dueAt: null, stoppedAt: null });
    expect(done.elapsed).toBeCloseTo(1, 6);
  });

  it('runs urgent complaints on a 24/7 clock in hours and marks the breach at the due time', () => {
    const input = base({ priority: 'urgent' });
    const clocks = computeClocks(input, cals(), t('2026-11-03T03:00:00Z'));
    expect(clock(clocks, 'acknowledgement')).toMatchObject({
      calendar: 'hours',
      unit: 'hours',
      limitValue: 2,
      dueAt: t('2026-11-02T04:00:00Z'),
      state: 'breached',
      breachedAt: t('2026-11-02T04:00:00Z'),
    });
    const fu = clock(clocks, 'first_follow_up');
    expect(fu).toMatchObject({
      calendar: 'hours',
      limitValue: 24,
      dueAt: t('2026-11-03T02:00:00Z'),
      warnAt: t('2026-11-02T20:00:00Z'),
      doubleAt: t('2026-11-04T02:00:00Z'),
      state: 'breached',
      breachedAt: t('2026-11-03T02:00:00Z'),
    });
    expect(fu.elapsed).toBeCloseTo(25, 6);
  });

  it('starts a new cycle on reopen: cycle 1 stays as it ended, cycle 2 runs from the reopen', () => {
    const events = [
      ...base().events,
      ev('acknowledged', '2026-11-02T03:00:00Z', 'assigned', 'acknowledged'),
      ev('resolved', '2026-11-04T02:00:00Z', 'acknowledged', 'resolved'),
      ev('reopened', '2026-11-06T02:00:00Z', 'resolved', 'acknowledged', 2),
    ];
    const clocks = computeClocks(
      base({ events, institutionFollowUps: [t('2026-11-04T02:00:00Z')] }),
      cals(),
      t('2026-11-09T02:00:00Z'),
    );
    expect(clock(clocks, 'completion', 1)).toMatchObject({
      state: 'met',
      metAt: t('2026-11-04T02:00:00Z'),
      frozen: true,
    });
    // Cycle 2 from Friday 09:00 WIB: first follow-up due 5 working days later, Friday 13th 09:00 WIB.
    expect(clock(clocks, 'first_follow_up', 2)).toMatchObject({
      state: 'running',
      dueAt: t('2026-11-13T02:00:00Z'),
    });
    expect(clock(clocks, 'completion', 2).startedAt).toEqual(t('2026-11-06T02:00:00Z'));
    expect(clocks.filter((k) => k.clock === 'acknowledgement')).toHaveLength(1);
  });

  it('cancels clocks that a forward (not our authority) ends before their due time', () => {
    const events = [...base().events, ev('forwarded', '2026-11-03T02:00:00Z', 'assigned', 'forwarded')];
    const clocks = computeClocks(base({ events }), cals(), t('2026-11-30T00:00:00Z'));
    expect(clocks.map((k) => [k.clock, k.state])).toEqual([
      ['acknowledgement', 'cancelled'], // due Tuesday 02:00Z, the very instant of the forward: not late
      ['first_follow_up', 'cancelled'],
      ['completion', 'cancelled'],
    ]);
  });

  it('gives a transferred complaint a fresh acknowledgement day at its new office; the other clocks continue', () => {
    const events = [
      ...base().events,
      ev('acknowledged', '2026-11-02T03:00:00Z', 'assigned', 'acknowledged'),
      ev('transferred', '2026-11-03T02:00:00Z', 'acknowledged', 'assigned'),
    ];
    const clocks = computeClocks(
      base({ events, missionCode: 'jakarta-desk' }),
      cals(),
      t('2026-11-03T12:00:00Z'),
    );
    expect(clock(clocks, 'acknowledgement')).toMatchObject({
      startedAt: t('2026-11-03T02:00:00Z'),
      dueAt: t('2026-11-04T02:00:00Z'),
      state: 'running',
    });
    expect(clock(clocks, 'first_follow_up').startedAt).toEqual(t(DISPOSITION));
  });

  it('measures imported history from LAPOR!’s own follow-ups, without an acknowledgement clock', () => {
    const events = [...base().events.map((e) => ({ ...e, at: t('2026-11-20T00:00:00Z') }))];
    const clocks = computeClocks(
      base({ imported: true, events, institutionFollowUps: [t('2026-11-10T02:00:00Z')] }),
      cals(),
      t('2026-11-25T00:00:00Z'),
    );
    expect(clocks.map((k) => k.clock)).toEqual(['first_follow_up', 'completion']);
    // Monday 2nd 09:00 → Tuesday 10th 09:00 WIB: 6 working days; the limit was 5.
    expect(clock(clocks, 'first_follow_up')).toMatchObject({ state: 'breached', imported: true, elapsed: 6 });
  });
});

describe('pausesOf', () => {
  it('pairs entering and leaving awaiting_reporter and leaves the last one open', () => {
    const p = pausesOf([
      ev('reporter_asked', '2026-11-03T00:00:00Z', 'acknowledged', 'awaiting_reporter'),
      ev('reporter_replied', '2026-11-04T00:00:00Z', 'awaiting_reporter', 'acknowledged'),
      ev('reporter_asked', '2026-11-05T00:00:00Z', 'acknowledged', 'awaiting_reporter'),
    ]);
    expect(p).toEqual([
      { from: t('2026-11-03T00:00:00Z'), to: t('2026-11-04T00:00:00Z') },
      { from: t('2026-11-05T00:00:00Z'), to: null },
    ]);
  });
});

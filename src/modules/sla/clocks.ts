import {
  addHours,
  addWorkingDays,
  hoursBetween,
  workingDaysBetween,
  type CalendarSpec,
} from './calendar/working-time';
import type { ClockCalendar, ClockName, ClockState, ClockUnit } from './sla-clock.entity';

/**
 * The SLA clocks of a complaint, as a pure function of its timeline and the calendars (SPEC.md "SLA
 * and reports"). No I/O: the sweep loads the inputs and stores the result; the unit tests feed it
 * hand-made timelines.
 *
 * - A clock measures from its start to the event that ends it, on its calendar, minus the time the
 *   complaint spent in `awaiting_reporter` (paused).
 * - Clocks exist once the complaint is routed. Cycle 1 starts at LAPOR!'s disposition; each reopen
 *   (or reporter reply after `responded`/`resolved`) starts the next cycle, whose running clocks end.
 * - acknowledgement: 1 working day of the mission's calendar from the latest assignment (routing,
 *   re-routing, transfer) of cycle 1, met by `acknowledged` or by answering at once (a public
 *   follow-up, a question to the reporter, the resolution). Not measured for imported history.
 * - first_follow_up: 5 national working days from the cycle's start, ended by the institution's first
 *   public word (a follow-up, a question to the reporter or the resolution — posted through the bridge,
 *   or found in LAPOR!).
 * - completion: by classification (5/5/14/60 national working days), ended by `resolved` or LAPOR!'s
 *   close.
 * - `urgent`: acknowledgement 2 h and first follow-up 24 h on a 24/7 clock.
 * - Forwarding (not our authority) or LAPOR!'s close ends every running clock: breached if already past
 *   due, else cancelled (not counted in compliance either way but breach).
 */

export interface TimelineEvent {
  type: string;
  at: Date;
  fromStatus: string | null;
  toStatus: string | null;
  /** The new cycle's number, on events that start one. */
  cycle?: number;
}

export interface ClockInput {
  priority: string;
  classification: string | null;
  missionCode: string | null;
  imported: boolean;
  receivedAt: Date;
  dispositionedAt: Date | null;
  /** Oldest first. */
  events: readonly TimelineEvent[];
  /** When the institution's public words were posted (bridge or LAPOR!), oldest first. */
  institutionFollowUps: readonly Date[];
}

export interface Calendars {
  national: CalendarSpec;
  mission(code: string | null): CalendarSpec;
}

export interface ComputedClock {
  cycle: number;
  clock: ClockName;
  calendar: ClockCalendar;
  missionCode: string | null;
  limitValue: number;
  unit: ClockUnit;
  startedAt: Date;
  dueAt: Date | null;
  warnAt: Date | null;
  doubleAt: Date | null;
  stoppedAt: Date | null;
  /** When the event that meets the clock happened (acknowledged, first follow-up, resolved); null otherwise. */
  metAt: Date | null;
  elapsed: number;
  pausedMs: number;
  state: ClockState;
  breachedAt: Date | null;
  imported: boolean;
  frozen: boolean;
}

/** Completion limits in national working days, by classification (SPEC.md). */
export const COMPLETION_DAYS: Readonly<Record<string, number>> = {
  aspirasi: 5,
  permintaan_informasi: 5,
  pengaduan: 14,
  pengaduan_pengawasan: 60,
};
/** A complaint LAPOR! did not classify is held to the rule for complaints (pengaduan). */
export const DEFAULT_COMPLETION_DAYS = 14;
export const FOLLOW_UP_DAYS = 5;
export const ACK_DAYS = 1;
export const URGENT_ACK_HOURS = 2;
export const URGENT_FOLLOW_UP_HOURS = 24;
export const WARN_SHARE = 0.75;

const ASSIGNMENT_EVENTS = new Set(['routed', 'rerouted', 'transferred']);
/** What takes a complaint up: acknowledging it, or answering at once (a public word, a question, the resolution). */
const ACK_EVENTS = new Set(['acknowledged', 'followup_posted', 'reporter_asked', 'resolved']);
const ENDING_EVENTS = new Set(['forwarded', 'closed_upstream']);

interface Meter {
  between(a: Date, b: Date): number;
  add(start: Date, amount: number): Date;
}

function workingDayMeter(cal: CalendarSpec): Meter {
  return { between: (a, b) => workingDaysBetween(cal, a, b), add: (s, n) => addWorkingDays(cal, s, n) };
}
const HOURS: Meter = { between: hoursBetween, add: addHours };

interface Interval {
  from: Date;
  to: Date | null;
}

/** Time in awaiting_reporter: from entering it to the next event that leaves it. */
export function pausesOf(events: readonly TimelineEvent[]): Interval[] {
  const out: Interval[] = [];
  let open: Date | null = null;
  for (const e of events) {
    if (open === null && e.toStatus === 'awaiting_reporter') open = e.at;
    else if (open !== null && e.fromStatus === 'awaiting_reporter' && e.toStatus !== 'awaiting_reporter') {
      out.push({ from: open, to: e.at });
      open = null;
    }
  }
  if (open) out.push({ from: open, to: null });
  return out;
}

/** Active (unpaused) stretches of [start, end), end null = open-ended. */
function activeSegments(start: Date, end: Date | null, pauses: readonly Interval[]): Interval[] {
  const segs: Interval[] = [];
  let cursor = start;
  const sorted = [...pauses].sort((a, b) => a.from.getTime() - b.from.getTime());
  for (const p of sorted) {
    const pTo = p.to ?? null;
    if (pTo && pTo <= cursor) continue;
    if (end && p.from >= end) break;
    if (p.from > cursor) segs.push({ from: cursor, to: end && end < p.from ? end : p.from });
    if (pTo === null) return segs; // paused to the end
    if (pTo > cursor) cursor = pTo;
    if (end && cursor >= end) return segs;
  }
  if (!end || cursor < end) segs.push({ from: cursor, to: end });
  return segs;
}

/** The instant at which `amount` of active time has elapsed since start; null while paused before it. */
function instantAt(meter: Meter, start: Date, pauses: readonly Interval[], amount: number): Date | null {
  let remaining = amount;
  for (const s of activeSegments(start, null, pauses)) {
    if (s.to === null) return meter.add(s.from, remaining);
    const w = meter.between(s.from, s.to);
    if (w >= remaining) return meter.add(s.from, remaining);
    remaining -= w;
  }
  return null;
}

function elapsedOf(meter: Meter, start: Date, end: Date, pauses: readonly Interval[]): number {
  return activeSegments(start, end, pauses).reduce((sum, s) => sum + meter.between(s.from, s.to ?? end), 0);
}

function pausedMsOf(start: Date, end: Date, pauses: readonly Interval[]): number {
  let ms = 0;
  for (const p of pauses) {
    const from = Math.max(p.from.getTime(), start.getTime());
    const to = Math.min((p.to ?? end).getTime(), end.getTime());
    if (to > from) ms += to - from;
  }
  return ms;
}

interface ClockSpec {
  clock: ClockName;
  calendar: ClockCalendar;
  meter: Meter;
  unit: ClockUnit;
  limit: number;
  start: Date;
  /** The event that meets the clock (its own stop), if any. */
  done: Date | null;
  /** Something else that ended it (forwarded, closed, next cycle), if any. */
  ended: Date | null;
}

function measure(
  spec: ClockSpec,
  pauses: readonly Interval[],
  now: Date,
  imported: boolean,
  missionCode: string | null,
  cycle: number,
): ComputedClock {
  const due = instantAt(spec.meter, spec.start, pauses, spec.limit);
  const warn = instantAt(spec.meter, spec.start, pauses, spec.limit * WARN_SHARE);
  const double =
    spec.clock === 'first_follow_up' ? instantAt(spec.meter, spec.start, pauses, spec.limit * 2) : null;
  const doneFirst = spec.done && (!spec.ended || spec.done <= spec.ended) ? spec.done : null;
  const stop = doneFirst ?? spec.ended;
  const until = stop && stop < now ? stop : now;
  const stopped = stop !== null && stop <= now;
  let state: ClockState;
  if (stopped && doneFirst) state = due && doneFirst <= due ? 'met' : 'breached';
  else if (stopped) state = due && due < stop ? 'breached' : 'cancelled';
  else if (due && due <= now) state = 'breached';
  else if (due === null) state = 'paused';
  else state = 'running';
  return {
    cycle,
    clock: spec.clock,
    calendar: spec.calendar,
    missionCode,
    limitValue: spec.limit,
    unit: spec.unit,
    startedAt: spec.start,
    dueAt: due,
    warnAt: warn,
    doubleAt: double,
    stoppedAt: stopped ? stop : null,
    metAt: stopped && doneFirst ? doneFirst : null,
    elapsed: until > spec.start ? elapsedOf(spec.meter, spec.start, until, pauses) : 0,
    pausedMs: until > spec.start ? pausedMsOf(spec.start, until, pauses) : 0,
    state,
    breachedAt: state === 'breached' ? due : null,
    imported,
    frozen: stopped,
  };
}

/** Every clock of every cycle of the complaint, as of `now`. Empty until it is routed. */
export function computeClocks(c: ClockInput, cals: Calendars, now: Date): ComputedClock[] {
  const events = c.events.filter((e) => e.at <= now);
  const firstRouting = events.find((e) => e.type === 'routed');
  if (!firstRouting) return [];
  const urgent = c.priority === 'urgent';
  const pauses = pausesOf(events);
  const national = workingDayMeter(cals.national);

  // Cycle boundaries: cycle 1 from the disposition; later ones from the event that opened them.
  const starts: { cycle: number; at: Date }[] = [{ cycle: 1, at: c.dispositionedAt ?? c.receivedAt }];
  for (const e of events) if (e.cycle && e.cycle > 1) starts.push({ cycle: e.cycle, at: e.at });

  const out: ComputedClock[] = [];
  starts.forEach((s, i) => {
    const next = starts[i + 1]?.at ?? null;
    const inCycle = events.filter((e) => e.at >= s.at && (!next || e.at < next));
    const ending = inCycle.find((e) => ENDING_EVENTS.has(e.type))?.at ?? null;
    const ended =
      [ending, next].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ??
      null;

    if (s.cycle === 1 && !c.imported) {
      // The latest assignment before acknowledgement: a transfer gives the new office a fresh day.
      let assignedAt = firstRouting.at;
      let ackAt: Date | null = null;
      for (const e of events) {
        if (next && e.at >= next) break;
        if (ASSIGNMENT_EVENTS.has(e.type)) {
          assignedAt = e.at;
          ackAt = null;
        } else if (ACK_EVENTS.has(e.type) && !ackAt) ackAt = e.at;
      }
      // The institution answering in LAPOR! itself takes the complaint up too.
      const word = c.institutionFollowUps.find((f) => f >= assignedAt && f <= now && (!next || f < next));
      if (word && (!ackAt || word < ackAt)) ackAt = word;
      out.push(
        measure(
          {
            clock: 'acknowledgement',
            calendar: urgent ? 'hours' : 'mission',
            meter: urgent ? HOURS : workingDayMeter(cals.mission(c.missionCode)),
            unit: urgent ? 'hours' : 'working_days',
            limit: urgent ? URGENT_ACK_HOURS : ACK_DAYS,
            start: assignedAt,
            done: ackAt,
            ended,
          },
          pauses,
          now,
          c.imported,
          c.missionCode,
          1,
        ),
      );
    }

    const firstWord = c.institutionFollowUps.find((f) => f >= s.at && (!next || f < next)) ?? null;
    out.push(
      measure(
        {
          clock: 'first_follow_up',
          calendar: urgent ? 'hours' : 'national',
          meter: urgent ? HOURS : national,
          unit: urgent ? 'hours' : 'working_days',
          limit: urgent ? URGENT_FOLLOW_UP_HOURS : FOLLOW_UP_DAYS,
          start: s.at,
          done: firstWord && firstWord <= now ? firstWord : null,
          ended,
        },
        pauses,
        now,
        c.imported,
        c.missionCode,
        s.cycle,
      ),
    );

    const completed = inCycle.find((e) => e.type === 'resolved' || e.type === 'closed_upstream')?.at ?? null;
    out.push(
      measure(
        {
          clock: 'completion',
          calendar: 'national',
          meter: national,
          unit: 'working_days',
          limit: COMPLETION_DAYS[c.classification ?? ''] ?? DEFAULT_COMPLETION_DAYS,
          start: s.at,
          done: completed,
          ended: next,
        },
        pauses,
        now,
        c.imported,
        c.missionCode,
        s.cycle,
      ),
    );
    // A forward (not our authority) ends the completion clock without meeting it.
    const fwd = inCycle.find((e) => e.type === 'forwarded')?.at ?? null;
    if (fwd && (!completed || fwd < completed)) {
      const last = out[out.length - 1];
      out[out.length - 1] = measure(
        {
          clock: 'completion',
          calendar: 'national',
          meter: national,
          unit: 'working_days',
          limit: last.limitValue,
          start: s.at,
          done: null,
          ended: fwd,
        },
        pauses,
        now,
        c.imported,
        c.missionCode,
        s.cycle,
      );
    }
  });
  return out;
}

import { IANAZone } from 'luxon';

/**
 * Working-time arithmetic for the SLA clocks: pure functions, no I/O, no Nest. Working time is the time
 * that falls on working LOCAL days of a calendar (whole days, not office hours); each working day counts
 * 1 whatever its real length (23, 24 or 25 hours across DST). See README.md in this folder.
 */
export interface CalendarSpec {
  /** IANA zone, e.g. 'Asia/Jakarta', 'America/New_York', 'Asia/Riyadh'. */
  zone: string;
  /** ISO weekdays off (1 = Monday … 7 = Sunday): [6,7] Sat–Sun; [5,6] Fri–Sat; [5] Fri only. */
  weekend: readonly number[];
  /** Local dates 'YYYY-MM-DD' that are off (holidays, closures). Read on every call, never copied. */
  holidays: ReadonlySet<string>;
  /** 'HH:mm' local, used only by isOfficeOpen/nextOfficeOpening. */
  officeHours?: { open: string; close: string };
}

/** A pause of an SLA clock; `to: null` means still paused (until the end of the measured interval). */
export interface Pause {
  from: Date;
  to: Date | null;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** Days per cached block of local-midnight instants (2 KiB per block and zone). */
const BLOCK = 256;
/** A remainder this close to a day's end (in days, about 0.09 ms) lands on that end. */
const EPS_DAYS = 1e-9;
/** Upper bound for addWorkingDays: a sanity limit (about 380 years), so bad data cannot hang a sweep. */
const MAX_DAYS = 100_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instants at which each local day of one zone begins, cached in blocks. Day n is the local date
 * 1970-01-01 + n days; start(n) is the first instant the wall clock shows that date's 00:00 (the
 * transition instant when midnight falls in a DST gap). Day n covers [start(n), start(n + 1)).
 */
class ZoneDays {
  private readonly blocks = new Map<number, Float64Array>();
  private lastKey = Number.NaN;
  private last: Float64Array = new Float64Array(0);

  constructor(private readonly zone: IANAZone) {}

  start(n: number): number {
    const key = Math.floor(n / BLOCK);
    if (key !== this.lastKey) {
      let block = this.blocks.get(key);
      if (!block) {
        block = this.fill(key);
        this.blocks.set(key, block);
      }
      this.lastKey = key;
      this.last = block;
    }
    return this.last[n - key * BLOCK];
  }

  /** The local day an instant falls on. UTC offsets are under a day, so this moves at most a step or two. */
  dayOf(t: number): number {
    let n = Math.floor(t / DAY_MS);
    while (this.start(n) > t) n--;
    while (this.start(n + 1) <= t) n++;
    return n;
  }

  /** The instant of local wall time `wall` (ms since 1970-01-01T00:00 local): earliest if repeated, the transition if skipped. */
  resolve(wall: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (const probe of [wall - DAY_MS, wall, wall + DAY_MS]) {
      const offset = this.offset(probe);
      const t = wall - offset;
      if (this.offset(t) === offset && t < best) best = t;
    }
    if (best !== Number.POSITIVE_INFINITY) return best;
    // In a gap: binary-search the first instant whose wall clock reaches `wall`.
    let lo = wall - 2 * DAY_MS;
    let hi = wall + 2 * DAY_MS;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (mid + this.offset(mid) >= wall) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  private offset(t: number): number {
    return Math.round(this.zone.offset(t) * MINUTE_MS);
  }

  /** One Intl call per day; a day whose neighbouring UTC midnights share an offset has no transition near its midnight. */
  private fill(key: number): Float64Array {
    const n0 = key * BLOCK;
    const samples = new Float64Array(BLOCK + 2);
    for (let i = 0; i < BLOCK + 2; i++) samples[i] = this.offset((n0 + i - 1) * DAY_MS);
    const out = new Float64Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) {
      const wall = (n0 + i) * DAY_MS;
      const offset = samples[i + 1];
      out[i] = samples[i] === offset && samples[i + 2] === offset ? wall - offset : this.resolve(wall);
    }
    return out;
  }
}

const zones = new Map<string, ZoneDays>();

function zoneDays(zone: string): ZoneDays {
  let days = zones.get(zone);
  if (!days) {
    if (!IANAZone.isValidZone(zone)) {
      throw new RangeError(`Unknown time zone "${zone}": use an IANA name such as Asia/Jakarta`);
    }
    days = new ZoneDays(IANAZone.create(zone));
    zones.set(zone, days);
  }
  return days;
}

/** 'YYYY-MM-DD' of day n, cached in blocks: the holiday look-up then costs one Set.has per day. */
const dateBlocks = new Map<number, string[]>();
let lastDateKey = Number.NaN;
let lastDateBlock: string[] = [];

function dateOfDay(n: number): string {
  const key = Math.floor(n / BLOCK);
  if (key !== lastDateKey) {
    let block = dateBlocks.get(key);
    if (!block) {
      block = [];
      for (let i = 0; i < BLOCK; i++)
        block.push(new Date((key * BLOCK + i) * DAY_MS).toISOString().slice(0, 10));
      dateBlocks.set(key, block);
    }
    lastDateKey = key;
    lastDateBlock = block;
  }
  return lastDateBlock[n - key * BLOCK];
}

function dayOfDate(localDate: string): number {
  const m = DATE_RE.exec(localDate);
  const n = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS : Number.NaN;
  if (!Number.isInteger(n) || dateOfDay(n) !== localDate) {
    throw new RangeError(`Invalid local date "${localDate}": expected a real date written YYYY-MM-DD`);
  }
  return n;
}

/** ISO weekday of day n; 1970-01-01 was a Thursday (4). */
function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

interface Ctx {
  cal: CalendarSpec;
  days: ZoneDays;
  weekendMask: number;
}

function prepare(cal: CalendarSpec): Ctx {
  let weekendMask = 0;
  for (const d of cal.weekend) {
    if (!Number.isInteger(d) || d < 1 || d > 7) {
      throw new RangeError(`Invalid weekend day ${d}: use ISO weekdays 1 (Monday) to 7 (Sunday)`);
    }
    weekendMask |= 1 << d;
  }
  if (weekendMask === 0b1111_1110)
    throw new RangeError('A calendar whose weekend is every day has no working time');
  return { cal, days: zoneDays(cal.zone), weekendMask };
}

function working(ctx: Ctx, n: number): boolean {
  if (ctx.weekendMask & (1 << isoWeekday(n))) return false;
  return ctx.cal.holidays.size === 0 || !ctx.cal.holidays.has(dateOfDay(n));
}

function ms(at: Date, name: string): number {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${name} is an invalid Date`);
  return t;
}

/** Working days in [ta, tb), each day prorated by the share of its real length inside the interval. */
function countWorking(ctx: Ctx, ta: number, tb: number): number {
  if (!(tb > ta)) return 0;
  let n = ctx.days.dayOf(ta);
  let s = ctx.days.start(n);
  let total = 0;
  while (s < tb) {
    const e = ctx.days.start(n + 1);
    if (e > s && working(ctx, n)) {
      const from = Math.max(s, ta);
      const to = Math.min(e, tb);
      total += from === s && to === e ? 1 : (to - from) / (e - s);
    }
    n++;
    s = e;
  }
  return total;
}

/** Pauses clipped to [ta, tb], sorted and merged, so that overlapping ones are not subtracted twice. */
function mergePauses(pauses: readonly Pause[], ta: number, tb: number): [number, number][] {
  const clipped: [number, number][] = [];
  for (const p of pauses) {
    const from = Math.max(ms(p.from, 'pause.from'), ta);
    const to = Math.min(p.to === null ? tb : ms(p.to, 'pause.to'), tb);
    if (to > from) clipped.push([from, to]);
  }
  clipped.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of clipped) {
    const prev = merged[merged.length - 1];
    if (prev && from <= prev[1]) prev[1] = Math.max(prev[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** The parts of [ta, tb) outside every pause. */
function unpaused(ta: number, tb: number, pauses: readonly Pause[]): [number, number][] {
  const parts: [number, number][] = [];
  let cursor = ta;
  for (const [from, to] of mergePauses(pauses, ta, tb)) {
    if (from > cursor) parts.push([cursor, from]);
    cursor = Math.max(cursor, to);
  }
  if (tb > cursor) parts.push([cursor, tb]);
  return parts;
}

export function isWorkingDay(cal: CalendarSpec, localDate: string): boolean {
  return working(prepare(cal), dayOfDate(localDate));
}

/** Working days elapsed in [a, b): each working LOCAL day counts 1, prorated by the share of that day's real length (23 h, 24 h or 25 h across DST) that lies inside the interval. 0 when b <= a. */
export function workingDaysBetween(cal: CalendarSpec, a: Date, b: Date): number {
  return countWorking(prepare(cal), ms(a, 'a'), ms(b, 'b'));
}

/** Same, minus the given pause intervals (may overlap each other, holidays, weekends, or extend past a/b; never double-subtract). A pause whose `to` is before its `from` is empty. */
export function workingDaysExcluding(cal: CalendarSpec, a: Date, b: Date, pauses: readonly Pause[]): number {
  const ctx = prepare(cal);
  let total = 0;
  for (const [from, to] of unpaused(ms(a, 'a'), ms(b, 'b'), pauses)) total += countWorking(ctx, from, to);
  return total;
}

/**
 * The earliest instant t >= start with workingDaysBetween(cal, start, t) === days (days >= 0, fractional
 * allowed). Counting on a non-working day begins at the next working day's local 00:00; a result that
 * lands exactly at the end of a working day is that day's end (next local midnight), not later. Results
 * are rounded up to the whole millisecond; days = 0 returns start itself.
 */
export function addWorkingDays(cal: CalendarSpec, start: Date, days: number): Date {
  if (!Number.isFinite(days) || days < 0 || days > MAX_DAYS) {
    throw new RangeError(`days must be a finite number from 0 to ${MAX_DAYS}, got ${days}`);
  }
  const t0 = ms(start, 'start');
  if (days === 0) return new Date(t0);
  const ctx = prepare(cal);
  let remaining = days;
  let n = ctx.days.dayOf(t0);
  for (;;) {
    const s = ctx.days.start(n);
    const e = ctx.days.start(n + 1);
    if (e > s && working(ctx, n)) {
      const from = Math.max(s, t0);
      const available = (e - from) / (e - s);
      if (remaining <= available + EPS_DAYS) {
        if (remaining >= available - EPS_DAYS) return new Date(e);
        // A thousandth of a millisecond of slack keeps float noise from rounding 8 h up to 8 h + 1 ms.
        return new Date(Math.min(e, Math.ceil(from + remaining * (e - s) - 1e-3)));
      }
      remaining -= available;
    }
    n++;
  }
}

interface Hours {
  open: number;
  close: number;
}

function officeMinutes(cal: CalendarSpec): Hours | null {
  const hours = cal.officeHours;
  if (!hours) return null;
  const open = HHMM_RE.exec(hours.open);
  const close = HHMM_RE.exec(hours.close);
  const result = open && close ? { open: +open[1] * 60 + +open[2], close: +close[1] * 60 + +close[2] } : null;
  if (!result || result.close <= result.open) {
    throw new RangeError(
      `Invalid office hours ${hours.open}–${hours.close}: use HH:mm with open before close`,
    );
  }
  return result;
}

/** The instant a wall time of day n is reached: a time skipped by DST resolves to the moment the clock jumps past it. */
function wallInstant(ctx: Ctx, n: number, minutes: number): number {
  const s = ctx.days.start(n);
  const e = ctx.days.start(n + 1);
  if (e - s === DAY_MS) return s + minutes * MINUTE_MS;
  return Math.min(Math.max(ctx.days.resolve(n * DAY_MS + minutes * MINUTE_MS), s), e);
}

function openAt(ctx: Ctx, hours: Hours | null, n: number, t: number): boolean {
  if (!working(ctx, n)) return false;
  if (!hours) return true;
  return wallInstant(ctx, n, hours.open) <= t && t < wallInstant(ctx, n, hours.close);
}

/** Is `at` inside office hours (open inclusive, close exclusive) of a working day (local)? Without officeHours: any time of a working day. */
export function isOfficeOpen(cal: CalendarSpec, at: Date): boolean {
  const ctx = prepare(cal);
  const t = ms(at, 'at');
  return openAt(ctx, officeMinutes(cal), ctx.days.dayOf(t), t);
}

/** `at` when the office is open, else the next opening instant (open time of the next working day; its 00:00 without officeHours). */
export function nextOfficeOpening(cal: CalendarSpec, at: Date): Date {
  const ctx = prepare(cal);
  const hours = officeMinutes(cal);
  const t = ms(at, 'at');
  let n = ctx.days.dayOf(t);
  if (openAt(ctx, hours, n, t)) return new Date(t);
  if (hours && working(ctx, n) && t < wallInstant(ctx, n, hours.open))
    return new Date(wallInstant(ctx, n, hours.open));
  do n++;
  while (!working(ctx, n));
  return new Date(hours ? wallInstant(ctx, n, hours.open) : ctx.days.start(n));
}

/** 24/7 clock: start + hours (any finite number; rounded to the millisecond). */
export function addHours(start: Date, hours: number): Date {
  if (!Number.isFinite(hours)) throw new RangeError(`hours must be a finite number, got ${hours}`);
  return new Date(ms(start, 'start') + Math.round(hours * HOUR_MS));
}

/** 24/7 clock: hours elapsed in [a, b); 0 when b <= a, like workingDaysBetween. */
export function hoursBetween(a: Date, b: Date): number {
  return Math.max(0, ms(b, 'b') - ms(a, 'a')) / HOUR_MS;
}

/** 24/7 clock: hoursBetween minus the pauses, with the same merging rules as workingDaysExcluding. */
export function hoursExcluding(a: Date, b: Date, pauses: readonly Pause[]): number {
  let total = 0;
  for (const [from, to] of unpaused(ms(a, 'a'), ms(b, 'b'), pauses)) total += to - from;
  return total / HOUR_MS;
}

/** Local date 'YYYY-MM-DD' of an instant in the calendar's zone. */
export function localDate(cal: CalendarSpec, at: Date): string {
  return dateOfDay(zoneDays(cal.zone).dayOf(ms(at, 'at')));
}

/** The instant a local date begins in the calendar's zone (its 00:00, or the DST jump if midnight is skipped). */
export function startOfLocalDay(cal: CalendarSpec, localDate: string): Date {
  return new Date(zoneDays(cal.zone).start(dayOfDate(localDate)));
}

import { hostPublicHolidays } from './host-holidays';

/**
 * A mission's local dates off whose host-country public holidays are added one year at a time, the
 * first time a date of that year is asked about. So every year is covered — backfilled history from
 * 2015 as much as next year's deadlines — and only the years the clocks touch are computed
 * (date-holidays costs about 15 ms per country and year, a calendar spans ~135 countries).
 *
 * `base` is everything else that is off (the national days off and the mission's closures) with the
 * mission's `workday` dates already removed; `workdays` also cancel host holidays as they load.
 * The clocks only call `has` (working-time.ts); `size` and iteration show the years loaded so far.
 * The current year is loaded at once, so `size` is never 0 for a country that has holidays (an empty
 * set tells working-time to skip the look-up).
 */
export class HostDaysOff extends Set<string> {
  private readonly years = new Set<string>();

  constructor(
    base: Iterable<string>,
    private readonly country: string,
    private readonly workdays: ReadonlySet<string>,
    now: Date = new Date(),
  ) {
    super(base);
    this.load(String(now.getUTCFullYear()));
  }

  override has(date: string): boolean {
    const year = date.slice(0, 4);
    if (!this.years.has(year)) this.load(year);
    return super.has(date);
  }

  private load(year: string): void {
    this.years.add(year);
    for (const h of hostPublicHolidays(this.country, Number(year)))
      if (!this.workdays.has(h.date)) this.add(h.date);
  }
}

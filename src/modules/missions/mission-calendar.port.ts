import type { EntityManager } from 'typeorm';

/** The entries a mission's calendar adds (`closure`: office closed) or cancels (`workday`: open on a holiday). */
export type MissionDayKind = 'closure' | 'workday';

/** One current closure or workday of a mission's calendar, as GET|PATCH /api/v1/missions/{code} show it. */
export interface MissionDay {
  /** The calendar entry's id (GET|PATCH|DELETE /api/v1/calendars/holidays/{id}). */
  id: string;
  /** Local date, YYYY-MM-DD, in the mission's time zone. */
  date: string;
  name: string;
  /** `admin`, or the data file a seeded entry came from. */
  source: string;
  /** When this version took effect, and who recorded it (effective-dated). */
  validFrom: string;
  recordedBy: string;
}

/** An edit of one mission's closures or workdays: dates to have (with a name) and dates not to have. */
export interface MissionDaysEdit {
  add?: readonly { date: string; name: string }[];
  remove?: readonly string[];
}

/**
 * What the missions API shows and edits of a mission's calendar (SPEC.md: GET|PATCH
 * /api/v1/missions/{code} covers "hours, calendar, closures, institution id"). The days are the sla
 * module's `holidays` rows, effective-dated, and an edit must reach the SLA clocks, so the sla module
 * implements this (HolidaysService) and provides it (SlaApiModule, imported by MissionsApiModule); the
 * missions module owns neither the table nor the rules, and MissionsModule never imports the sla module
 * (which imports it).
 */
export abstract class MissionCalendarDays {
  /** The mission's current closures and workdays, by date. */
  abstract missionDays(code: string): Promise<Record<MissionDayKind, MissionDay[]>>;

  /**
   * Applies the edits in one transaction — the caller's, when `manager` is given, so a mission's
   * directory fields and its days change together or not at all — and marks the mission's open
   * complaints for the SLA sweep.
   */
  abstract editMissionDays(
    code: string,
    edits: Partial<Record<MissionDayKind, MissionDaysEdit>>,
    actor: string,
    manager?: EntityManager,
  ): Promise<number>;
}

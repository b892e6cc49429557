import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../core/http/domain.errors';
import { ComplaintSlaService } from '../complaints/complaint-sla.service';
import {
  MissionCalendarDays,
  type MissionDayKind,
  type MissionDaysEdit,
} from '../missions/mission-calendar.port';
import { MissionsService } from '../missions/missions.service';
import type { CreateHolidayDto, HolidayView, UpdateHolidayDto } from './holidays.dto';
import { NATIONAL_SCOPE, type HolidayKind } from './holiday.entity';

interface Row {
  id: string;
  scope: string;
  date: string;
  kind: HolidayKind;
  name: string;
  source: string;
  valid_from: Date;
  valid_to: Date | null;
  recorded_by: string;
  retired_by: string | null;
}

const COLUMNS = `id, scope, to_char(date, 'YYYY-MM-DD') AS date, kind, name, source, valid_from, valid_to, recorded_by, retired_by`;

export class HolidayNotFoundError extends DomainError {
  constructor(id: string) {
    super('HOLIDAY_NOT_FOUND', 404, `No current calendar entry has the id "${id}".`);
  }
}

/**
 * The calendars' editable days (SPEC.md "Holiday data is editable and effective-dated"). An edit
 * retires the current version (valid_to = now) and inserts the next one, in one transaction; the
 * history stays readable with `asOf`. After each edit the complaints whose clocks may still run are
 * marked for the SLA sweep; stopped clocks are frozen and keep their figures.
 */
@Injectable()
export class HolidaysService implements MissionCalendarDays {
  constructor(
    private readonly dataSource: DataSource,
    private readonly missions: MissionsService,
    private readonly complaints: ComplaintSlaService,
  ) {}

  /** The entries valid at `asOf` (now by default), compared at the millisecond precision the API shows. */
  async list(q: { scope?: string; year?: number; asOf?: Date }): Promise<HolidayView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM holidays
       WHERE ($1::text IS NULL OR scope = $1)
         AND ($2::int IS NULL OR extract(year FROM date) = $2)
         AND date_trunc('milliseconds', valid_from) <= COALESCE($3::timestamptz, now())
         AND (valid_to IS NULL OR date_trunc('milliseconds', valid_to) > COALESCE($3::timestamptz, now()))
       ORDER BY date, scope, kind`,
      [q.scope ?? null, q.year ?? null, q.asOf ?? null],
    );
    return rows.map(view);
  }

  async create(input: CreateHolidayDto, actor: string): Promise<HolidayView> {
    await this.checkScope(input.scope, input.kind);
    const row = await this.dataSource.transaction((m) => this.insert(m, input, actor));
    await this.complaints.markOpenDirty(scopeMission(input.scope));
    return view(row);
  }

  async update(id: string, edit: UpdateHolidayDto, actor: string): Promise<HolidayView> {
    const row = await this.dataSource.transaction(async (m) => {
      const old = await this.retire(m, id, actor);
      const next = {
        scope: old.scope,
        date: edit.date ?? old.date,
        kind: edit.kind ?? old.kind,
        name: edit.name ?? old.name,
      };
      await this.checkScope(next.scope, next.kind);
      return this.insert(m, next, actor);
    });
    await this.complaints.markOpenDirty(scopeMission(row.scope));
    return view(row);
  }

  async remove(id: string, actor: string): Promise<HolidayView> {
    const row = await this.dataSource.transaction((m) => this.retire(m, id, actor));
    await this.complaints.markOpenDirty(scopeMission(row.scope));
    return view(row);
  }

  /** A mission's current closures and workdays, by date (the missions API shows them with the mission). */
  async missionDays(code: string): Promise<Record<MissionDayKind, HolidayView[]>> {
    const rows = await this.list({ scope: code });
    return {
      closure: rows.filter((r) => r.kind === 'closure'),
      workday: rows.filter((r) => r.kind === 'workday'),
    };
  }

  /**
   * PATCH /api/v1/missions/{code}'s `closures` and `workdays`, in one transaction and with the same
   * effective dating as the calendar API: `add` makes sure a date is there with that name (an entry
   * under another name is retired and replaced; the same one is left as it is), `remove` retires the
   * date's entry if there is one. Then the mission's open complaints are marked for the sweep, as after
   * any calendar edit; frozen clocks keep their figures. Returns how many entries changed.
   */
  async editMissionDays(
    code: string,
    edits: Partial<Record<MissionDayKind, MissionDaysEdit>>,
    actor: string,
    manager?: EntityManager,
  ): Promise<number> {
    const kinds = (['closure', 'workday'] as const).filter(
      (k) => edits[k]?.add?.length || edits[k]?.remove?.length,
    );
    if (!kinds.length) return 0;
    for (const kind of kinds) await this.checkScope(code, kind);
    const apply = async (m: EntityManager) => {
      let n = 0;
      for (const kind of kinds) {
        const current: Row[] = await m.query(
          `SELECT ${COLUMNS} FROM holidays WHERE scope = $1 AND kind = $2 AND valid_to IS NULL FOR UPDATE`,
          [code, kind],
        );
        const byDate = new Map(current.map((r) => [r.date, r]));
        for (const date of edits[kind]?.remove ?? []) {
          const old = byDate.get(date);
          if (!old) continue;
          await this.retire(m, old.id, actor);
          byDate.delete(date);
          n++;
        }
        for (const { date, name } of edits[kind]?.add ?? []) {
          const old = byDate.get(date);
          if (old?.name === name) continue;
          if (old) await this.retire(m, old.id, actor);
          byDate.set(date, await this.insert(m, { scope: code, date, kind, name }, actor));
          n++;
        }
      }
      return n;
    };
    const changed = manager ? await apply(manager) : await this.dataSource.transaction(apply);
    // With the caller's transaction still open this may run before its commit; a sweep in between
    // computes on the old days, and the calendar fingerprint check marks those clocks again.
    if (changed) await this.complaints.markOpenDirty(code);
    return changed;
  }

  private async checkScope(scope: string, kind: HolidayKind): Promise<void> {
    if (scope !== NATIONAL_SCOPE && !(await this.missions.exists(scope)))
      throw new DomainError('HOLIDAY_SCOPE_UNKNOWN', 400, `No mission or desk has the code "${scope}".`, {
        errors: [{ field: 'scope', message: 'must be "national" or a mission code (GET /api/v1/missions)' }],
      });
    if (scope !== NATIONAL_SCOPE && (kind === 'libur_nasional' || kind === 'cuti_bersama'))
      throw new DomainError(
        'HOLIDAY_KIND_SCOPE',
        400,
        'libur_nasional and cuti_bersama belong to the national calendar; a mission has closures and workdays.',
        { errors: [{ field: 'kind', message: 'use closure or workday for a mission' }] },
      );
  }

  private async insert(
    m: EntityManager,
    h: { scope: string; date: string; kind: HolidayKind; name: string },
    actor: string,
  ): Promise<Row> {
    const rows: Row[] = await m.query(
      `INSERT INTO holidays (scope, date, kind, name, source, recorded_by)
       VALUES ($1, $2, $3, $4, 'admin', $5)
       ON CONFLICT (scope, date, kind) WHERE valid_to IS NULL DO NOTHING
       RETURNING ${COLUMNS}`,
      [h.scope, h.date, h.kind, h.name, actor],
    );
    if (!rows.length)
      throw new DomainError(
        'HOLIDAY_EXISTS',
        409,
        `The ${h.scope} calendar already has a ${h.kind} on ${h.date}: edit that entry instead.`,
      );
    return rows[0];
  }

  private async retire(m: EntityManager, id: string, actor: string): Promise<Row> {
    if (!/^\d{1,18}$/.test(id)) throw new HolidayNotFoundError(id);
    const rows: Row[] = await m.query(
      `WITH u AS (
         UPDATE holidays SET valid_to = now(), retired_by = $2 WHERE id = $1 AND valid_to IS NULL
         RETURNING ${COLUMNS}
       ) SELECT * FROM u`,
      [id, actor],
    );
    if (!rows.length) throw new HolidayNotFoundError(id);
    return rows[0];
  }
}

function scopeMission(scope: string): string | undefined {
  return scope === NATIONAL_SCOPE ? undefined : scope;
}

function view(r: Row): HolidayView {
  return {
    id: String(r.id),
    scope: r.scope,
    date: r.date,
    kind: r.kind,
    name: r.name,
    source: r.source,
    validFrom: r.valid_from.toISOString(),
    validTo: r.valid_to?.toISOString() ?? null,
    recordedBy: r.recorded_by,
    retiredBy: r.retired_by,
  };
}

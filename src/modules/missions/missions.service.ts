import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../core/http/domain.errors';
import { MissionEntity, type OfficeHours } from './mission.entity';

/** How long routing reuses the institution-id map before reading it again (admin edits show up within this). */
export const INSTITUTION_MAP_TTL_MS = 5_000;

/** What an admin may change (PATCH /api/v1/missions/{code}); each change is kept on re-seeding. */
export interface MissionEdit {
  name?: string;
  laporInstitutionId?: string | null;
  officeHours?: OfficeHours;
  timezone?: string;
  weekendDays?: number[];
  notes?: string | null;
}

/** Entity property → column, for admin_edited_fields (the seeder works in column names). */
const EDITABLE_COLUMNS: Record<keyof MissionEdit, string> = {
  name: 'name',
  laporInstitutionId: 'lapor_institution_id',
  officeHours: 'office_hours',
  timezone: 'timezone',
  weekendDays: 'weekend_days',
  notes: 'notes',
};

export class MissionNotFoundError extends DomainError {
  constructor(code: string) {
    super('MISSION_NOT_FOUND', 404, `No mission or desk has the code "${code}".`);
  }
}

/** The missions directory: read by other modules, edited by admins (the missions module owns the table). */
@Injectable()
export class MissionsService {
  private institutionMap: { at: number; map: Promise<Map<string, string>> } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * LAPOR! institution id → mission code, for routing rule 1 (ids are set by admins). Cached for
   * INSTITUTION_MAP_TTL_MS so routing does not read the directory once per complaint.
   */
  missionByInstitutionId(now = Date.now()): Promise<Map<string, string>> {
    if (!this.institutionMap || now - this.institutionMap.at > INSTITUTION_MAP_TTL_MS) {
      const map = this.dataSource
        .query(`SELECT code, lapor_institution_id FROM missions WHERE lapor_institution_id IS NOT NULL`)
        .then(
          (rows: { code: string; lapor_institution_id: string }[]) =>
            new Map(rows.map((r) => [r.lapor_institution_id, r.code])),
        );
      this.institutionMap = { at: now, map };
      // A failed read is not cached.
      map.catch(() => (this.institutionMap = null));
    }
    return this.institutionMap.map;
  }

  /** The office and the desks inside it (parent_code): what a person of that office works on. */
  async officesOf(code: string): Promise<string[]> {
    const rows: { code: string }[] = await this.dataSource.query(
      `SELECT code FROM missions WHERE code = $1 OR parent_code = $1 ORDER BY code`,
      [code],
    );
    return rows.length ? rows.map((r) => r.code) : [code];
  }

  async exists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(MissionEntity).exists({ where: { code } });
  }

  list(filter: { type?: string; country?: string } = {}): Promise<MissionEntity[]> {
    const where: Record<string, string> = {};
    if (filter.type) where.type = filter.type;
    if (filter.country) where.countryIso2 = filter.country.toUpperCase();
    return this.dataSource.getRepository(MissionEntity).find({ where, order: { code: 'ASC' } });
  }

  async get(code: string): Promise<MissionEntity> {
    const m = await this.dataSource.getRepository(MissionEntity).findOne({ where: { code } });
    if (!m) throw new MissionNotFoundError(code);
    return m;
  }

  /**
   * Applies an admin's edit and marks the fields as admin-edited, so re-seeding keeps them.
   * `alsoWithin` runs in the same transaction after them (the
   * missions API changes a mission's closures and workdays with it: all or nothing).
   */
  async update(
    code: string,
    edit: MissionEdit,
    alsoWithin?: (m: EntityManager) => Promise<unknown>,
  ): Promise<MissionEntity> {
    // Only the directory's own columns (a caller may pass a wider object, e.g. the whole PATCH body).
    const fields = (Object.keys(EDITABLE_COLUMNS) as (keyof MissionEdit)[]).filter(
      (k) => edit[k] !== undefined,
    );
    await this.dataSource.transaction(async (m: EntityManager) => {
      const current = await m
        .getRepository(MissionEntity)
        .findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new MissionNotFoundError(code);
      if (fields.length > 0) await this.apply(m, code, edit, fields, current.adminEditedFields);
      await alsoWithin?.(m);
    });
    this.institutionMap = null;
    return this.get(code);
  }

  private async apply(
    m: EntityManager,
    code: string,
    edit: MissionEdit,
    fields: (keyof MissionEdit)[],
    adminEdited: string[],
  ): Promise<void> {
    const changes: Partial<MissionEntity> = {};
    for (const f of fields) (changes as Record<string, unknown>)[f] = edit[f];
    const edited = new Set([...adminEdited, ...fields.map((f) => EDITABLE_COLUMNS[f])]);
    try {
      await m
        .getRepository(MissionEntity)
        .update({ code }, { ...changes, adminEditedFields: [...edited].sort() });
    } catch (err) {
      if ((err as { driverError?: { code?: string } }).driverError?.code === '23505')
        throw new DomainError(
          'MISSION_INSTITUTION_ID_TAKEN',
          409,
          `LAPOR! institution id "${edit.laporInstitutionId}" already belongs to another mission.`,
        );
      throw err;
    }
  }
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

export type MissionType = 'KBRI' | 'KJRI' | 'KRI' | 'PTRI' | 'KDEI' | 'HQ';

/** Office hours in the mission's own time zone, e.g. { open: '09:00', close: '17:00' }. */
export interface OfficeHours {
  open: string;
  close: string;
}

/** A sub-national area whose complaints go to this office (config/data/mission-subdivisions.csv). */
export interface MissionSubdivision {
  country: string;
  code: string;
  name: string;
  aliases: string[];
}

/** An Indonesian mission abroad, or a ministry desk in Jakarta. Owned by the missions module. */
@Entity({ name: 'missions' })
@Check('missions_code_check', `"code" ~ '^[a-z0-9-]{2,40}$'`)
@Check('missions_type_check', `"type" IN ('KBRI', 'KJRI', 'KRI', 'PTRI', 'KDEI', 'HQ')`)
export class MissionEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: MissionType;

  @Column({ type: 'text' })
  city: string;

  @Column({ name: 'country_iso2', type: 'char', length: 2 })
  countryIso2: string;

  @Column({ type: 'text' })
  timezone: string;

  /** ISO weekday numbers of the host country's weekend (1 = Monday ... 7 = Sunday). */
  @Column({ name: 'weekend_days', type: 'smallint', array: true })
  weekendDays: number[];

  @Column({ name: 'jurisdiction_countries', type: 'text', array: true, default: () => `'{}'` })
  jurisdictionCountries: string[];

  @Column({ name: 'lapor_institution_id', type: 'text', nullable: true, unique: true })
  laporInstitutionId: string | null;

  @Column({ name: 'office_hours', type: 'jsonb', default: () => `'{"open": "09:00", "close": "17:00"}'` })
  officeHours: OfficeHours;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** A ministry desk's office (`hq-djpk`); null for missions abroad and for the triage desk itself. */
  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @ManyToOne(() => MissionEntity, { nullable: true })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'missions_parent_code_fkey' })
  parent?: MissionEntity | null;

  /** Sub-national jurisdictions (states, provinces, emirates) this office covers in a shared country. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  subdivisions: MissionSubdivision[];

  /** Fields an admin changed; re-seeding at boot never overwrites them. */
  @Column({ name: 'admin_edited_fields', type: 'text', array: true, default: () => `'{}'` })
  adminEditedFields: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

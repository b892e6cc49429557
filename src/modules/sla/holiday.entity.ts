import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const HOLIDAY_KINDS = ['libur_nasional', 'cuti_bersama', 'closure', 'workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** The Indonesian calendar's scope; any other scope is a mission code. */
export const NATIONAL_SCOPE = 'national';

/**
 * A day off (or, kind `workday`, a day that is NOT off although a holiday list says so) in a calendar.
 * Effective-dated: rows are never updated but retired (valid_to) and replaced, so the calendar as it
 * was at any moment stays readable. Owned by the sla module.
 */
@Entity({ name: 'holidays' })
@Index('holidays_current_key', ['scope', 'date', 'kind'], { unique: true, where: 'valid_to IS NULL' })
@Check('holidays_kind_check', `"kind" IN ('libur_nasional', 'cuti_bersama', 'closure', 'workday')`)
export class HolidayEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** `national`, or the mission code a closure or workday belongs to. */
  @Column({ type: 'text' })
  scope: string;

  @Index('holidays_date_idx')
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  kind: HolidayKind;

  @Column({ type: 'text' })
  name: string;

  /** Where it came from: `seed:holidays-id.csv` or `admin`. */
  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'valid_from', type: 'timestamptz', default: () => 'now()' })
  validFrom: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo: Date | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'retired_by', type: 'text', nullable: true })
  retiredBy: string | null;
}

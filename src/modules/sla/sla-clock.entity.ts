import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';

export const CLOCKS = ['acknowledgement', 'first_follow_up', 'completion'] as const;
export type ClockName = (typeof CLOCKS)[number];
export const CLOCK_STATES = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];
export type ClockCalendar = 'national' | 'mission' | 'hours';
export type ClockUnit = 'working_days' | 'hours';

/**
 * One SLA clock of one complaint cycle (SPEC.md "SLA and reports"), as the sweep last computed it.
 * Frozen once stopped: a later calendar edit never moves its figures. Owned by the sla module.
 */
@Entity({ name: 'sla_clocks' })
@Index('sla_clocks_next_alert_idx', ['nextAlertAt'], { where: 'next_alert_at IS NOT NULL' })
@Index('sla_clocks_open_breach_idx', ['breachedAt'], {
  where: 'breached_at IS NOT NULL AND stopped_at IS NULL',
})
@Check('sla_clocks_clock_check', `"clock" IN ('acknowledgement', 'first_follow_up', 'completion')`)
@Check('sla_clocks_calendar_check', `"calendar" IN ('national', 'mission', 'hours')`)
@Check('sla_clocks_unit_check', `"unit" IN ('working_days', 'hours')`)
@Check('sla_clocks_state_check', `"state" IN ('running', 'paused', 'met', 'breached', 'cancelled')`)
export class SlaClockEntity {
  @PrimaryColumn({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity)
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'sla_clocks_complaint_id_fkey' })
  complaint?: ComplaintEntity;

  @PrimaryColumn({ type: 'integer' })
  cycle: number;

  @PrimaryColumn({ type: 'text' })
  clock: ClockName;

  @Column({ name: 'mission_code', type: 'text', nullable: true })
  missionCode: string | null;

  @Column({ type: 'text' })
  calendar: ClockCalendar;

  @Column({ name: 'limit_value', type: 'double precision' })
  limitValue: number;

  @Column({ type: 'text' })
  unit: ClockUnit;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** Null while paused (the rest of the limit is not yet placed on the calendar). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'warn_at', type: 'timestamptz', nullable: true })
  warnAt: Date | null;

  /** Twice the limit: the ministry's step of the escalation ladder. */
  @Column({ name: 'double_at', type: 'timestamptz', nullable: true })
  doubleAt: Date | null;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt: Date | null;

  /** When the event that meets it happened (acknowledged, first public word, resolved); null otherwise. */
  @Column({ name: 'met_at', type: 'timestamptz', nullable: true })
  metAt: Date | null;

  /** Working days (or hours) elapsed, pauses excluded, as of computed_at or the stop. */
  @Column({ type: 'double precision', default: 0 })
  elapsed: number;

  @Column({ name: 'paused_ms', type: 'bigint', default: 0 })
  pausedMs: string;

  @Column({ type: 'text' })
  state: ClockState;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  imported: boolean;

  @Column({ type: 'boolean', default: false })
  frozen: boolean;

  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt: Date | null;

  @Column({ name: 'breach_notified_at', type: 'timestamptz', nullable: true })
  breachNotifiedAt: Date | null;

  @Column({ name: 'escalated_level', type: 'smallint', default: 0 })
  escalatedLevel: number;

  @Column({ name: 'next_alert_at', type: 'timestamptz', nullable: true })
  nextAlertAt: Date | null;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;

  /**
   * The fingerprint of the calendar it was computed on (CalendarSet.fingerprint); null for the 24/7
   * clock and for clocks computed before it existed. A running clock whose calendar's fingerprint has
   * changed since (a mission's weekend or time zone edited, holidays seeded at boot, the cuti bersama
   * setting flipped between restarts) gets its complaint recomputed by the next sweep.
   */
  @Column({ name: 'calendar_fp', type: 'text', nullable: true })
  calendarFp: string | null;
}

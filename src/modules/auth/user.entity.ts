import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { MissionEntity } from '../missions/mission.entity';
import type { Role } from './role';

/**
 * A person who signs in to the console (issue 8). The password is stored as an argon2id hash;
 * `failed_logins` and `locked_until` carry the lockout. E-mail addresses are stored lower-case.
 */
@Entity({ name: 'users' })
@Unique('users_email_key', ['email'])
@Check('users_email_lower', `email = lower(email)`)
@Check('users_role_check', `"role" IN ('handler', 'supervisor', 'monitor', 'admin')`)
@Check('users_locale_check', `"locale" IN ('id', 'en')`)
@Check('users_mission_scope', `(("role" IN ('handler', 'supervisor')) = ("mission_code" IS NOT NULL))`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'mission_code', type: 'text', nullable: true })
  missionCode: string | null;

  @ManyToOne(() => MissionEntity, { nullable: true })
  @JoinColumn({
    name: 'mission_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'users_mission_code_fkey',
  })
  mission?: MissionEntity | null;

  @Column({ type: 'text', default: 'id' })
  locale: 'id' | 'en';

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

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
 * A bearer API token for machines and scripts. Only the SHA-256 of the token is stored; the token
 * itself is shown once, when it is created.
 */
@Entity({ name: 'api_tokens' })
@Unique('api_tokens_token_hash_key', ['tokenHash'])
@Check('api_tokens_role_check', `"role" IN ('handler', 'supervisor', 'monitor', 'admin')`)
@Check('api_tokens_mission_scope', `(("role" IN ('handler', 'supervisor')) = ("mission_code" IS NOT NULL))`)
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  /** The first characters of the token, so an admin can tell tokens apart. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'mission_code', type: 'text', nullable: true })
  missionCode: string | null;

  @ManyToOne(() => MissionEntity, { nullable: true })
  @JoinColumn({
    name: 'mission_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'api_tokens_mission_code_fkey',
  })
  mission?: MissionEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { generateToken, hashToken } from '../../core/crypto/token-hash';
import { DomainError } from '../../core/http/domain.errors';
import { MissionsService } from '../missions/missions.service';
import { ApiTokenEntity } from './api-token.entity';
import type { Principal } from './principal';
import { MISSION_SCOPED_ROLES, isRole } from './role';

export interface CreatedToken {
  /** The token itself: shown once, never stored. */
  token: string;
  record: ApiTokenEntity;
}

/** Don't write last_used_at on every request: once a minute per token is enough to audit. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** API tokens: created with a role (and a mission for handlers and supervisors), stored hashed. */
@Injectable()
export class TokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly missions: MissionsService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(ApiTokenEntity);
  }

  async create(input: {
    role: string;
    missionCode?: string | null;
    name?: string;
    token?: string;
  }): Promise<CreatedToken> {
    const role = input.role;
    if (!isRole(role)) {
      throw new DomainError(
        'TOKEN_INVALID_ROLE',
        400,
        `Unknown role "${role}": use handler, supervisor, monitor or admin.`,
      );
    }
    const missionCode = input.missionCode ?? null;
    if (MISSION_SCOPED_ROLES.includes(role) && !missionCode) {
      throw new DomainError(
        'TOKEN_MISSION_REQUIRED',
        400,
        `A ${role} token needs --mission CODE (the mission it serves).`,
      );
    }
    if (!MISSION_SCOPED_ROLES.includes(role) && missionCode) {
      throw new DomainError(
        'TOKEN_MISSION_NOT_ALLOWED',
        400,
        `A ${role} token sees every mission: leave out --mission.`,
      );
    }
    if (missionCode) {
      const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM missions WHERE code = $1`, [
        missionCode,
      ]);
      if (!exists.length) {
        throw new DomainError(
          'MISSION_NOT_FOUND',
          400,
          `No mission with code "${missionCode}" (see GET /api/v1/missions).`,
        );
      }
    }
    const token = input.token ?? generateToken();
    const record = await this.repo.save(
      this.repo.create({
        name: input.name ?? `${role}${missionCode ? `@${missionCode}` : ''}`,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, 10),
        role,
        missionCode,
      }),
    );
    return { token, record };
  }

  /**
   * Ensures an admin token with exactly this value exists (BOOTSTRAP_ADMIN_TOKEN). A token an admin
   * revoked stays revoked; a previous bootstrap token (the variable changed) is revoked.
   */
  async ensureBootstrapAdmin(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO api_tokens (name, token_hash, token_prefix, role) VALUES ('bootstrap-admin', $1, $2, 'admin')
         ON CONFLICT (token_hash) DO NOTHING`,
        [hash, token.slice(0, 10)],
      );
      await m.query(
        `UPDATE api_tokens SET revoked_at = now()
         WHERE name = 'bootstrap-admin' AND token_hash <> $1 AND revoked_at IS NULL`,
        [hash],
      );
    });
  }

  /** The principal of a valid token; null when it is unknown, revoked or expired. */
  async authenticate(token: string, now = new Date()): Promise<Principal | null> {
    if (!token || token.length > 512) return null;
    const rec = await this.repo.findOne({ where: { tokenHash: hashToken(token) } });
    if (!rec || rec.revokedAt || (rec.expiresAt && rec.expiresAt <= now)) return null;
    if (!rec.lastUsedAt || now.getTime() - rec.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      await this.repo.update({ id: rec.id }, { lastUsedAt: now });
    }
    return { kind: 'token', id: rec.id, name: rec.name, role: rec.role, missionCode: rec.missionCode };
  }

  async revoke(id: string, now = new Date()): Promise<boolean> {
    const res = await this.repo.update({ id }, { revokedAt: now });
    return (res.affected ?? 0) > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { generateToken, hashToken } from '../../core/crypto/token-hash';
import { DomainError, ValidationFailedError } from '../../core/http/domain.errors';
import { AuditService } from '../audit/audit.service';
import { MissionsService } from '../missions/missions.service';
import { ApiTokenEntity } from './api-token.entity';
import type { Principal } from './principal';
import { MISSION_SCOPED_ROLES, isRole, type Role } from './role';

export interface CreatedToken {
  /** The token itself: shown once, never stored. */
  token: string;
  record: ApiTokenEntity;
}

/** A token as admins see it: never its hash. */
export interface TokenView {
  id: string;
  name: string;
  role: Role;
  missionCode: string | null;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export function tokenView(t: ApiTokenEntity): TokenView {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    missionCode: t.missionCode,
    tokenPrefix: t.tokenPrefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export class TokenNotFoundError extends DomainError {
  constructor(what: string) {
    super('TOKEN_NOT_FOUND', 404, `No API token ${what}.`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Actor of changes made without a caller (tests, internal use). */
const SYSTEM = 'system';

/** Don't write last_used_at on every request: once a minute per token is enough to audit. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** API tokens: created with a role (and a mission for handlers and supervisors), stored hashed. */
@Injectable()
export class TokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly missions: MissionsService,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(ApiTokenEntity);
  }

  /** Creates a token and records `token.create` by `actor` in the same transaction. */
  async create(
    input: {
      role: string;
      missionCode?: string | null;
      name?: string;
      token?: string;
      expiresAt?: Date | null;
    },
    actor = SYSTEM,
  ): Promise<CreatedToken> {
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
      if (!(await this.missions.exists(missionCode))) {
        throw new DomainError(
          'MISSION_NOT_FOUND',
          400,
          `No mission with code "${missionCode}" (see GET /api/v1/missions).`,
        );
      }
    }
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new ValidationFailedError([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
    const token = input.token ?? generateToken();
    const record = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(ApiTokenEntity);
      const saved = await repo.save(
        repo.create({
          name: input.name ?? `${role}${missionCode ? `@${missionCode}` : ''}`,
          tokenHash: hashToken(token),
          tokenPrefix: token.slice(0, 10),
          role,
          missionCode,
          expiresAt,
        }),
      );
      await this.audit.record(m, {
        actor,
        action: 'token.create',
        subject: `token:${saved.id}`,
        payload: { tokenId: saved.id, name: saved.name, role, missionCode, expiresAt },
      });
      return saved;
    });
    return { token, record };
  }

  /**
   * Ensures an admin token with exactly this value exists (BOOTSTRAP_ADMIN_TOKEN). A token an admin
   * revoked stays revoked; a previous bootstrap token (the variable changed) is revoked.
   */
  async ensureBootstrapAdmin(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.dataSource.transaction(async (m) => {
      const created: { id: string }[] = await m.query(
        `INSERT INTO api_tokens (name, token_hash, token_prefix, role) VALUES ('bootstrap-admin', $1, $2, 'admin')
         ON CONFLICT (token_hash) DO NOTHING RETURNING id`,
        [hash, token.slice(0, 10)],
      );
      const [revoked]: [{ id: string }[], number] = await m.query(
        `UPDATE api_tokens SET revoked_at = now()
         WHERE name = 'bootstrap-admin' AND token_hash <> $1 AND revoked_at IS NULL RETURNING id`,
        [hash],
      );
      for (const [action, rows] of [
        ['token.create', created],
        ['token.revoke', revoked],
      ] as const) {
        for (const { id } of rows) {
          await this.audit.record(m, {
            actor: SYSTEM,
            action,
            subject: `token:${id}`,
            payload: { tokenId: id, name: 'bootstrap-admin', reason: 'BOOTSTRAP_ADMIN_TOKEN' },
          });
        }
      }
    });
  }

  /** The principal of a valid token; null when it is unknown, revoked or expired. */
  async authenticate(token: string, now = new Date()): Promise<Principal | null> {
    if (!token || token.length > 512) return null;
    const rec = await this.repo.findOne({ where: { tokenHash: hashToken(token) } });
    if (!rec || rec.revokedAt || (rec.expiresAt && rec.expiresAt <= now)) return null;
    return this.principalOf(rec, now);
  }

  /**
   * The principal of a token known by its id (a dashboard session names its token by id): null
   * when the token is unknown, revoked or expired, read afresh on every call like authenticate().
   */
  async authenticateById(id: string, now = new Date()): Promise<Principal | null> {
    if (!UUID.test(id)) return null;
    const rec = await this.repo.findOne({ where: { id } });
    if (!rec || rec.revokedAt || (rec.expiresAt && rec.expiresAt <= now)) return null;
    return this.principalOf(rec, now);
  }

  private async principalOf(rec: ApiTokenEntity, now: Date): Promise<Principal> {
    if (!rec.lastUsedAt || now.getTime() - rec.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      await this.repo.update({ id: rec.id }, { lastUsedAt: now });
    }
    return { kind: 'token', id: rec.id, name: rec.name, role: rec.role, missionCode: rec.missionCode };
  }

  /** Every token, newest first; `cursor` is the id of the last token of the previous page. */
  async list(q: {
    limit: number;
    cursor?: string;
  }): Promise<{ data: TokenView[]; nextCursor: string | null }> {
    const qb = this.repo
      .createQueryBuilder('t')
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(q.limit + 1);
    if (q.cursor) {
      qb.where('(t.created_at, t.id) < (SELECT c.created_at, c.id FROM api_tokens c WHERE c.id = :cursor)', {
        cursor: q.cursor,
      });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, q.limit);
    return { data: page.map(tokenView), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
  }

  /** A token by its id, or by the prefix shown when it was created and in the admin list. */
  async find(idOrPrefix: string): Promise<ApiTokenEntity> {
    const matches = UUID.test(idOrPrefix)
      ? await this.repo.find({ where: { id: idOrPrefix } })
      : await this.repo.find({ where: { tokenPrefix: idOrPrefix }, take: 2 });
    if (!matches.length) throw new TokenNotFoundError(`with id or prefix "${idOrPrefix}"`);
    if (matches.length > 1) {
      throw new DomainError(
        'TOKEN_AMBIGUOUS',
        409,
        `Several tokens start with "${idOrPrefix}"; use the token id instead.`,
      );
    }
    return matches[0];
  }

  /**
   * Revokes a token at once: the guard reads revoked_at on every request (no cache), so the next
   * request with it gets 401. Revoking a revoked token changes nothing and records nothing.
   */
  async revoke(id: string, actor = SYSTEM): Promise<ApiTokenEntity> {
    if (!UUID.test(id)) throw new TokenNotFoundError(`with id "${id}"`);
    return this.dataSource.transaction(async (m) => {
      const [changed]: [{ id: string }[], number] = await m.query(
        `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
        [id],
      );
      const rec = await m.getRepository(ApiTokenEntity).findOne({ where: { id } });
      if (!rec) throw new TokenNotFoundError(`with id "${id}"`);
      if (changed.length) {
        await this.audit.record(m, {
          actor,
          action: 'token.revoke',
          subject: `token:${id}`,
          payload: { tokenId: id, name: rec.name, role: rec.role, missionCode: rec.missionCode },
        });
      }
      return rec;
    });
  }
}

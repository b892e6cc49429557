import { randomBytes, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ValidationFailedError } from '../../core/http/domain.errors';
import { UUID } from '../../core/http/pg-keyset';
import { AuditService } from '../audit/audit.service';
import { MissionsService } from '../missions/missions.service';
import type { Principal } from './principal';
import { MISSION_SCOPED_ROLES, isRole, type Role } from './role';
import { UserEntity } from './user.entity';
import type { ConsoleSession } from './user-session.service';

/** Failed sign-ins in a row that lock an account… */
export const LOCKOUT_THRESHOLD = 5;
/** …for this long. The counter starts again after the lock. */
export const LOCKOUT_MS = 15 * 60_000;
/** NIST SP 800-63B: at least 8; a console for public-service data asks for a little more. */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;
const EMAIL = /^[^\s@<>()",;]{1,64}@[^\s@<>()",;]+\.[^\s@<>()",;]{2,}$/;
const SYSTEM = 'system';

/** argon2id, OWASP's first recommendation (m=19 MiB, t=2, p=1), quick enough for a 2-core host. */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A user as the console and the CLI show it: never the hash. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  missionCode: string | null;
  locale: 'id' | 'en';
  mustChangePassword: boolean;
  lockedUntil: string | null;
  disabledAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export function userView(u: UserEntity, now = new Date()): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    missionCode: u.missionCode,
    locale: u.locale,
    mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export function userPrincipal(u: Pick<UserEntity, 'id' | 'displayName' | 'role' | 'missionCode'>): Principal {
  return { kind: 'user', id: u.id, name: u.displayName, role: u.role, missionCode: u.missionCode };
}

/** The principal of a live console session. */
export function sessionPrincipal(s: ConsoleSession): Principal {
  return userPrincipal({ ...s, id: s.userId });
}

export type SignInResult =
  { outcome: 'ok'; user: UserEntity } | { outcome: 'invalid' } | { outcome: 'locked'; until: Date };

export class UserNotFoundError extends DomainError {
  constructor(id: string) {
    super('USER_NOT_FOUND', 404, `No user ${id}.`);
  }
}

/** A readable one-time password: 4 groups of 4 from an alphabet without look-alikes (~80 bits). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3469';
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += alphabet[randomInt(alphabet.length)];
    groups.push(s);
  }
  return groups.join('-');
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

/**
 * People's accounts (issue 8): created by an admin or `npm run cli -- user:create`, signed in with an
 * argon2id-hashed password, locked for LOCKOUT_MS after LOCKOUT_THRESHOLD failures in a row. The
 * role and mission rules are the API tokens' (role.ts): handlers and supervisors belong to one
 * mission, monitors and admins to none.
 */
@Injectable()
export class UserService {
  /** Verified against for unknown e-mails, so a miss costs as long as a wrong password. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly missions: MissionsService,
    private readonly audit: AuditService,
  ) {
    this.dummyHash = argon2.hash(randomBytes(16).toString('hex'), HASH_OPTIONS);
    this.dummyHash.catch(() => undefined);
  }

  private get repo() {
    return this.dataSource.getRepository(UserEntity);
  }

  /** Creates an account; without a password, a one-time one is made and must be changed at sign-in. */
  async create(
    input: {
      email: string;
      displayName?: string;
      role: string;
      missionCode?: string | null;
      password?: string;
      locale?: string;
    },
    actor = SYSTEM,
  ): Promise<{ user: UserEntity; password: string; oneTime: boolean }> {
    const email = (input.email ?? '').trim().toLowerCase();
    const errors: { field: string; message: string }[] = [];
    if (!EMAIL.test(email) || email.length > 254)
      errors.push({ field: 'email', message: 'must be an e-mail address' });
    if (!isRole(input.role))
      errors.push({ field: 'role', message: 'must be one of handler, supervisor, monitor, admin' });
    const missionCode = input.missionCode?.trim() || null;
    if (isRole(input.role) && MISSION_SCOPED_ROLES.includes(input.role) && !missionCode)
      errors.push({ field: 'mission', message: `a ${input.role} belongs to one mission: give its code` });
    if (isRole(input.role) && !MISSION_SCOPED_ROLES.includes(input.role) && missionCode)
      errors.push({ field: 'mission', message: `a ${input.role} sees every mission: leave the mission out` });
    if (missionCode && !(await this.missions.exists(missionCode)))
      errors.push({ field: 'mission', message: `no mission with code "${missionCode}"` });
    const locale = input.locale ?? 'id';
    if (locale !== 'id' && locale !== 'en') errors.push({ field: 'locale', message: 'must be id or en' });
    const displayName = (input.displayName ?? '').trim() || email.split('@')[0];
    if (displayName.length > 120) errors.push({ field: 'displayName', message: 'at most 120 characters' });
    const oneTime = input.password === undefined || input.password === '';
    const password = oneTime ? oneTimePassword() : input.password!;
    const weak = oneTime ? null : passwordProblem(password);
    if (weak) errors.push({ field: 'password', message: weak });
    if (errors.length) throw new ValidationFailedError(errors);

    const passwordHash = await argon2.hash(password, HASH_OPTIONS);
    const user = await this.dataSource.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO users (email, display_name, role, mission_code, locale, password_hash, must_change_password)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [email, displayName, input.role, missionCode, locale, passwordHash, oneTime],
      );
      if (!rows.length) throw new DomainError('USER_EMAIL_TAKEN', 409, `A user with e-mail ${email} exists.`);
      await this.audit.record(m, {
        actor,
        action: 'user.create',
        subject: `user:${rows[0].id}`,
        payload: { userId: rows[0].id, role: input.role, missionCode },
      });
      return m.getRepository(UserEntity).findOneByOrFail({ id: rows[0].id });
    });
    return { user, password, oneTime };
  }

  /**
   * Checks an e-mail and password. Failures count towards the lockout atomically (two tries at
   * once cannot both slip under the threshold); a locked account is refused even with the right
   * password; a disabled or unknown account answers like a wrong password. The lock is told only to
   * whoever gives the right password (the owner, who then knows to wait or ask an admin): a wrong
   * one — the locking try included — answers "invalid", so guessing never learns that an e-mail has
   * an account.
   */
  async signIn(emailInput: string, password: string, now = new Date()): Promise<SignInResult> {
    const email = (emailInput ?? '').trim().toLowerCase();
    const user = email.length <= 254 ? await this.repo.findOneBy({ email }) : null;
    if (!user || password.length > MAX_PASSWORD_LENGTH) {
      await argon2.verify(await this.dummyHash, password.slice(0, MAX_PASSWORD_LENGTH)).catch(() => false);
      return { outcome: 'invalid' };
    }
    const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
    if (user.lockedUntil && user.lockedUntil > now)
      return ok && !user.disabledAt ? { outcome: 'locked', until: user.lockedUntil } : { outcome: 'invalid' };
    if (ok && !user.disabledAt) {
      await this.dataSource.query(
        `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1`,
        [user.id, now],
      );
      await this.audit.record(this.dataSource, {
        actor: `user:${user.id}`,
        action: 'user.login',
        subject: `user:${user.id}`,
        payload: { userId: user.id, role: user.role, missionCode: user.missionCode },
      });
      return { outcome: 'ok', user: { ...user, failedLogins: 0, lockedUntil: null, lastLoginAt: now } };
    }
    if (user.disabledAt) return { outcome: 'invalid' };
    // UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [[row]]: [{ failed_logins: number; locked_until: Date | null }[], number] =
      await this.dataSource.query(
        `UPDATE users SET
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END
       WHERE id = $1 RETURNING failed_logins, locked_until`,
        [user.id, LOCKOUT_THRESHOLD, new Date(now.getTime() + LOCKOUT_MS)],
      );
    const locked = row?.locked_until && row.locked_until > now ? row.locked_until : null;
    await this.audit.record(this.dataSource, {
      actor: 'anonymous',
      action: locked ? 'user.locked' : 'user.login_failed',
      subject: `user:${user.id}`,
      payload: { userId: user.id, ...(locked ? { lockedUntil: locked.toISOString() } : {}) },
    });
    return { outcome: 'invalid' };
  }

  /** The account behind a session, if it may still sign in. */
  async active(id: string): Promise<UserEntity | null> {
    if (!UUID.test(id)) return null;
    const u = await this.repo.findOneBy({ id });
    return u && !u.disabledAt ? u : null;
  }

  async get(id: string): Promise<UserEntity> {
    const u = UUID.test(id) ? await this.repo.findOneBy({ id }) : null;
    if (!u) throw new UserNotFoundError(id);
    return u;
  }

  /** Every account, by e-mail. */
  async list(): Promise<UserEntity[]> {
    return this.repo.find({ order: { email: 'ASC' } });
  }

  /** The user's own change: needs the current password. Other sessions of the user end. */
  async changePassword(id: string, current: string, next: string): Promise<void> {
    const user = await this.get(id);
    if (!(await argon2.verify(user.passwordHash, current).catch(() => false)))
      throw new ValidationFailedError([{ field: 'current', message: 'is not your current password' }]);
    const weak = passwordProblem(next);
    if (weak) throw new ValidationFailedError([{ field: 'password', message: weak }]);
    if (next === current)
      throw new ValidationFailedError([{ field: 'password', message: 'must differ from the current one' }]);
    const hash = await argon2.hash(next, HASH_OPTIONS);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now() WHERE id = $1`,
        [id, hash],
      );
      await this.audit.record(m, {
        actor: `user:${id}`,
        action: 'user.password_change',
        subject: `user:${id}`,
        payload: { userId: id },
      });
    });
  }

  /** An admin's reset: a new one-time password, the lock lifted. Returns the password (shown once). */
  async resetPassword(id: string, actor: string): Promise<string> {
    await this.get(id);
    const password = oneTimePassword();
    const hash = await argon2.hash(password, HASH_OPTIONS);
    await this.update(id, actor, 'user.password_reset', (m) =>
      m.query(
        `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now(),
           failed_logins = 0, locked_until = NULL WHERE id = $1`,
        [id, hash],
      ),
    );
    return password;
  }

  async setDisabled(id: string, disabled: boolean, actor: string): Promise<void> {
    await this.get(id);
    await this.update(id, actor, disabled ? 'user.disable' : 'user.enable', (m) =>
      m.query(
        `UPDATE users SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, now()) END WHERE id = $1`,
        [id, disabled],
      ),
    );
  }

  async unlock(id: string, actor: string): Promise<void> {
    await this.get(id);
    await this.update(id, actor, 'user.unlock', (m) =>
      m.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [id]),
    );
  }

  async setLocale(id: string, locale: 'id' | 'en'): Promise<void> {
    await this.repo.update({ id }, { locale });
  }

  private async update(
    id: string,
    actor: string,
    action: string,
    write: (m: EntityManager) => Promise<unknown>,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await write(m);
      await this.audit.record(m, { actor, action, subject: `user:${id}`, payload: { userId: id } });
    });
  }
}

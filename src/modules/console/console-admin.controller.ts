import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, ValidationFailedError, type FieldError } from '../../core/http/domain.errors';
import { createValidationPipe } from '../../core/http/validation.pipe';
import { actorOf } from '../auth/principal';
import { ROLES } from '../auth/role';
import { UserSessionService } from '../auth/user-session.service';
import { UserService, userView } from '../auth/user.service';
import { ComplaintQueryService } from '../complaints/complaint-query.service';
import { UpdateMissionDto, type MissionView, toMissionView } from '../missions/missions.dto';
import { MissionsService } from '../missions/missions.service';
import { CreateHolidayDto } from '../sla/holidays.dto';
import { HolidaysService } from '../sla/holidays.service';
import { decodeDeadLetterCursor, encodeDeadLetterCursor, toDeadLetter } from '../sync/dead-letters.dto';
import { SyncItemsService } from '../sync/sync-items.service';
import { ConsoleRedirect, signedIn, type ConsoleRequest } from './console-context';
import { ConsoleController, ConsoleRoles } from './console.guard';
import { ConsoleViews } from './console-views.service';
import { hasMessage, type Translate } from './i18n';

type Form = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The API's validation, for the console's forms (unknown fields refused, each problem listed). */
const pipe = createValidationPipe();

/** Field errors of a validation failure (or of a domain error that names its field), else rethrown. */
function fieldErrors(e: unknown, fallbackField: string): FieldError[] {
  if (!(e instanceof DomainError) || e.status >= 500 || e.status === 404) throw e;
  return e.extras.errors?.length ? e.extras.errors : [{ field: fallbackField, message: e.code }];
}

/**
 * Each field error as a sentence in the user's language: the field's label, then the message of
 * the code (USER_EMAIL_TAKEN, HOLIDAY_EXISTS…) or of the field (`admin.<form>.err.<field>[.<variant>]`),
 * else the service's own English message.
 */
function explain(t: Translate, form: string, errors: FieldError[]): { field: string; text: string }[] {
  return errors.map(({ field, message }) => {
    const label = hasMessage(`admin.${form}.${field}`) ? t(`admin.${form}.${field}`) : field;
    const variant = VARIANTS.find(([re]) => re.test(message))?.[1];
    const keys = [
      `error.${message}`,
      variant ? `admin.${form}.err.${field}.${variant}` : '',
      `admin.${form}.err.${field}`,
    ];
    const key = keys.find((k) => k && hasMessage(k));
    return { field, text: `${label}: ${key ? t(key) : message}` };
  });
}

/** Which of a field's messages the service gave (user.service.ts, missions.dto.ts). */
const VARIANTS: [RegExp, string][] = [
  [/belongs to one mission/, 'required'],
  [/leave the mission out/, 'forbidden'],
  [/^no mission/, 'unknown'],
  [/later than open/, 'order'],
];

/**
 * The admin pages (SPEC.md "Users": operations): people's accounts, the missions' settings and
 * closures, dead letters and quarantined complaints. Every change is a POST form with the page's
 * CSRF token that answers 303 with a `done` flash — except creating a user and resetting a
 * password, whose one-time password is shown in the answer itself, once, never in a URL or a store.
 */
@ApiExcludeController()
@ConsoleController()
@ConsoleRoles('admin')
@Controller('console/admin')
export class ConsoleAdminController {
  constructor(
    private readonly users: UserService,
    private readonly sessions: UserSessionService,
    private readonly missions: MissionsService,
    private readonly holidays: HolidaysService,
    private readonly items: SyncItemsService,
    private readonly complaints: ComplaintQueryService,
    private readonly views: ConsoleViews,
  ) {}

  @Get('users')
  async userList(@Req() req: ConsoleRequest, @Res() res: Response) {
    await this.usersPage(req, res, {}, [], 200);
  }

  @Post('users')
  async createUser(@Req() req: ConsoleRequest, @Res() res: Response) {
    const { principal } = signedIn(req);
    const body = (req.body ?? {}) as Form;
    const form = {
      email: str(body.email).slice(0, 300),
      displayName: str(body.displayName).slice(0, 300),
      role: str(body.role),
      missionCode: str(body.missionCode),
      locale: str(body.locale) || 'id',
    };
    try {
      const { user, password } = await this.users.create(
        { ...form, missionCode: form.missionCode || null, password: undefined },
        actorOf(principal),
      );
      this.secretPage(req, res, 'created', userView(user), password);
    } catch (e) {
      await this.usersPage(req, res, form, fieldErrors(e, 'email'), (e as DomainError).status);
    }
  }

  @Post('users/:id/reset')
  async resetPassword(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') id: string) {
    const { principal, session } = signedIn(req);
    const password = await this.users.resetPassword(id, actorOf(principal));
    // The old password's sessions end; an admin resetting their own keeps this one.
    await this.sessions.endAll(id, 'password_reset', id === principal.id ? session.sessionId : undefined);
    this.secretPage(req, res, 'reset', userView(await this.users.get(id)), password);
  }

  @Post('users/:id/disable')
  async disable(@Req() req: ConsoleRequest, @Param('id') id: string) {
    const { principal } = signedIn(req);
    if (id === principal.id)
      throw new DomainError('USER_DISABLE_SELF', 400, 'An admin cannot disable their own account.');
    await this.users.setDisabled(id, true, actorOf(principal));
    // A disabled account's sessions end at once, not at their idle timeout.
    await this.sessions.endAll(id, 'disabled');
    throw new ConsoleRedirect('/console/admin/users?done=userDisabled');
  }

  @Post('users/:id/enable')
  async enable(@Req() req: ConsoleRequest, @Param('id') id: string) {
    await this.users.setDisabled(id, false, actorOf(signedIn(req).principal));
    throw new ConsoleRedirect('/console/admin/users?done=userEnabled');
  }

  @Post('users/:id/unlock')
  async unlock(@Req() req: ConsoleRequest, @Param('id') id: string) {
    await this.users.unlock(id, actorOf(signedIn(req).principal));
    throw new ConsoleRedirect('/console/admin/users?done=userUnlocked');
  }

  @Get('missions')
  async missionList(@Req() req: ConsoleRequest, @Res() res: Response) {
    const list = (await this.missions.list({})).map(toMissionView);
    this.views.page(req, res, 'admin-missions', { missions: list });
  }

  @Get('missions/:code')
  async missionForm(@Req() req: ConsoleRequest, @Res() res: Response, @Param('code') code: string) {
    await this.missionPage(req, res, code, {});
  }

  /** The same edit as PATCH /api/v1/missions/{code}, with only the fields that changed (each is kept on re-seeding). */
  @Post('missions/:code')
  async updateMission(@Req() req: ConsoleRequest, @Res() res: Response, @Param('code') code: string) {
    const current = toMissionView(await this.missions.get(code));
    const body = (req.body ?? {}) as Form;
    const weekend = ([] as unknown[]).concat(body.weekendDays ?? []).map((d) => Number(d));
    const next: Record<string, unknown> = {
      name: str(body.name),
      laporInstitutionId: str(body.laporInstitutionId) || null,
      officeHours: { open: str(body.open), close: str(body.close) },
      timezone: str(body.timezone),
      weekendDays: [...new Set(weekend)].sort(),
      notes: str(body.notes) || null,
    };
    const edit: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next))
      if (JSON.stringify(v) !== JSON.stringify(current[k as keyof MissionView])) edit[k] = v;
    try {
      const dto = (await pipe.transform(edit, {
        type: 'body',
        metatype: UpdateMissionDto,
      })) as UpdateMissionDto;
      await this.missions.update(code, dto);
    } catch (e) {
      const errors = fieldErrors(e, 'laporInstitutionId');
      await this.missionPage(req, res, code, { form: next }, errors, [], (e as DomainError).status);
      return;
    }
    throw new ConsoleRedirect(`/console/admin/missions/${encodeURIComponent(code)}?done=missionSaved`);
  }

  /** A closure of the mission's calendar (kind `closure`, the same as POST /api/v1/calendars/holidays). */
  @Post('missions/:code/closures')
  async addClosure(@Req() req: ConsoleRequest, @Res() res: Response, @Param('code') code: string) {
    await this.missions.get(code);
    const body = (req.body ?? {}) as Form;
    const closure = { scope: code, date: str(body.date), kind: 'closure', name: str(body.name) };
    try {
      const dto = (await pipe.transform(closure, {
        type: 'body',
        metatype: CreateHolidayDto,
      })) as CreateHolidayDto;
      await this.holidays.create(dto, actorOf(signedIn(req).principal));
    } catch (e) {
      const errors = fieldErrors(e, 'date');
      await this.missionPage(req, res, code, { closure }, [], errors, (e as DomainError).status);
      return;
    }
    throw new ConsoleRedirect(`/console/admin/missions/${encodeURIComponent(code)}?done=closureAdded`);
  }

  @Post('missions/:code/closures/:id/delete')
  async deleteClosure(@Req() req: ConsoleRequest, @Param('code') code: string, @Param('id') id: string) {
    // Only this mission's entries, never the national calendar's, through this page.
    const own = await this.holidays.list({ scope: code });
    if (!own.some((h) => h.id === id))
      throw new DomainError('HOLIDAY_NOT_FOUND', 404, `No current entry ${id} of ${code}.`);
    await this.holidays.remove(id, actorOf(signedIn(req).principal));
    throw new ConsoleRedirect(`/console/admin/missions/${encodeURIComponent(code)}?done=closureDeleted`);
  }

  /** What GET /api/v1/admin/dead-letters lists: open ones by default, `?all=1` for retried ones too. */
  @Get('dead-letters')
  async deadLetters(@Req() req: ConsoleRequest, @Res() res: Response) {
    const all = req.query.all === '1';
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor.slice(0, 200) : undefined;
    const rows = await this.items.deadLetters({
      open: all ? undefined : true,
      limit: PAGE + 1,
      after: cursor ? decodeDeadLetterCursor(cursor) : undefined,
    });
    const page = rows.slice(0, PAGE);
    const next = rows.length > PAGE ? encodeDeadLetterCursor(page[page.length - 1]) : null;
    this.views.page(req, res, 'admin-dead-letters', {
      rows: page.map(toDeadLetter),
      all,
      nextHref: next ? `/console/admin/dead-letters?${all ? 'all=1&' : ''}cursor=${next}` : null,
    });
  }

  @Post('dead-letters/:id/retry')
  async retry(@Req() req: ConsoleRequest, @Param('id') id: string) {
    await this.items.retry(id, actorOf(signedIn(req).principal));
    throw new ConsoleRedirect('/console/admin/dead-letters?done=deadLetterRetried');
  }

  /** What GET /api/v1/admin/quarantine lists: complaints with LAPOR! codes the bridge does not know. */
  @Get('quarantine')
  async quarantine(@Req() req: ConsoleRequest, @Res() res: Response) {
    const after = quarantineCursor(req.query.cursor);
    const rows = await this.complaints.quarantined(after, PAGE + 1);
    const page = rows.slice(0, PAGE);
    const last = page[page.length - 1];
    const next =
      rows.length > PAGE && last
        ? Buffer.from(JSON.stringify([last.at_text, last.id])).toString('base64url')
        : null;
    this.views.page(req, res, 'admin-quarantine', {
      rows: page,
      nextHref: next ? `/console/admin/quarantine?cursor=${next}` : null,
    });
  }

  private async usersPage(
    req: ConsoleRequest,
    res: Response,
    form: Record<string, string>,
    errors: FieldError[],
    status: number,
  ) {
    const [users, missions] = await Promise.all([this.users.list(), this.missions.list({})]);
    this.views.page(
      req,
      res,
      'admin-users',
      {
        users: users.map((u) => userView(u)),
        missions: missions.sort((a, b) => a.name.localeCompare(b.name, 'id')),
        roles: ROLES,
        form: { email: '', displayName: '', role: 'handler', missionCode: '', locale: 'id', ...form },
        errors: explain(signedIn(req).t, 'user', errors),
        selfId: signedIn(req).principal.id,
      },
      status,
    );
  }

  /** The one-time password, shown in this answer only (no-store), never put in a URL. */
  private secretPage(
    req: ConsoleRequest,
    res: Response,
    kind: 'created' | 'reset',
    user: ReturnType<typeof userView>,
    password: string,
  ) {
    this.views.page(req, res, 'admin-user-password', { kind, target: user, password });
  }

  private async missionPage(
    req: ConsoleRequest,
    res: Response,
    code: string,
    extra: { form?: Record<string, unknown>; closure?: Record<string, string> },
    errors: FieldError[] = [],
    closureErrors: FieldError[] = [],
    status = 200,
  ) {
    const { t } = signedIn(req);
    const mission = toMissionView(await this.missions.get(code));
    const entries = await this.holidays.list({ scope: code });
    this.views.page(
      req,
      res,
      'admin-mission',
      {
        mission,
        form: {
          ...mission,
          laporInstitutionId: mission.laporInstitutionId ?? '',
          notes: mission.notes ?? '',
        },
        closures: entries.filter((h) => h.kind === 'closure' || h.kind === 'workday'),
        closure: { date: '', name: '' },
        ...extra,
        errors: explain(t, 'mission', errors),
        closureErrors: explain(t, 'closure', closureErrors),
      },
      status,
    );
  }
}

function quarantineCursor(v: unknown): [string, string] | null {
  if (v === undefined || v === '') return null;
  try {
    if (typeof v !== 'string') throw new Error('not one cursor');
    const c: unknown = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
    if (Array.isArray(c) && typeof c[0] === 'string' && typeof c[1] === 'string' && UUID.test(c[1]))
      if (!Number.isNaN(Date.parse(c[0].replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))))
        return [c[0], c[1]];
  } catch {
    // falls through to the error below
  }
  throw new ValidationFailedError([
    { field: 'cursor', message: 'must be the nextCursor of a previous page' },
  ]);
}

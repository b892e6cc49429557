import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, type FieldError } from '../../core/http/domain.errors';
import { actorOf } from '../auth/principal';
import { ROLES } from '../auth/role';
import { UserSessionService } from '../auth/user-session.service';
import { UserService, userView } from '../auth/user.service';
import { MissionsService } from '../missions/missions.service';
import { explain, fieldErrors, str, type Form } from './console-admin-forms';
import { ConsoleRedirect, signedIn, type ConsoleRequest } from './console-context';
import { ConsoleController, ConsoleRoles } from './console.guard';
import { ConsoleViews } from './console-views.service';

/**
 * People's accounts (SPEC.md "Users": operations). Every change is a POST form with the page's
 * CSRF token that answers 303 with a `done` flash — except creating a user and resetting a
 * password, whose one-time password is shown in the answer itself, once, never in a URL or a store.
 */
@ApiExcludeController()
@ConsoleController()
@ConsoleRoles('admin')
@Controller('console/admin')
export class ConsoleAdminUsersController {
  constructor(
    private readonly users: UserService,
    private readonly sessions: UserSessionService,
    private readonly missions: MissionsService,
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
  async resetPassword(@Req() req: ConsoleRequest, @Res() res: Response, @Param('id') param: string) {
    const { principal, session } = signedIn(req);
    // Ids are compared as Postgres compares uuids: an upper-case URL names the same account.
    const id = param.toLowerCase();
    const password = await this.users.resetPassword(id, actorOf(principal));
    // The old password's sessions end; an admin resetting their own keeps this one.
    await this.sessions.endAll(id, 'password_reset', id === principal.id ? session.sessionId : undefined);
    this.secretPage(req, res, 'reset', userView(await this.users.get(id)), password);
  }

  @Post('users/:id/disable')
  async disable(@Req() req: ConsoleRequest, @Param('id') param: string) {
    const { principal } = signedIn(req);
    const id = param.toLowerCase();
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
}

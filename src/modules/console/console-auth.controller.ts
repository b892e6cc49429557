import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ValidationFailedError } from '../../core/http/domain.errors';
import { CONSOLE_COOKIE, UserSessionService } from '../auth/user-session.service';
import { MIN_PASSWORD_LENGTH, UserService } from '../auth/user.service';
import { ConsoleRedirect, safeNext, signedIn, type ConsoleRequest } from './console-context';
import {
  AllowMustChange,
  ConsoleController,
  ConsolePublic,
  LANG_COOKIE,
  LOGIN_CSRF_COOKIE,
} from './console.guard';
import { ConsoleViews } from './console-views.service';
import { formatter } from './format';
import { isLocale } from './i18n';

type Form = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Sign-in, sign-out, the password page and the language switch. */
@ApiExcludeController()
@ConsoleController()
@Controller('console')
export class ConsoleAuthController {
  constructor(
    private readonly users: UserService,
    private readonly sessions: UserSessionService,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  @ConsolePublic()
  home(@Req() req: ConsoleRequest): void {
    throw new ConsoleRedirect(req.console?.session ? '/console/inbox' : '/console/login', 302);
  }

  @Get('login')
  @ConsolePublic()
  loginForm(@Req() req: ConsoleRequest, @Res() res: Response, @Query('next') next?: string): void {
    if (req.console?.session) throw new ConsoleRedirect(safeNext(next), 302);
    const note =
      req.query.bye !== undefined
        ? 'login.loggedOut'
        : req.query.expired !== undefined
          ? 'login.expired'
          : null;
    this.views.page(req, res, 'login', { next: safeNext(next, ''), email: '', error: null, note });
  }

  @Post('login')
  @ConsolePublic()
  async login(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const body = (req.body ?? {}) as Form;
    const email = str(body.email).slice(0, 254);
    const next = safeNext(body.next);
    const result = await this.users.signIn(email, str(body.password));
    if (result.outcome !== 'ok') {
      const t = req.console!.t;
      const error =
        result.outcome === 'locked'
          ? t('login.locked', { until: `${formatter(req.console!.locale).dateTime(result.until)} WIB` })
          : t('login.invalid');
      this.views.page(req, res, 'login', { next: safeNext(body.next, ''), email, error, note: null }, 401);
      return;
    }
    const { secret } = await this.sessions.start(result.user.id, req.header('user-agent'));
    res.cookie(CONSOLE_COOKIE, secret, this.sessions.cookieOptions());
    res.clearCookie(LOGIN_CSRF_COOKIE, { path: '/console' });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, result.user.mustChangePassword ? '/console/password' : next);
  }

  @Post('logout')
  @AllowMustChange()
  async logout(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    await this.sessions.end(signedIn(req).session.sessionId, 'logout');
    res.clearCookie(CONSOLE_COOKIE, { ...this.sessions.cookieOptions(), maxAge: undefined });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, '/console/login?bye');
  }

  @Get('password')
  @AllowMustChange()
  passwordForm(@Req() req: ConsoleRequest, @Res() res: Response): void {
    this.views.page(req, res, 'password', { errors: [], minLength: MIN_PASSWORD_LENGTH });
  }

  @Post('password')
  @AllowMustChange()
  async changePassword(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    const { session, t } = signedIn(req);
    const body = (req.body ?? {}) as Form;
    const next = str(body.password);
    const errors: string[] = [];
    if (next !== str(body.confirm)) errors.push(t('password.mismatch'));
    else {
      try {
        await this.users.changePassword(session.userId, str(body.current), next);
      } catch (e) {
        if (!(e instanceof ValidationFailedError)) throw e;
        const field = e.extras.errors?.[0]?.field;
        errors.push(
          field === 'current'
            ? t('password.wrongCurrent')
            : t('password.tooShort', { n: MIN_PASSWORD_LENGTH }),
        );
      }
    }
    if (errors.length) {
      this.views.page(req, res, 'password', { errors, minLength: MIN_PASSWORD_LENGTH }, 400);
      return;
    }
    await this.sessions.endAll(session.userId, 'password_changed', session.sessionId);
    res.redirect(303, '/console/inbox?done=password');
  }

  /** The language switch: a preference cookie (and the user's saved choice), then back where they were. */
  @Get('lang/:locale')
  @ConsolePublic()
  async language(
    @Req() req: ConsoleRequest,
    @Res() res: Response,
    @Param('locale') locale: string,
    @Query('next') next?: string,
  ): Promise<void> {
    if (!isLocale(locale)) throw new ConsoleRedirect(safeNext(next), 302);
    res.cookie(LANG_COOKIE, locale, { sameSite: 'lax', path: '/', maxAge: 365 * 86_400_000, httpOnly: true });
    const session = req.console?.session;
    if (session) await this.users.setLocale(session.userId, locale);
    res.redirect(302, safeNext(next, session ? '/console/inbox' : '/console/login'));
  }
}

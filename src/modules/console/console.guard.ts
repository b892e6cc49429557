import { randomBytes } from 'node:crypto';
import {
  SetMetadata,
  applyDecorators,
  Injectable,
  UseFilters,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError } from '../../core/http/domain.errors';
import { Public } from '../auth/auth.decorators';
import type { Role } from '../auth/role';
import { isSameOrigin } from '../auth/session.service';
import { cookieOf, UserSessionService } from '../auth/user-session.service';
import { sessionPrincipal } from '../auth/user.service';
import { actorOf } from '../auth/principal';
import { NotificationsService } from '../notifications/notifications.service';
import { safeEqual } from '../../core/crypto/token-hash';
import { ConsoleRedirect, type ConsoleRequest } from './console-context';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { isLocale, translator, type Locale } from './i18n';

const CONSOLE_PUBLIC = 'console:public';
const CONSOLE_ROLES = 'console:roles';
const ALLOW_MUST_CHANGE = 'console:allow-must-change';

/** The language switch's cookie (a preference, not a secret). */
export const LANG_COOKIE = 'lb_lang';
/** The sign-in form's CSRF cookie (double submit: the form carries the same value). */
export const LOGIN_CSRF_COOKIE = 'lb_login_csrf';

/** A page anyone may open (the sign-in form): no session needed; its posts still need the CSRF token. */
export const ConsolePublic = () => SetMetadata(CONSOLE_PUBLIC, true);
/** Only these roles may open the page; others get the 403 page. Without it, any signed-in role. */
export const ConsoleRoles = (...roles: Role[]) => SetMetadata(CONSOLE_ROLES, roles);
/** Open to a user who must still change a one-time password (the password page, sign-out). */
export const AllowMustChange = () => SetMetadata(ALLOW_MUST_CHANGE, true);

/** What every console controller carries: outside the bearer guard, inside the console's guard and error pages. */
export const ConsoleController = () =>
  applyDecorators(Public(), UseGuards(ConsoleGuard), UseFilters(ConsoleExceptionFilter));

export class CsrfError extends DomainError {
  constructor() {
    super(
      'CSRF_TOKEN_INVALID',
      403,
      'The form’s CSRF token is missing or wrong, or it came from another site.',
    );
  }
}

/**
 * The console's door. Reads the session (user_sessions) and the language; sends a browser without
 * a session to sign in; refuses every POST without the page's CSRF token or from another site;
 * keeps a user with a one-time password on the password page; checks @ConsoleRoles.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: UserSessionService,
    private readonly notifications: NotificationsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<ConsoleRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const session = await this.sessions.of(req);
    const cookieLang = cookieOf(req, LANG_COOKIE);
    const locale: Locale = isLocale(cookieLang) ? cookieLang : (session?.locale ?? 'id');
    const t = translator(locale);
    const post = req.method !== 'GET' && req.method !== 'HEAD';
    const body = (req.body ?? {}) as Record<string, unknown>;

    if (this.reflector.getAllAndOverride<boolean>(CONSOLE_PUBLIC, targets)) {
      let csrf = cookieOf(req, LOGIN_CSRF_COOKIE);
      if (post) {
        if (!isSameOrigin(req) || !csrf || typeof body._csrf !== 'string' || !safeEqual(body._csrf, csrf))
          throw new CsrfError();
      } else if (!csrf || !/^[\w-]{43}$/.test(csrf)) {
        csrf = randomBytes(32).toString('base64url');
        res.cookie(LOGIN_CSRF_COOKIE, csrf, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/console',
          secure: req.secure,
        });
      }
      req.console = {
        session,
        principal: session ? sessionPrincipal(session) : null,
        locale,
        t,
        csrf,
      };
      return true;
    }

    if (!session) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      throw new ConsoleRedirect(`/console/login${next}`, req.method === 'GET' ? 302 : 303);
    }
    const principal = sessionPrincipal(session);
    req.console = { session, principal, locale, t, csrf: session.csrfToken };
    if (post && (!isSameOrigin(req) || !this.sessions.checkCsrf(session, body._csrf))) throw new CsrfError();
    if (session.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOW_MUST_CHANGE, targets))
      throw new ConsoleRedirect('/console/password', 303);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(CONSOLE_ROLES, targets);
    if (roles && !roles.includes(principal.role))
      throw new DomainError('FORBIDDEN_ROLE', 403, `This page needs one of the roles: ${roles.join(', ')}.`);
    // The nav's unread badge on every page (a bounded count: NotificationsService.unreadCount).
    if (!post && !session.mustChangePassword)
      req.console.unreadNotifications = await this.notifications.unreadCount(
        actorOf(principal),
        await this.notifications.scopeOf(principal),
      );
    return true;
  }
}

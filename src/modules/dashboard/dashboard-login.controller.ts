import { randomBytes } from 'node:crypto';
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { isSameOrigin, SESSION_COOKIE, SessionService } from '../auth/session.service';
import { TokenService } from '../auth/token.service';
import { CONSOLE_COOKIE, cookieOf, UserSessionService } from '../auth/user-session.service';
import { safeEqual } from '../../core/crypto/token-hash';

/** The token sign-in form's CSRF cookie (double submit). */
const LOGIN_CSRF_COOKIE = 'lb_dash_csrf';
import { mayUseDashboard, SAME_ORIGIN_REFERRER } from './dashboard-access';
import { forbiddenPage, loginPage, MESSAGES } from './dashboard.pages';

/**
 * Sign-in with an API token (SPEC.md "Web console" asks for user accounts later; tokens are what
 * exists now). The token is checked once here and never stored in the browser: the cookie only
 * names it, signed (session.service.ts).
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardLoginController {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly people: UserSessionService,
  ) {}

  @Get('login')
  async form(@Req() req: Request, @Res() res: Response): Promise<void> {
    const p = await this.sessions.principalOf(req);
    if (p && mayUseDashboard(p)) {
      res.redirect(302, '/dashboard');
      return;
    }
    this.html(res, 200, loginPage(undefined, this.loginCsrf(req, res)));
  }

  /**
   * Login CSRF is refused by the Origin check and the form's double-submit token; anyway a forged
   * post could only sign the victim in with a token the attacker knows.
   */
  @Post('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const body = req.body as Record<string, unknown> | undefined;
    const cookie = cookieOf(req, LOGIN_CSRF_COOKIE);
    if (!isSameOrigin(req)) return this.html(res, 403, forbiddenPage(MESSAGES.crossSite));
    if (!cookie || typeof body?._csrf !== 'string' || !safeEqual(body._csrf, cookie))
      return this.html(res, 403, forbiddenPage(MESSAGES.csrf));
    const token = typeof body?.token === 'string' ? body.token.trim() : '';
    const p = token ? await this.tokens.authenticate(token) : null;
    if (!p) return this.html(res, 401, loginPage(MESSAGES.badToken, cookie));
    if (!mayUseDashboard(p)) return this.html(res, 403, forbiddenPage(MESSAGES.forbiddenRole));
    await this.sessions.recordLogin(p);
    res.cookie(SESSION_COOKIE, this.sessions.sign(p.id), this.sessions.cookieOptions());
    res.redirect(303, '/dashboard');
  }

  /** Ends the session: a console user's in Postgres (and their console cookie), a token's cookie. */
  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isSameOrigin(req)) return this.html(res, 403, forbiddenPage(MESSAGES.crossSite));
    const body = req.body as Record<string, unknown> | undefined;
    if (!(await this.sessions.checkCsrf(req, body?._csrf)))
      return this.html(res, 403, forbiddenPage(MESSAGES.csrf));
    const person = await this.people.of(req);
    if (person) {
      await this.people.end(person.sessionId, 'logout');
      res.clearCookie(CONSOLE_COOKIE, { ...this.people.cookieOptions(), maxAge: undefined });
    }
    res.clearCookie(SESSION_COOKIE, { ...this.sessions.cookieOptions(), maxAge: undefined });
    res.redirect(303, person ? '/console/login?bye' : '/dashboard/login');
  }

  /** The sign-in form's CSRF token: double submit, the same random value in a cookie and the form. */
  private loginCsrf(req: Request, res: Response): string {
    const existing = cookieOf(req, LOGIN_CSRF_COOKIE);
    if (existing && /^[\w-]{43}$/.test(existing)) return existing;
    const value = randomBytes(32).toString('base64url');
    res.cookie(LOGIN_CSRF_COOKIE, value, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/dashboard',
      secure: req.secure,
    });
    return value;
  }

  private html(res: Response, status: number, body: string): void {
    res.status(status).setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', SAME_ORIGIN_REFERRER);
    res.type('html').send(body);
  }
}

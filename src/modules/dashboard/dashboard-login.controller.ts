import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { isSameOrigin, SESSION_COOKIE, SessionService } from '../auth/session.service';
import { TokenService } from '../auth/token.service';
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
  ) {}

  @Get('login')
  async form(@Req() req: Request, @Res() res: Response): Promise<void> {
    const p = await this.sessions.principalOf(req);
    if (p && mayUseDashboard(p)) {
      res.redirect(302, '/dashboard');
      return;
    }
    this.html(res, 200, loginPage());
  }

  /**
   * Login CSRF is refused by the Origin check; anyway a forged post could only sign the victim in
   * with a token the attacker knows, and the SameSite=Strict cookie never rides along cross-site.
   */
  @Post('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isSameOrigin(req)) return this.html(res, 403, forbiddenPage(MESSAGES.crossSite));
    const body = req.body as Record<string, unknown> | undefined;
    const token = typeof body?.token === 'string' ? body.token.trim() : '';
    const p = token ? await this.tokens.authenticate(token) : null;
    if (!p) return this.html(res, 401, loginPage(MESSAGES.badToken));
    if (!mayUseDashboard(p)) return this.html(res, 403, forbiddenPage(MESSAGES.forbiddenRole));
    await this.sessions.recordLogin(p);
    res.cookie(SESSION_COOKIE, this.sessions.sign(p.id), this.sessions.cookieOptions());
    res.redirect(303, '/dashboard');
  }

  @Post('logout')
  logout(@Req() req: Request, @Res() res: Response): void {
    if (!isSameOrigin(req)) return this.html(res, 403, forbiddenPage(MESSAGES.crossSite));
    res.clearCookie(SESSION_COOKIE, { ...this.sessions.cookieOptions(), maxAge: undefined });
    res.redirect(303, '/dashboard/login');
  }

  private html(res: Response, status: number, body: string): void {
    res.status(status).setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', SAME_ORIGIN_REFERRER);
    res.type('html').send(body);
  }
}

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendAsset } from '../../core/http/static-asset';
import { Public } from '../auth/auth.decorators';
import { SESSION_COOKIE, SessionService } from '../auth/session.service';
import { UserSessionService } from '../auth/user-session.service';
import { mayUseDashboard, SAME_ORIGIN_REFERRER } from './dashboard-access';
import { forbiddenPage, MESSAGES } from './dashboard.pages';

/** The dashboard's own files (copied to dist by nest-cli.json "assets"). */
export const ASSETS_DIR = join(__dirname, 'assets');

/**
 * Every file the dashboard serves, by the name in its URL: nothing else is reachable, so no path
 * from the URL ever reaches the file system. Chart.js comes from node_modules (no CDN); its
 * package exports no dist path, so the UMD build is found next to its CommonJS entry.
 */
const FILES: Record<string, string> = {
  'dashboard.css': join(ASSETS_DIR, 'dashboard.css'),
  'favicon.svg': join(ASSETS_DIR, 'favicon.svg'),
  'common.js': join(ASSETS_DIR, 'common.js'),
  'dashboard.js': join(ASSETS_DIR, 'dashboard.js'),
  'complaint.js': join(ASSETS_DIR, 'complaint.js'),
  'chart.umd.js': join(dirname(require.resolve('chart.js')), 'chart.umd.js'),
};

const LOGOUT_FORM = /<form method="post" action="\/dashboard\/logout"[^>]*>/;
let dashboardFile: Promise<string> | undefined;
/** dashboard.html, read once per process. */
function dashboardHtml(): Promise<string> {
  dashboardFile ??= readFile(join(ASSETS_DIR, 'dashboard.html'), 'utf8');
  return dashboardFile;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ministry dashboard (SPEC.md "SLA and reports"): static pages whose scripts read the JSON API
 * with the session cookie. The pages check the session themselves (hence @Public) so that a browser
 * without one is sent to the sign-in form rather than shown a problem document.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly sessions: SessionService,
    private readonly people: UserSessionService,
  ) {}

  @Get()
  async dashboard(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.admit(req, res))) return;
    // The sign-out form carries the session's CSRF token, like every form of the console.
    const csrf = (await this.sessions.csrfTokenOf(req)) ?? '';
    const html = (await dashboardHtml()).replace(
      LOGOUT_FORM,
      `$&<input type="hidden" name="_csrf" value="${csrf.replace(/[^\w-]/g, '')}">`,
    );
    res.status(200);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', SAME_ORIGIN_REFERRER);
    res.type('html').send(html);
  }

  @Get('complaints/:id')
  async complaint(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    if (!(await this.admit(req, res))) return;
    if (!UUID.test(id)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    this.sendPage(res, 'complaint.html');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    sendAsset(res, FILES, file);
  }

  /** True when the request has a live session of a dashboard role; otherwise answers it. */
  private async admit(req: Request, res: Response): Promise<boolean> {
    const p = await this.sessions.principalOf(req);
    if (!p) {
      // A person with a one-time password replaces it first (principalOf gives them no principal).
      if (p === null && (await this.people.of(req))?.mustChangePassword) {
        res.redirect(302, '/console/password');
        return false;
      }
      if (p === null)
        res.clearCookie(SESSION_COOKIE, { ...this.sessions.cookieOptions(), maxAge: undefined });
      res.redirect(302, '/dashboard/login');
      return false;
    }
    if (!mayUseDashboard(p)) {
      res.status(403).type('html').send(forbiddenPage(MESSAGES.forbiddenRole));
      return false;
    }
    return true;
  }

  private sendPage(res: Response, file: string): void {
    const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': SAME_ORIGIN_REFERRER };
    res.sendFile(join(ASSETS_DIR, file), { headers, dotfiles: 'allow' }, (err) => {
      if (err && !res.headersSent) res.status(500).type('text/plain').send('Page missing from this build');
    });
  }
}

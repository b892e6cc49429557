import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import type { Response } from 'express';
import { ConfigService } from '../../core/config/config.service';
import type { Role } from '../auth/role';
import { UNREAD_CAP } from '../notifications/notifications.service';
import type { ConsoleContext, ConsoleRequest } from './console-context';
import { formatter } from './format';
import { hasMessage, translator } from './i18n';

/** The console's templates (copied to dist by nest-cli.json "assets"). */
export const VIEWS_DIR = join(__dirname, 'views');

interface NavItem {
  href: string;
  label: string;
  current: boolean;
  /** A count beside the label (unread notifications), with its words for screen readers. */
  badge?: { text: string; label: string };
}

const NAV: { href: string; key: string; roles: readonly Role[] }[] = [
  { href: '/console/inbox', key: 'nav.inbox', roles: ['handler', 'supervisor', 'monitor', 'admin'] },
  {
    href: '/console/notifications',
    key: 'nav.notifications',
    roles: ['handler', 'supervisor', 'monitor', 'admin'],
  },
  { href: '/dashboard', key: 'nav.dashboard', roles: ['supervisor', 'monitor', 'admin'] },
  { href: '/console/missions', key: 'nav.missions', roles: ['monitor', 'admin'] },
  { href: '/console/breaches', key: 'nav.breaches', roles: ['supervisor', 'monitor', 'admin'] },
  { href: '/console/admin/users', key: 'nav.users', roles: ['admin'] },
  { href: '/console/admin/missions', key: 'nav.adminMissions', roles: ['admin'] },
  { href: '/console/admin/dead-letters', key: 'nav.deadLetters', roles: ['admin'] },
  { href: '/console/admin/quarantine', key: 'nav.quarantine', roles: ['admin'] },
];

/**
 * Renders the console's pages with Eta (auto-escaping every `<%= %>`; `<%~ %>` only for HTML the
 * console made itself). Every page gets the translator, the date formatter, the signed-in user, the
 * navigation for their role and the CSRF token for its forms.
 */
@Injectable()
export class ConsoleViews {
  private readonly eta: Eta;

  constructor(config: ConfigService) {
    this.eta = new Eta({ views: VIEWS_DIR, autoEscape: true, cache: config.isProduction, useWith: false });
  }

  /** Renders a view into the response, with headers for a page that must never be cached. */
  page(
    req: ConsoleRequest,
    res: Response,
    view: string,
    data: Record<string, unknown> = {},
    status = 200,
  ): void {
    const html = this.render(req, view, data);
    res.status(status);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.type('html').send(html);
  }

  render(req: ConsoleRequest, view: string, data: Record<string, unknown> = {}): string {
    const ctx: ConsoleContext = req.console ?? {
      session: null,
      principal: null,
      locale: 'id',
      t: translator('id'),
      csrf: '',
    };
    const path = req.path;
    const role = ctx.principal?.role;
    const nav: NavItem[] = role
      ? NAV.filter((n) => n.roles.includes(role)).map((n) => ({
          href: n.href,
          label: ctx.t(n.key),
          current: path === n.href || path.startsWith(`${n.href}/`),
          badge: n.href === '/console/notifications' ? unreadBadge(ctx) : undefined,
        }))
      : [];
    const flashKey = typeof req.query?.done === 'string' ? `flash.${req.query.done}` : null;
    return this.eta.render(`./${view}`, {
      ...data,
      t: ctx.t,
      locale: ctx.locale,
      fmt: formatter(ctx.locale),
      user: ctx.session,
      principal: ctx.principal,
      csrf: ctx.csrf,
      nav,
      path: req.originalUrl,
      flash: flashKey && hasMessage(flashKey) ? ctx.t(flashKey) : (data.flash ?? null),
    });
  }
}

/** "3", or "999+" at the count's cap; none when nothing is unread. */
function unreadBadge(ctx: ConsoleContext): NavItem['badge'] {
  const n = ctx.unreadNotifications ?? 0;
  if (n <= 0) return undefined;
  const text = n >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : String(n);
  return { text, label: ctx.t('notifications.unreadCount', { n: text }) };
}

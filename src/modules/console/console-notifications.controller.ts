import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ValidationFailedError } from '../../core/http/domain.errors';
import { actorOf } from '../auth/principal';
import { MISSION_SCOPED_ROLES } from '../auth/role';
import { MissionsService } from '../missions/missions.service';
import { NotificationsService, UNREAD_CAP } from '../notifications/notifications.service';
import { str, type Form } from './console-admin-forms';
import { ConsoleRedirect, signedIn, type ConsoleRequest } from './console-context';
import { ConsoleController } from './console.guard';
import { ConsoleViews } from './console-views.service';

const PAGE = 30;
const ID = /^\d{1,18}$/;
const MISSION = /^[a-z0-9-]{2,40}$/;

/**
 * The signed-in person's notifications (issue 7: the in-app list per user): what reached their
 * office — complaints routed or transferred to it, SLA warnings and breaches, escalations, sync
 * trouble — each with their own read state. Marking read is personal, so every role may do it.
 */
@ApiExcludeController()
@ConsoleController()
@Controller('console/notifications')
export class ConsoleNotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly missions: MissionsService,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  async list(@Req() req: ConsoleRequest, @Res() res: Response) {
    const { principal } = signedIn(req);
    const unread = req.query.unread === '1';
    const cursor =
      typeof req.query.cursor === 'string' && req.query.cursor !== '' ? req.query.cursor : undefined;
    const mission =
      typeof req.query.mission === 'string' && req.query.mission !== '' ? req.query.mission : undefined;
    if (cursor !== undefined && !ID.test(cursor))
      throw new ValidationFailedError([
        { field: 'cursor', message: 'must be the next page link of this list' },
      ]);
    if (mission !== undefined && !MISSION.test(mission))
      throw new ValidationFailedError([{ field: 'mission', message: 'must be a mission code' }]);
    const scope = await this.notifications.scopeOf(principal, mission);
    const [page, offices] = await Promise.all([
      this.notifications.list({
        reader: actorOf(principal),
        scope,
        unread,
        before: cursor,
        limit: PAGE,
      }),
      this.missions.list({}),
    ]);
    const byCode = new Map(offices.map((o) => [o.code, o]));
    const href = (c?: string | null) => {
      const keep = new URLSearchParams();
      if (unread) keep.set('unread', '1');
      if (mission) keep.set('mission', mission);
      if (c) keep.set('cursor', c);
      const q = keep.toString();
      return `/console/notifications${q ? `?${q}` : ''}`;
    };
    this.views.page(req, res, 'notifications', {
      rows: page.data.map((n) => {
        const o = byCode.get(n.missionCode);
        const facts = (n.payload.facts ?? {}) as Record<string, number | null>;
        return {
          ...n,
          missionName: o?.name ?? n.missionCode,
          zone: o?.timezone || 'Asia/Jakarta',
          place: o?.city ?? null,
          dueAt: typeof facts.dueAt === 'number' ? new Date(facts.dueAt) : null,
          facts,
        };
      }),
      unread,
      unreadCount: page.unreadCount,
      unreadCapped: page.unreadCount >= UNREAD_CAP,
      newestId: page.data[0]?.id ?? null,
      mission: mission ?? '',
      missions: MISSION_SCOPED_ROLES.includes(principal.role)
        ? []
        : [...offices].sort((a, b) => a.name.localeCompare(b.name, 'id')),
      back: href(cursor),
      nextHref: page.nextCursor ? href(page.nextCursor) : null,
      firstHref: cursor ? href() : null,
    });
  }

  @Post(':id/read')
  async read(@Req() req: ConsoleRequest, @Param('id') id: string) {
    const { principal } = signedIn(req);
    await this.notifications.markRead(id, actorOf(principal), await this.notifications.scopeOf(principal));
    throw new ConsoleRedirect(backTo((req.body ?? {}) as Form, 'notificationRead'));
  }

  @Post('read-all')
  async readAll(@Req() req: ConsoleRequest) {
    const { principal } = signedIn(req);
    const body = (req.body ?? {}) as Form;
    const upTo = str(body.upTo);
    const mission = str(body.mission);
    if (upTo !== '' && !ID.test(upTo))
      throw new ValidationFailedError([{ field: 'upTo', message: 'must be a notification id' }]);
    if (mission !== '' && !MISSION.test(mission))
      throw new ValidationFailedError([{ field: 'mission', message: 'must be a mission code' }]);
    await this.notifications.markAllRead(
      actorOf(principal),
      await this.notifications.scopeOf(principal, mission || undefined),
      upTo || undefined,
    );
    throw new ConsoleRedirect(backTo(body, 'notificationsRead'));
  }
}

/** Back to the list page the form was on (only this list's own URLs), with the flash. */
function backTo(body: Form, done: string): string {
  const back = str(body.back);
  const base = /^\/console\/notifications(\?[\w=&%-]*)?$/.test(back) ? back : '/console/notifications';
  return `${base}${base.includes('?') ? '&' : '?'}done=${done}`;
}

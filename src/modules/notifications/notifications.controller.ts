import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { actorOf, type Principal } from '../auth/principal';
import { NotificationsService } from './notifications.service';
import { PageLimit } from '../../core/http/page-limit.decorator';

export class NotificationQueryDto {
  @ApiPropertyOptional({
    description: 'monitors and admins: one office; handlers and supervisors always see their own',
  })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'must be a mission code' })
  mission?: string;

  @ApiPropertyOptional({ description: 'only unread ones' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  unread?: boolean;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be the nextCursor of a previous page' })
  cursor?: string;
}

export class ReadAllDto {
  @ApiPropertyOptional({
    description: 'monitors and admins: only this office; handlers and supervisors: their own',
  })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'must be a mission code' })
  mission?: string;

  @ApiPropertyOptional({
    description: 'the newest notification id the reader has seen; newer ones stay unread (default: all)',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be a notification id' })
  upTo?: string;
}

/**
 * The in-app notification list: an office's notifications, each with the caller's own read state
 * (a person's, or an API token's). Marking read changes nothing but the caller's own list, so every
 * role may do it, monitors included.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary:
      "Newest first: the caller's office's notifications (monitors/admins: any), read state per caller",
  })
  @ApiOkResponse({
    description:
      '{ data: [{ id, kind, missionCode, complaintId, priority, payload, createdAt, readAt }], nextCursor, unreadCount }',
  })
  async list(@Query() q: NotificationQueryDto, @CurrentPrincipal() who: Principal) {
    return this.notifications.list({
      reader: actorOf(who),
      scope: await this.notifications.scopeOf(who, q.mission),
      unread: q.unread,
      before: q.cursor,
      limit: q.limit ?? 50,
    });
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: "Marks the caller's list read (for the caller only), up to upTo" })
  @ApiOkResponse({ description: '{ marked }: how many were unread' })
  async readAll(@Body() body: ReadAllDto, @CurrentPrincipal() who: Principal) {
    const marked = await this.notifications.markAllRead(
      actorOf(who),
      await this.notifications.scopeOf(who, body.mission),
      body.upTo,
    );
    return { marked };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks one notification read for the caller only; again keeps the first time' })
  @ApiOkResponse({
    description: 'the notification with readAt; 404 NOTIFICATION_NOT_FOUND outside your list',
  })
  async read(@Param('id') id: string, @CurrentPrincipal() who: Principal) {
    return this.notifications.markRead(id, actorOf(who), await this.notifications.scopeOf(who));
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { MISSION_SCOPED_ROLES } from '../auth/role';
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

/** The in-app notification list of an office (complaints that reached it). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "Newest first: complaints routed to the caller's mission (monitors/admins: any)" })
  @ApiOkResponse({
    description:
      '{ data: [{ id, kind, missionCode, complaintId, priority, createdAt, readAt }], nextCursor }',
  })
  list(@Query() q: NotificationQueryDto, @CurrentPrincipal() who: Principal) {
    const scoped = MISSION_SCOPED_ROLES.includes(who.role);
    return this.notifications.list({
      missionCode: scoped ? (who.missionCode ?? '-') : q.mission,
      unread: q.unread,
      before: q.cursor,
      limit: q.limit ?? 50,
    });
  }
}

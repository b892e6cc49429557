import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { AuditPageDto, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

/** The audit log for admins: secret-reporter reads and token issue/revocation. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Audit entries, newest first, filtered by actor, action, complaint and time' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: each invalid query parameter listed' })
  @ApiUnauthorizedResponse({ description: 'AUTH_REQUIRED or AUTH_INVALID_TOKEN' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: admins only' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED (Retry-After)' })
  list(@Query() q: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list({
      actor: q.actor,
      action: q.action,
      complaintId: q.complaintId,
      from: q.from === undefined ? undefined : new Date(q.from),
      to: q.to === undefined ? undefined : new Date(q.to),
      cursor: q.cursor,
      limit: q.limit,
    });
  }
}

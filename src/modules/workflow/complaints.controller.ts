import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { etag } from './complaint-access';
import { complaintsCsv } from './complaints-csv';
import { InboxQueryDto } from './inbox-query.dto';
import { WorkflowService } from './workflow.service';

/** The inbox and the complaint page (every role; handlers and supervisors see their office only). */
@ApiTags('complaints')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'AUTH_REQUIRED, AUTH_INVALID_TOKEN' })
@ApiTooManyRequestsResponse({ description: 'RATE_LIMITED (Retry-After)' })
@Controller('api/v1/complaints')
export class ComplaintsController {
  constructor(private readonly workflow: WorkflowService) {}

  @Get()
  @ApiOperation({
    summary: 'The inbox: filters, sort (newest, oldest, due) and cursor paging; CSV with Accept: text/csv',
    description:
      'handler/supervisor: their mission (and its desks) only; monitor/admin: every mission. No reporter identity in lists or exports. CSV exports up to 10,000 rows.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ data: [complaint summary], nextCursor }' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (each field listed)' })
  async list(
    @Query() q: InboxQueryDto,
    @CurrentPrincipal() who: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (accept && /text\/csv/i.test(accept) && !/application\/json/i.test(accept)) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="complaints.csv"');
      return complaintsCsv(this.workflow, who, q);
    }
    return this.workflow.inbox(who, q);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'The complaint page: timeline, follow-ups (with their way to LAPOR!), routing explanation, LAPOR! ids, allowed actions',
    description:
      'ETag = version (send it as If-Match on actions). Reporter identity: never for anonymous complaints; for secret ones only to the assigned mission’s handlers and supervisors, each read audited.',
  })
  @ApiOkResponse({ description: 'the complaint' })
  @ApiNotFoundResponse({ description: 'COMPLAINT_NOT_FOUND (also for another mission’s complaint)' })
  async get(
    @Param('id') id: string,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const c = await this.workflow.detail(who, id);
    res.setHeader('ETag', etag(c.version));
    res.setHeader('Cache-Control', 'private, no-store');
    return c;
  }
}

import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { ActionInput } from '../complaints/complaint-workflow.service';
import { ACTION_ROLES, etag, expectedVersion } from './complaint-access';
import {
  AcknowledgeDto,
  AskReporterDto,
  FollowUpDto,
  ReasonDto,
  RejectDto,
  ResolveDto,
  TransferDto,
} from './complaint-actions.dto';
import { WorkflowService } from './workflow.service';

/**
 * The handling actions (SPEC.md "Handling workflow"). Each takes If-Match (the ETag read), answers
 * with the complaint as it now is and its new ETag. Monitors get 403; another mission's complaint 404.
 * Who may take each action is ACTION_ROLES, the table the complaint page's allowedActions reads too.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: true, description: 'the ETag of the complaint read, e.g. "3"' })
@ApiOkResponse({ description: 'the complaint after the action (ETag header = new version)' })
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED (each field listed), TRANSFER_TARGET_UNKNOWN' })
@ApiUnauthorizedResponse({ description: 'AUTH_REQUIRED, AUTH_INVALID_TOKEN' })
@ApiForbiddenResponse({
  description: 'FORBIDDEN_ROLE (monitors never write; transfer: supervisors and admins)',
})
@ApiNotFoundResponse({ description: 'COMPLAINT_NOT_FOUND (also for another mission’s complaint)' })
@ApiConflictResponse({ description: 'COMPLAINT_INVALID_TRANSITION (not allowed in the current status)' })
@ApiPreconditionFailedResponse({ description: 'COMPLAINT_VERSION_MISMATCH: changed since read; reload' })
@ApiResponse({ status: 428, description: 'PRECONDITION_REQUIRED: If-Match missing' })
@ApiTooManyRequestsResponse({ description: 'RATE_LIMITED (Retry-After)' })
@Controller('api/v1/complaints/:id')
export class ComplaintActionsController {
  constructor(private readonly workflow: WorkflowService) {}

  @Post('acknowledge')
  @HttpCode(200)
  @Roles(...ACTION_ROLES.acknowledge)
  @ApiOperation({ summary: 'Take the complaint: assigned → acknowledged' })
  acknowledge(
    @Param('id') id: string,
    @Body() b: AcknowledgeDto,
    @CurrentPrincipal() who: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, { action: 'acknowledge', note: b.note }, who, ifMatch, res);
  }

  @Post('followups')
  @HttpCode(200)
  @Roles(...ACTION_ROLES['followup-public'])
  @ApiOperation({
    summary: 'Follow up: public (queued for LAPOR!; → responded) or internal (a note, no status change)',
  })
  followUp(
    @Param('id') id: string,
    @Body() b: FollowUpDto,
    @CurrentPrincipal() who: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const action = b.visibility === 'public' ? 'followup-public' : 'followup-internal';
    return this.run(id, { action, content: b.content, templateCode: b.templateCode }, who, ifMatch, res);
  }

  @Post('ask-reporter')
  @HttpCode(200)
  @Roles(...ACTION_ROLES['ask-reporter'])
  @ApiOperation({ summary: 'Ask the reporter (public question; → awaiting_reporter, SLA paused)' })
  askReporter(
    @Param('id') id: string,
    @Body() b: AskReporterDto,
    @CurrentPrincipal() who: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { action: 'ask-reporter', content: b.content, templateCode: b.templateCode },
      who,
      ifMatch,
      res,
    );
  }

  @Post('resolve')
  @HttpCode(200)
  @Roles(...ACTION_ROLES.resolve)
  @ApiOperation({ summary: 'Resolve with the resolution text (public, queued for LAPOR!; → resolved)' })
  resolve(
    @Param('id') id: string,
    @Body() b: ResolveDto,
    @CurrentPrincipal() who: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { action: 'resolve', resolution: b.resolution, templateCode: b.templateCode },
      who,
      ifMatch,
      res,
    );
  }

  @Post('reopen')
  @HttpCode(200)
  @Roles(...ACTION_ROLES.reopen)
  @ApiOperation({ summary: 'Reopen a resolved complaint (→ acknowledged, new SLA cycle)' })
  reopen(
    @Param('id') id: string,
    @Body() b: ReasonDto,
    @CurrentPrincipal() who: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, { action: 'reopen', reason: b.reason }, who, ifMatch, res);
  }

  @Post('transfer')
  @HttpCode(200)
  @Roles(...ACTION_ROLES.transfer)
  @ApiOperation({
    summary: 'Transfer to another mission or desk (reason recorded; → assigned there; SLA continues)',
  })
  transfer(
    @Param('id') id: string,
    @Body() b: TransferDto,
    @CurrentPrincipal() who: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { action: 'transfer', missionCode: b.missionCode, reason: b.reason },
      who,
      ifMatch,
      res,
    );
  }

  @Post('escalate')
  @HttpCode(200)
  @Roles(...ACTION_ROLES.escalate)
  @ApiOperation({
    summary: 'Escalate: a handler to the supervisor (level 1), a supervisor to the ministry (level 2)',
    description: 'COMPLAINT_ALREADY_ESCALATED (409) when the complaint is already at that level.',
  })
  escalate(
    @Param('id') id: string,
    @Body() b: ReasonDto,
    @CurrentPrincipal() who: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const level = who.role === 'handler' ? 1 : who.role === 'supervisor' ? 2 : 'next';
    return this.run(id, { action: 'escalate', reason: b.reason, level }, who, ifMatch, res);
  }

  @Post('reject')
  @HttpCode(200)
  @Roles(...ACTION_ROLES.reject)
  @ApiOperation({
    summary:
      'Not our authority: forward via LAPOR! to the target institution (queued for LAPOR!; → forwarded)',
  })
  reject(
    @Param('id') id: string,
    @Body() b: RejectDto,
    @CurrentPrincipal() who: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      id,
      { action: 'reject', targetInstitutionId: b.targetInstitutionId, reason: b.reason },
      who,
      ifMatch,
      res,
    );
  }

  private async run(
    id: string,
    input: ActionInput,
    who: Principal,
    ifMatch: string | undefined,
    res: Response,
  ) {
    const c = await this.workflow.act(who, id, input, expectedVersion(ifMatch));
    res.setHeader('ETag', etag(c.version));
    return c;
  }
}

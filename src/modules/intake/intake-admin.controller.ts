import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ValidationFailedError } from '../../core/http/domain.errors';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { backfillRangeErrors } from './backfill-range';
import { BackfillService } from './backfill.service';
import { BackfillAcceptedDto, BackfillRequestDto, QuarantineQueryDto } from './intake-admin.dto';
import { IntakeStatusService } from './intake-status.service';

/** Operations views and actions of intake (README.md in this folder, "Admin views"). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1')
export class IntakeAdminController {
  constructor(
    private readonly backfills: BackfillService,
    private readonly status: IntakeStatusService,
  ) {}

  @Post('admin/backfill')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary: 'Import LAPOR! history of a date range (WIB days, inclusive) without alerts or notifications',
    description:
      'Queued durably (outbox) and answered 202; the import runs page by page on the intake queue. ' +
      'Complaints whose latest LAPOR! update falls in the range are imported, with their follow-ups.',
  })
  @ApiAcceptedResponse({ type: BackfillAcceptedDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: not a date, from after to, range too long' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: admins only' })
  async backfill(
    @Body() body: BackfillRequestDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<BackfillAcceptedDto> {
    const errors = backfillRangeErrors(body);
    if (errors.length) throw new ValidationFailedError(errors);
    const { backfillId, jobId } = await this.backfills.enqueue(body, who.id);
    return { backfillId, jobId, from: body.from, to: body.to };
  }

  @Get('admin/quarantine')
  @Roles('admin')
  @ApiOperation({
    summary: 'Complaints quarantined for LAPOR! codes the bridge does not know (config/lapor-codes.json)',
  })
  @ApiOkResponse({
    description: '{ data: [{ id, laporId, quarantineReason, quarantinedAt, status }], nextCursor }',
  })
  quarantine(@Query() q: QuarantineQueryDto) {
    return this.status.quarantine({ limit: q.limit ?? 50, cursor: q.cursor });
  }

  @Get('sync/status')
  @Roles('admin', 'monitor')
  @ApiOperation({
    summary: 'Where intake stands: poll cursors and lag, webhooks, outbox backlog, LAPOR! breaker',
  })
  @ApiOkResponse({ description: '{ asOf, intake: { poll, rescan, webhook }, outbox, lapor }' })
  syncStatus() {
    return this.status.syncStatus();
  }
}

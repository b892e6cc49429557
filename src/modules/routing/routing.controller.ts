import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { actorOf, type Principal } from '../auth/principal';
import { ComplaintNotFoundError } from '../complaints/complaint-routing.service';
import { RerouteDto, RoutingPreviewDto, RoutingPreviewResponseDto } from './routing.dto';
import { RoutingService, type RerouteResult } from './routing.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The router over HTTP: a preview for any text, and an admin's re-run on a stored complaint. */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('api/v1')
export class RoutingController {
  constructor(private readonly routing: RoutingService) {}

  @Post('routing/preview')
  @HttpCode(200)
  @Roles('monitor', 'admin')
  @ApiOperation({
    summary: 'Which office would get this complaint, by which rule and on which words — nothing is stored',
  })
  @ApiOkResponse({ type: RoutingPreviewResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: monitors and admins' })
  async preview(@Body() body: RoutingPreviewDto): Promise<RoutingPreviewResponseDto> {
    return this.routing.preview({
      title: body.title,
      content: body.content,
      locationName: body.locationText ?? null,
      dispositionId: body.dispositionId ?? null,
    });
  }

  @Post('complaints/:id/reroute')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Re-run the router on a complaint; a different office gets it (assigned), the previous one is recorded',
  })
  @ApiOkResponse({
    description: '{ complaintId, changed, previousMissionCode, missionCode, status, routing }',
  })
  @ApiNotFoundResponse({ description: 'COMPLAINT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'COMPLAINT_INVALID_TRANSITION: resolved, closed or forwarded' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: admins only' })
  async reroute(
    @Param('id') id: string,
    @Body() body: RerouteDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<RerouteResult> {
    if (!UUID.test(id)) throw new ComplaintNotFoundError(id);
    return this.routing.reroute(id, { actor: actorOf(who), reason: body.reason ?? null });
  }
}

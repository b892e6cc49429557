import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
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
import { Roles } from '../auth/auth.decorators';
import { MissionListQueryDto, toMissionView, UpdateMissionDto, type MissionView } from './missions.dto';
import { MissionsService } from './missions.service';

/** The missions directory (SPEC.md "HTTP API"; README.md in this folder). */
@ApiTags('missions')
@ApiBearerAuth()
@Controller('api/v1/missions')
export class MissionsController {
  constructor(private readonly missions: MissionsService) {}

  @Get()
  @ApiOperation({ summary: 'Every mission abroad and ministry desk, with jurisdictions and office hours' })
  @ApiOkResponse({ description: '{ data: Mission[] } ordered by code' })
  async list(@Query() q: MissionListQueryDto): Promise<{ data: MissionView[] }> {
    return { data: (await this.missions.list(q)).map(toMissionView) };
  }

  @Get(':code')
  @ApiOperation({ summary: 'One mission or desk' })
  @ApiNotFoundResponse({ description: 'MISSION_NOT_FOUND' })
  async get(@Param('code') code: string): Promise<MissionView> {
    return toMissionView(await this.missions.get(code));
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Edit office hours, time zone, weekend, LAPOR! institution id, name or notes',
    description:
      'Fields set here are recorded in adminEditedFields and never overwritten by re-seeding at boot.',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: admins only' })
  @ApiNotFoundResponse({ description: 'MISSION_NOT_FOUND' })
  @ApiConflictResponse({ description: 'MISSION_INSTITUTION_ID_TAKEN' })
  async update(@Param('code') code: string, @Body() body: UpdateMissionDto): Promise<MissionView> {
    return toMissionView(await this.missions.update(code, body));
  }
}

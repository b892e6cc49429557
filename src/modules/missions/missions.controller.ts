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
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { actorOf, type Principal } from '../auth/principal';
import { toMissionDayView } from './mission-calendar.dto';
import { MissionCalendarDays } from './mission-calendar.port';
import {
  MissionListQueryDto,
  toMissionView,
  UpdateMissionDto,
  type MissionDetailView,
  type MissionView,
} from './missions.dto';
import { MissionsService } from './missions.service';

/**
 * The missions directory (SPEC.md "HTTP API": hours, calendar, closures, institution id; README.md in
 * this folder). A mission's closures and workdays are the sla module's calendar entries, read and
 * edited through MissionCalendarDays (implemented there), so effective dating and the recomputation
 * of SLA clocks hold.
 */
@ApiTags('missions')
@ApiBearerAuth()
@Controller('api/v1/missions')
export class MissionsController {
  constructor(
    private readonly missions: MissionsService,
    private readonly calendar: MissionCalendarDays,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every mission abroad and ministry desk, with jurisdictions and office hours' })
  @ApiOkResponse({
    description: '{ data: Mission[] } ordered by code (closures: GET /api/v1/missions/{code})',
  })
  async list(@Query() q: MissionListQueryDto): Promise<{ data: MissionView[] }> {
    return { data: (await this.missions.list(q)).map(toMissionView) };
  }

  @Get(':code')
  @ApiOperation({
    summary: 'One mission or desk, with its calendar: time zone, weekend, office hours, closures, workdays',
  })
  @ApiOkResponse({
    description:
      'The mission, plus closures[] and workdays[] ({ id, date, name, source, validFrom, recordedBy }) of its calendar, by date',
  })
  @ApiNotFoundResponse({ description: 'MISSION_NOT_FOUND' })
  async get(@Param('code') code: string): Promise<MissionDetailView> {
    return this.detail(code);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Edit office hours, time zone, weekend, LAPOR! institution id, name, notes, closures or workdays',
    description:
      'Fields set here are recorded in adminEditedFields and never overwritten by re-seeding at boot. ' +
      'closures / workdays take { add: [{ date, name }], remove: [date] } and are effective-dated calendar ' +
      'entries (as /api/v1/calendars/holidays). A change of time zone, weekend or days off moves the due ' +
      'times of open complaints at the next SLA sweep; closed cycles keep their figures.',
  })
  @ApiOkResponse({ description: 'The mission as GET shows it' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (errors[].field, e.g. closures.add.0.date)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: admins only' })
  @ApiNotFoundResponse({ description: 'MISSION_NOT_FOUND' })
  @ApiConflictResponse({ description: 'MISSION_INSTITUTION_ID_TAKEN' })
  async update(
    @Param('code') code: string,
    @Body() body: UpdateMissionDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<MissionDetailView> {
    const { closures, workdays, ...fields } = body;
    // One transaction: an unknown mission, a taken institution id or a refused day changes nothing.
    await this.missions.update(code, fields, (m) =>
      this.calendar.editMissionDays(code, { closure: closures, workday: workdays }, actorOf(who), m),
    );
    return this.detail(code);
  }

  private async detail(code: string): Promise<MissionDetailView> {
    const mission = await this.missions.get(code);
    const days = await this.calendar.missionDays(code);
    return {
      ...toMissionView(mission),
      closures: days.closure.map(toMissionDayView),
      workdays: days.workday.map(toMissionDayView),
    };
  }
}

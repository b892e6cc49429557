import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { actorOf, type Principal } from '../auth/principal';
import { CreateHolidayDto, HolidayListQueryDto, UpdateHolidayDto, type HolidayView } from './holidays.dto';
import { HolidaysService } from './holidays.service';

/** The calendars' holidays, closures and workdays (README.md in this folder, "Calendars"). */
@ApiTags('calendars')
@ApiBearerAuth()
@Controller('api/v1/calendars/holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @Roles('admin', 'monitor', 'supervisor', 'handler')
  @ApiOperation({
    summary:
      'Days off of the national calendar and the missions (effective-dated: asOf shows an earlier state)',
    description:
      'Host-country public holidays come from the date-holidays library and are not listed here; a mission `workday` entry cancels one.',
  })
  @ApiOkResponse({ description: '{ data: Holiday[] } by date' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  async list(@Query() q: HolidayListQueryDto): Promise<{ data: HolidayView[] }> {
    return {
      data: await this.holidays.list({
        scope: q.scope,
        year: q.year,
        asOf: q.asOf ? new Date(q.asOf) : undefined,
      }),
    };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a national holiday, or a closure or workday of a mission' })
  @ApiCreatedResponse({ description: 'The new entry' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, HOLIDAY_SCOPE_UNKNOWN, HOLIDAY_KIND_SCOPE' })
  @ApiConflictResponse({ description: 'HOLIDAY_EXISTS' })
  async create(@Body() body: CreateHolidayDto, @CurrentPrincipal() who: Principal): Promise<HolidayView> {
    return this.holidays.create(body, actorOf(who));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change an entry: the current version is retired and the new one takes effect now',
  })
  @ApiOkResponse({ description: 'The new version' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, HOLIDAY_KIND_SCOPE' })
  @ApiNotFoundResponse({ description: 'HOLIDAY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'HOLIDAY_EXISTS' })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateHolidayDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<HolidayView> {
    return this.holidays.update(id, body, actorOf(who));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Retire an entry (it stays in the history, valid until now)' })
  @ApiOkResponse({ description: 'The retired version' })
  @ApiNotFoundResponse({ description: 'HOLIDAY_NOT_FOUND' })
  async remove(@Param('id') id: string, @CurrentPrincipal() who: Principal): Promise<HolidayView> {
    return this.holidays.remove(id, actorOf(who));
  }
}

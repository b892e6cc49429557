import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, type FieldError } from '../../core/http/domain.errors';
import { actorOf } from '../auth/principal';
import { UpdateMissionDto, type MissionView, toMissionView } from '../missions/missions.dto';
import { MissionsService } from '../missions/missions.service';
import { CreateHolidayDto } from '../sla/holidays.dto';
import { HolidaysService } from '../sla/holidays.service';
import { explain, fieldErrors, pipe, str, type Form } from './console-admin-forms';
import { ConsoleRedirect, signedIn, type ConsoleRequest } from './console-context';
import { ConsoleController, ConsoleRoles } from './console.guard';
import { ConsoleViews } from './console-views.service';

/**
 * The missions' settings and the closures of their calendars (SPEC.md "Users": operations,
 * "missions and calendars"): the same edits as the API's, each a POST form answering 303.
 */
@ApiExcludeController()
@ConsoleController()
@ConsoleRoles('admin')
@Controller('console/admin')
export class ConsoleAdminMissionsController {
  constructor(
    private readonly missions: MissionsService,
    private readonly holidays: HolidaysService,
    private readonly views: ConsoleViews,
  ) {}

  @Get('missions')
  async missionList(@Req() req: ConsoleRequest, @Res() res: Response) {
    const list = (await this.missions.list({})).map(toMissionView);
    this.views.page(req, res, 'admin-missions', { missions: list });
  }

  @Get('missions/:code')
  async missionForm(@Req() req: ConsoleRequest, @Res() res: Response, @Param('code') code: string) {
    await this.missionPage(req, res, code, {});
  }

  /** The same edit as PATCH /api/v1/missions/{code}, with only the fields that changed (each is kept on re-seeding). */
  @Post('missions/:code')
  async updateMission(@Req() req: ConsoleRequest, @Res() res: Response, @Param('code') code: string) {
    const current = toMissionView(await this.missions.get(code));
    const body = (req.body ?? {}) as Form;
    const weekend = ([] as unknown[]).concat(body.weekendDays ?? []).map((d) => Number(d));
    const next: Record<string, unknown> = {
      name: str(body.name),
      laporInstitutionId: str(body.laporInstitutionId) || null,
      officeHours: { open: str(body.open), close: str(body.close) },
      timezone: str(body.timezone),
      weekendDays: [...new Set(weekend)].sort(),
      notes: str(body.notes) || null,
    };
    const edit: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next))
      if (JSON.stringify(v) !== JSON.stringify(current[k as keyof MissionView])) edit[k] = v;
    try {
      const dto = (await pipe.transform(edit, {
        type: 'body',
        metatype: UpdateMissionDto,
      })) as UpdateMissionDto;
      await this.missions.update(code, dto);
    } catch (e) {
      const errors = fieldErrors(e, 'laporInstitutionId');
      await this.missionPage(req, res, code, { form: next }, errors, [], (e as DomainError).status);
      return;
    }
    throw new ConsoleRedirect(`/console/admin/missions/${encodeURIComponent(code)}?done=missionSaved`);
  }

  /** A closure of the mission's calendar (kind `closure`, the same as POST /api/v1/calendars/holidays). */
  @Post('missions/:code/closures')
  async addClosure(@Req() req: ConsoleRequest, @Res() res: Response, @Param('code') code: string) {
    await this.missions.get(code);
    const body = (req.body ?? {}) as Form;
    const closure = { scope: code, date: str(body.date), kind: 'closure', name: str(body.name) };
    try {
      const dto = (await pipe.transform(closure, {
        type: 'body',
        metatype: CreateHolidayDto,
      })) as CreateHolidayDto;
      await this.holidays.create(dto, actorOf(signedIn(req).principal));
    } catch (e) {
      const errors = fieldErrors(e, 'date');
      await this.missionPage(req, res, code, { closure }, [], errors, (e as DomainError).status);
      return;
    }
    throw new ConsoleRedirect(`/console/admin/missions/${encodeURIComponent(code)}?done=closureAdded`);
  }

  @Post('missions/:code/closures/:id/delete')
  async deleteClosure(@Req() req: ConsoleRequest, @Param('code') code: string, @Param('id') id: string) {
    // Only this mission's entries, never the national calendar's, through this page.
    const own = await this.holidays.list({ scope: code });
    if (!own.some((h) => h.id === id))
      throw new DomainError('HOLIDAY_NOT_FOUND', 404, `No current entry ${id} of ${code}.`);
    await this.holidays.remove(id, actorOf(signedIn(req).principal));
    throw new ConsoleRedirect(`/console/admin/missions/${encodeURIComponent(code)}?done=closureDeleted`);
  }

  private async missionPage(
    req: ConsoleRequest,
    res: Response,
    code: string,
    extra: { form?: Record<string, unknown>; closure?: Record<string, string> },
    errors: FieldError[] = [],
    closureErrors: FieldError[] = [],
    status = 200,
  ) {
    const { t } = signedIn(req);
    const mission = toMissionView(await this.missions.get(code));
    const entries = await this.holidays.list({ scope: code });
    this.views.page(
      req,
      res,
      'admin-mission',
      {
        mission,
        form: {
          ...mission,
          laporInstitutionId: mission.laporInstitutionId ?? '',
          notes: mission.notes ?? '',
        },
        closures: entries.filter((h) => h.kind === 'closure' || h.kind === 'workday'),
        closure: { date: '', name: '' },
        ...extra,
        errors: explain(t, 'mission', errors),
        closureErrors: explain(t, 'closure', closureErrors),
      },
      status,
    );
  }
}

import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ValidationFailedError } from '../../core/http/domain.errors';
import { ComplaintScopeService } from '../complaints/complaint-scope.service';
import { MissionsService } from '../missions/missions.service';
import { REGIONS, regionOf } from '../missions/regions';
import { BreachesService } from '../reports/breaches.service';
import { ReportsService } from '../reports/reports.service';
import { signedIn, type ConsoleRequest } from './console-context';
import { ConsoleController, ConsoleRoles } from './console.guard';
import { ConsoleViews } from './console-views.service';

/** The regions a filter may ask for (the reports' list, regions.ts). */
const REGION_CHOICES: readonly string[] = [...REGIONS, 'Lainnya'];
const MISSION = /^[a-z0-9-]{2,40}$/;
const BREACH_PAGE = 50;

/** A query value as one string, or undefined when absent or empty. */
function one(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function checkRegion(region: string | undefined): void {
  if (region !== undefined && !REGION_CHOICES.includes(region))
    throw new ValidationFailedError([{ field: 'region', message: 'must be one of the ministry regions' }]);
}

/**
 * The ministry's pages (SPEC.md "SLA and reports"): every mission with its figures, for monitors
 * and admins, and the open breaches, oldest first, for monitors, admins and supervisors (who see
 * their own mission and its desks, as GET /api/v1/reports/breaches).
 */
@ApiExcludeController()
@ConsoleController()
@Controller('console')
export class ConsoleMinistryController {
  constructor(
    private readonly reports: ReportsService,
    private readonly breaches: BreachesService,
    private readonly missions: MissionsService,
    private readonly scope: ComplaintScopeService,
    private readonly views: ConsoleViews,
  ) {}

  /** Every office with its backlog, open breaches, % within SLA and average follow-up days (KPI report). */
  @Get('missions')
  @ConsoleRoles('monitor', 'admin')
  async missionList(@Req() req: ConsoleRequest, @Res() res: Response) {
    const region = one(req.query.region);
    checkRegion(region);
    const [offices, kpi] = await Promise.all([this.missions.list({}), this.reports.kpi({ region })]);
    const figures = new Map(kpi.byMission.map((b) => [b.missionCode, b]));
    const rows = offices
      .map((o) => ({ office: o, region: regionOf(o), figures: figures.get(o.code) ?? null }))
      .filter((r) => !region || r.region === region)
      .sort(
        (a, b) =>
          REGION_CHOICES.indexOf(a.region) - REGION_CHOICES.indexOf(b.region) ||
          a.office.name.localeCompare(b.office.name, 'id'),
      );
    this.views.page(req, res, 'ministry-missions', {
      rows,
      total: kpi,
      region: region ?? '',
      regions: REGION_CHOICES,
    });
  }

  /** Open breaches, oldest first, with each office's local time and WIB. */
  @Get('breaches')
  @ConsoleRoles('supervisor', 'monitor', 'admin')
  async breachList(@Req() req: ConsoleRequest, @Res() res: Response) {
    const { principal } = signedIn(req);
    const region = one(req.query.region);
    const mission = one(req.query.mission);
    const cursor = one(req.query.cursor);
    checkRegion(region);
    if (mission !== undefined && !MISSION.test(mission))
      throw new ValidationFailedError([{ field: 'mission', message: 'must be a mission code' }]);
    const offices = await this.scope.of(principal);
    const [page, all] = await Promise.all([
      this.breaches.list({ mission, region, offices, limit: BREACH_PAGE, cursor }),
      this.missions.list({}),
    ]);
    const byCode = new Map(all.map((o) => [o.code, o]));
    const now = Date.now();
    const rows = page.data.map((b) => ({
      ...b,
      zone: (b.missionCode && byCode.get(b.missionCode)?.timezone) || 'Asia/Jakarta',
      place: (b.missionCode && byCode.get(b.missionCode)?.city) || null,
      overdueMs: now - Date.parse(b.dueAt),
    }));
    const choices = all
      .filter((o) => !offices || offices.includes(o.code))
      .sort((a, b) => a.name.localeCompare(b.name, 'id'));
    const href = (c?: string | null) => {
      const keep = new URLSearchParams();
      if (mission) keep.set('mission', mission);
      if (region) keep.set('region', region);
      if (c) keep.set('cursor', c);
      return `/console/breaches?${keep.toString()}`;
    };
    this.views.page(req, res, 'ministry-breaches', {
      rows,
      mission: mission ?? '',
      region: region ?? '',
      regions: offices ? [] : REGION_CHOICES,
      missions: choices,
      scoped: offices !== null,
      nextHref: page.nextCursor ? href(page.nextCursor) : null,
      firstHref: cursor ? href() : null,
    });
  }
}

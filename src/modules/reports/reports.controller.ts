import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ComplaintScopeService } from '../complaints/complaint-scope.service';
import { BreachesService } from './breaches.service';
import { BreachQueryDto, PekpppQueryDto, ReportQueryDto } from './reports.dto';
import { ReportsService, totalLabel, type ReportFilter } from './reports.service';

const wantsCsv = (accept?: string) =>
  !!accept && /text\/csv/i.test(accept) && !/application\/json/i.test(accept);

/**
 * The ministry's reports (SPEC.md "SLA and reports", README.md in this folder). Monitors and admins
 * see every office; a supervisor sees their mission and its desks ("mission reports").
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly breaches: BreachesService,
    private readonly scope: ComplaintScopeService,
  ) {}

  @Get('kpi')
  @Roles('monitor', 'admin', 'supervisor')
  @ApiOperation({
    summary:
      'KPIs as of any instant: follow-up time (avg, median, p90; calendar and working days), % within SLA, backlog, counts',
    description:
      'Complaints selected by LAPOR! disposition date (WIB, inclusive). Grouped by mission, region, category and month. CSV (Accept: text/csv) has one row per mission, then a total row (no mission code).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      '{ count, followedUp, avgFollowUpDays, medianFollowUpDays, p90FollowUpDays, avgFollowUpWorkingDays, withinSlaPct, byMission: [...], ... }',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  async kpi(
    @Query() q: ReportQueryDto,
    @CurrentPrincipal() who: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const filter = await this.filter(q, who);
    const report = await this.reports.kpi(filter);
    if (!wantsCsv(accept)) return report;
    // The total row last, as in the PEKPPP recap: no mission code, named for what the filter selected.
    const totalRow = { ...report, missionCode: null, ...totalLabel(filter) };
    return csv(res, 'kpi.csv', [...report.byMission, totalRow], KPI_COLUMNS);
  }

  @Get('sla')
  @Roles('monitor', 'admin', 'supervisor')
  @ApiOperation({
    summary:
      'SLA compliance per office and clock (acknowledgement, first follow-up, completion) as of any instant',
    description:
      'One row per office and clock: total, met, breached, running, compliancePct = met / (met + breached).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      '{ from, to, asOf, data: [{ missionCode, clock, total, met, breached, running, compliancePct }] }',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  async sla(
    @Query() q: ReportQueryDto,
    @CurrentPrincipal() who: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.reports.sla(await this.filter(q, who));
    if (!wantsCsv(accept)) return report;
    return csv(res, 'sla.csv', report.data, [
      'missionCode',
      'missionName',
      'region',
      'clock',
      'total',
      'met',
      'breached',
      'running',
      'compliancePct',
    ]);
  }

  @Get('pekppp')
  @Roles('monitor', 'admin', 'supervisor')
  @ApiOperation({
    summary: 'Annual recap per office for the PEKPPP self-evaluation',
    description:
      'Complaints LAPOR! dispositioned in the year: received, followed up, resolved, % of first follow-ups within the limit, average follow-up days.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ year, asOf, data: [...], total }' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (year is required)' })
  async pekppp(
    @Query() q: PekpppQueryDto,
    @CurrentPrincipal() who: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.reports.pekppp(q.year, q.mission, await this.scope.of(who));
    if (!wantsCsv(accept)) return report;
    return csv(res, `pekppp-${q.year}.csv`, [...report.data, report.total], PEKPPP_COLUMNS);
  }

  @Get('breaches')
  @Roles('monitor', 'admin', 'supervisor')
  @ApiOperation({
    summary: 'Open breaches: SLA clocks past due that have not stopped, oldest first',
    description: 'No reporter data and no complaint text: ids, office, clock, times.',
  })
  @ApiOkResponse({
    description:
      '{ data: [{ complaintId, laporId, trackingId, missionCode, clock, dueAt, breachedAt, overdueHours, ... }], nextCursor }',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, CURSOR_INVALID' })
  async breachList(@Query() q: BreachQueryDto, @CurrentPrincipal() who: Principal) {
    return this.breaches.list({
      mission: q.mission,
      region: q.region,
      offices: await this.scope.of(who),
      limit: q.limit ?? 50,
      cursor: q.cursor,
    });
  }

  private async filter(q: ReportQueryDto, who: Principal): Promise<ReportFilter> {
    return {
      from: q.from,
      to: q.to,
      mission: q.mission,
      region: q.region,
      asOf: q.asOf ? new Date(q.asOf) : undefined,
      offices: await this.scope.of(who),
    };
  }
}

export const KPI_COLUMNS = [
  'missionCode',
  'missionName',
  'region',
  'count',
  'followedUp',
  'avgFollowUpDays',
  'medianFollowUpDays',
  'p90FollowUpDays',
  'avgFollowUpWorkingDays',
  'medianFollowUpWorkingDays',
  'p90FollowUpWorkingDays',
  'withinSlaPct',
  'open',
  'breached',
];

export const PEKPPP_COLUMNS = [
  'missionCode',
  'missionName',
  'region',
  'received',
  'followedUp',
  'resolved',
  'withinLimitPct',
  'avgFollowUpDays',
  'avgFollowUpWorkingDays',
];

function csv(res: Response, filename: string, rows: object[], columns: string[]): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  return stringify(
    rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? '')),
    { header: true, columns },
  );
}

import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionCalendarDays } from '../missions/mission-calendar.port';
import { MissionsModule } from '../missions/missions.module';
import { CalendarService } from './calendar.service';
import { HolidaysController } from './holidays.controller';
import { HolidaysSeeder } from './holidays.seeder';
import { HolidaysService } from './holidays.service';
import { SlaBootstrap } from './sla.bootstrap';
import { SlaQueryService } from './sla-query.service';
import { SlaScheduler } from './sla.scheduler';
import { SlaSweepHandler } from './sla-sweep.handler';
import { SlaAlertsService } from './sla-alerts.service';
import { SlaSweepService } from './sla-sweep.service';

/**
 * The SLA engine (README.md in this folder): owns holidays, sla_clocks and sla_facts. Exports the
 * calendars, the sweep (tests and the CLI run it at chosen times) and the reads of its tables.
 */
@Module({
  imports: [ComplaintsModule, MissionsModule],
  providers: [
    CalendarService,
    HolidaysSeeder,
    SlaBootstrap,
    SlaQueryService,
    SlaScheduler,
    SlaSweepHandler,
    SlaSweepService,
    SlaAlertsService,
  ],
  exports: [CalendarService, HolidaysSeeder, SlaQueryService, SlaSweepService],
})
export class SlaModule {}

/**
 * The calendars' admin API (with ROLE=api or all). It also provides MissionCalendarDays, the closures
 * and workdays GET|PATCH /api/v1/missions/{code} show and edit (MissionsApiModule imports this module;
 * the missions module defines the port).
 */
@Module({
  imports: [SlaModule, ComplaintsModule, MissionsModule],
  controllers: [HolidaysController],
  providers: [HolidaysService, { provide: MissionCalendarDays, useExisting: HolidaysService }],
  // The console's mission pages and the missions API edit closures and workdays through it.
  exports: [HolidaysService, MissionCalendarDays],
})
export class SlaApiModule {}

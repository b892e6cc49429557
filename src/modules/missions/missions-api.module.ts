import { Module } from '@nestjs/common';
import { SlaApiModule } from '../sla/sla.module';
import { MissionsController } from './missions.controller';
import { MissionsModule } from './missions.module';

/**
 * The directory's HTTP API (loaded by the api role only). Its controller also shows and edits a
 * mission's closures and workdays through MissionCalendarDays, which the sla module implements
 * (SlaApiModule). It sits in its own file so that the sla module, which imports MissionsModule, never
 * meets this import of it: no file-level cycle.
 */
@Module({ imports: [MissionsModule, SlaApiModule], controllers: [MissionsController] })
export class MissionsApiModule {}

import { Module } from '@nestjs/common';
import { MissionsBootstrap } from './missions.bootstrap';
import { MissionsController } from './missions.controller';
import { MissionsSeeder } from './missions.seeder';
import { MissionsService } from './missions.service';

/** The missions directory: seeding, reads for other modules, admin edits. */
@Module({
  providers: [MissionsSeeder, MissionsBootstrap, MissionsService],
  exports: [MissionsSeeder, MissionsService],
})
export class MissionsModule {}

/** The directory's HTTP API (loaded by the api role only). */
@Module({ imports: [MissionsModule], controllers: [MissionsController] })
export class MissionsApiModule {}

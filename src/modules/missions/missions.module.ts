import { Module } from '@nestjs/common';
import { MissionsBootstrap } from './missions.bootstrap';
import { MissionsSeeder } from './missions.seeder';
import { MissionsService } from './missions.service';

/** The missions directory: seeding, reads for other modules, admin edits. */
@Module({
  providers: [MissionsSeeder, MissionsBootstrap, MissionsService],
  exports: [MissionsSeeder, MissionsService],
})
export class MissionsModule {}

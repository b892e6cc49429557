import { Module } from '@nestjs/common';
import { MissionsBootstrap } from './missions.bootstrap';
import { MissionsSeeder } from './missions.seeder';
import { MissionsService } from './missions.service';

@Module({
  providers: [MissionsSeeder, MissionsBootstrap, MissionsService],
  exports: [MissionsSeeder, MissionsService],
})
export class MissionsModule {}

import { Module } from '@nestjs/common';
import { MissionsBootstrap } from './missions.bootstrap';
import { MissionsSeeder } from './missions.seeder';

@Module({ providers: [MissionsSeeder, MissionsBootstrap], exports: [MissionsSeeder] })
export class MissionsModule {}

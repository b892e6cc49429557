import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionsModule } from '../missions/missions.module';
import { TemplatesBootstrap } from './templates.bootstrap';
import { TemplatesController } from './templates.controller';
import { TemplatesSeeder } from './templates.seeder';
import { TemplatesService } from './templates.service';

/** Response templates: seeding at boot (every role), reads and admin edits for other modules. */
@Module({
  imports: [ComplaintsModule, MissionsModule],
  providers: [TemplatesSeeder, TemplatesBootstrap, TemplatesService],
  exports: [TemplatesSeeder, TemplatesService],
})
export class TemplatesModule {}

/** The templates' HTTP API (api role only). */
@Module({ imports: [TemplatesModule], controllers: [TemplatesController] })
export class TemplatesApiModule {}

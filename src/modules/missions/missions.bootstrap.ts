import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MissionsSeeder } from './missions.seeder';

/** Seeds the missions directory when the bridge starts (SPEC.md "Commands": npm start). */
@Injectable()
export class MissionsBootstrap implements OnApplicationBootstrap {
  constructor(private readonly seeder: MissionsSeeder) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seeder.seed();
  }
}

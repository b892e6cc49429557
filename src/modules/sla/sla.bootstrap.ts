import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HolidaysSeeder } from './holidays.seeder';

/** Seeds the national calendar when the bridge starts (SPEC.md "Commands": npm start). */
@Injectable()
export class SlaBootstrap implements OnApplicationBootstrap {
  constructor(private readonly seeder: HolidaysSeeder) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seeder.seed();
  }
}

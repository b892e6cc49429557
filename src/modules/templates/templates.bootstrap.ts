import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { TemplatesSeeder } from './templates.seeder';

/** Seeds the response templates when the bridge starts, as the missions directory is seeded. */
@Injectable()
export class TemplatesBootstrap implements OnApplicationBootstrap {
  constructor(private readonly seeder: TemplatesSeeder) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seeder.seed();
  }
}

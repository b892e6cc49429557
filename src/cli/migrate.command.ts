import { Command, CommandRunner } from 'nest-commander';
import { ConfigService } from '../core/config/config.service';
import { runMigrations } from '../core/database/prepare-database';
import { MissionsSeeder } from '../modules/missions/missions.seeder';
import { HolidaysSeeder } from '../modules/sla/holidays.seeder';
import { print } from './print';

@Command({
  name: 'migrate',
  description:
    'Create the database if missing, apply pending migrations (under a lock) and seed reference data',
})
export class MigrateCommand extends CommandRunner {
  constructor(
    private readonly config: ConfigService,
    private readonly seeder: MissionsSeeder,
    private readonly holidays: HolidaysSeeder,
  ) {
    super();
  }

  async run(): Promise<void> {
    const applied = await runMigrations(this.config.get('DATABASE_URL'));
    print(applied.length ? `applied: ${applied.join(', ')}` : 'database schema is up to date');
    const missions = await this.seeder.seed();
    print(`missions directory: ${missions} offices`);
    const days = await this.holidays.seed();
    print(`national calendar: ${days} days added`);
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '../core/config/config.module';
import { ConfigService } from '../core/config/config.service';
import { dataSourceOptions } from '../core/database/data-source-options';
import { MissionsSeeder } from '../modules/missions/missions.seeder';
import { MissionsService } from '../modules/missions/missions.service';
import { TokenService } from '../modules/auth/token.service';
import { MigrateCommand } from './migrate.command';
import { TokenCreateCommand } from './token-create.command';

/** The CLI needs only the database: no Redis, no HTTP, no workers. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => dataSourceOptions(config.get('DATABASE_URL'), { poolSize: 2 }),
    }),
  ],
  providers: [MissionsSeeder, MissionsService, TokenService, MigrateCommand, TokenCreateCommand],
})
export class CliModule {}

import { Module, type DynamicModule } from '@nestjs/common';
import { MissionsModule } from '../missions/missions.module';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { BearerAuthGuard } from './bearer-auth.guard';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { TokenService } from './token.service';

@Module({})
export class AuthModule {
  /** Token service and guard always (a worker's health routes are public); routes only with the API. */
  static register(opts: { api: boolean }): DynamicModule {
    return {
      module: AuthModule,
      imports: [MissionsModule],
      controllers: opts.api ? [AuthController] : [],
      providers: [TokenService, BootstrapAdminService, { provide: APP_GUARD, useClass: BearerAuthGuard }],
      exports: [TokenService],
    };
  }
}

import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { ConfigService } from '../../core/config/config.service';
import { AuditModule } from '../audit/audit.module';
import { MissionsModule } from '../missions/missions.module';
import { AuthController } from './auth.controller';
import { BearerAuthGuard } from './bearer-auth.guard';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { RateLimitGuard, rateLimitOptions } from './rate-limit.guard';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';
import { UserSessionService } from './user-session.service';
import { UserService } from './user.service';

/**
 * Global guards run in the order they are provided: the bearer guard first (it sets
 * req.principal), then the rate limit, which counts per token.
 */
const API_GUARDS: Provider[] = [
  RedisThrottlerStorage,
  { provide: getStorageToken(), useExisting: RedisThrottlerStorage },
  { provide: getOptionsToken(), inject: [ConfigService], useFactory: rateLimitOptions },
  { provide: APP_GUARD, useClass: RateLimitGuard },
];

@Module({})
export class AuthModule {
  /**
   * Token service and bearer guard always (a worker's health routes are public); routes and the
   * rate limit only with the API.
   */
  static register(opts: { api: boolean }): DynamicModule {
    return {
      module: AuthModule,
      // Global: the dashboard (and Bull Board's guard) check tokens and sessions with these services.
      global: true,
      imports: [MissionsModule, AuditModule],
      controllers: opts.api ? [AuthController, TokensController] : [],
      providers: [
        TokenService,
        SessionService,
        UserService,
        UserSessionService,
        BootstrapAdminService,
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        ...(opts.api ? API_GUARDS : []),
      ],
      exports: [TokenService, SessionService, UserService, UserSessionService],
    };
  }
}

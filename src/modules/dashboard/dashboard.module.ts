import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import express from 'express';
import { DashboardLoginController } from './dashboard-login.controller';
import { DashboardController } from './dashboard.controller';
import { QueueBoardService } from './queue-board.service';

/**
 * The ministry dashboard and Bull Board (README.md in this folder). API role only. TokenService and
 * SessionService come from the global AuthModule, QueueRegistry from CoreModule.
 */
@Module({
  controllers: [DashboardLoginController, DashboardController],
  providers: [QueueBoardService],
})
export class DashboardModule implements NestModule {
  /** The sign-in form posts form-urlencoded; the rest of the API reads JSON only (http-app.ts). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }))
      .forRoutes(
        { path: 'dashboard/login', method: RequestMethod.POST },
        { path: 'dashboard/logout', method: RequestMethod.POST },
      );
  }
}

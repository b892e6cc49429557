import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionsModule } from '../missions/missions.module';
import { RouteComplaintHandler } from './route-complaint.handler';
import { RoutingController } from './routing.controller';
import { RoutingScheduler } from './routing.scheduler';
import { RoutingService } from './routing.service';

/** The router, the `routing` queue's processor. */
@Module({
  imports: [ComplaintsModule, MissionsModule],
  providers: [RoutingService, RouteComplaintHandler, RoutingScheduler],
  exports: [RoutingService],
})
export class RoutingModule {}

/** Routing preview and admin re-route over HTTP (api role only). */
@Module({ imports: [RoutingModule], controllers: [RoutingController] })
export class RoutingApiModule {}

import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { MissionsModule } from '../missions/missions.module';
import { RouteComplaintHandler } from './route-complaint.handler';
import { RoutingService } from './routing.service';

@Module({
  imports: [ComplaintsModule, MissionsModule],
  providers: [RoutingService, RouteComplaintHandler],
  exports: [RoutingService],
})
export class RoutingModule {}

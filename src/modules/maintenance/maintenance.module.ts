import { Module } from '@nestjs/common';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { OutboxPurgeHandler } from './outbox-purge.handler';

@Module({ providers: [OutboxPurgeHandler, MaintenanceScheduler] })
export class MaintenanceModule {}

import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from './config/config.module';
import { ConfigService } from './config/config.service';
import { FieldCipher } from './crypto/field-cipher';
import { dataSourceOptions } from './database/data-source-options';
import { LeaseService } from './database/lease.service';
import { loggerParams } from './logging/logger-options';
import { HeartbeatService } from './queue/heartbeat.service';
import { OutboxRelay } from './queue/outbox.relay';
import { OutboxService } from './queue/outbox.service';
import { QueueRegistry } from './queue/queue.registry';
import { WORKER_OPTIONS, WorkerHost } from './queue/worker.host';

/** The core services, provided here and shared with every module. */
const SERVICES = [
  QueueRegistry,
  OutboxService,
  OutboxRelay,
  LeaseService,
  HeartbeatService,
  WorkerHost,
  FieldCipher,
];

/**
 * Plumbing every feature uses, no business rules (STYLE.md "Layout"). The worker parts (relay,
 * consumers, heartbeat) start only when ROLE runs a worker.
 */
@Global()
@Module({
  imports: [
    ConfigModule,
    DiscoveryModule,
    ScheduleModule.forRoot(),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => loggerParams(config.get('LOG_LEVEL')),
    }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => dataSourceOptions(config.get('DATABASE_URL')),
    }),
  ],
  providers: [
    ...SERVICES,
    // BullMQ's defaults (30 s locks); tests override this to see abandoned jobs come back quickly.
    { provide: WORKER_OPTIONS, useValue: {} },
  ],
  exports: [ConfigModule, ...SERVICES],
})
export class CoreModule {}

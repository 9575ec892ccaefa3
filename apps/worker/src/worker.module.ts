import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KINDLING_CONFIG, KindlingConfigModule, type KindlingConfig } from '@kindling/config';
import { dataSourceOptions } from '@kindling/db';
import { LoggerModule } from 'nestjs-pino';
import { BulkWorkerModule } from './bulk/bulk.worker-module.js';
import { CertificatesWorkerModule } from './certificates/certificates.worker-module.js';
import { CountersWorkerModule } from './counters/counters.worker-module.js';
import { EmailWorkerModule } from './email/email.worker-module.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { RemindersWorkerModule } from './reminders/reminders.worker-module.js';
import { PrivacyWorkerModule } from './privacy/privacy.worker-module.js';
import { QueueRuntime } from './runtime/queue-runtime.service.js';

@Module({
  imports: [
    KindlingConfigModule,
    LoggerModule.forRootAsync({
      inject: [KINDLING_CONFIG],
      useFactory: (config: KindlingConfig) => ({ pinoHttp: { level: config.logLevel } }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [KINDLING_CONFIG],
      useFactory: (config: KindlingConfig) => ({
        ...dataSourceOptions({ databaseUrl: config.databaseUrl, poolSize: 10, applicationName: 'kindling-worker' }),
        retryAttempts: 3,
        retryDelay: 1_000,
      }),
    }),
    DiscoveryModule,
    OutboxModule,
    CertificatesWorkerModule,
    EmailWorkerModule,
    BulkWorkerModule,
    CountersWorkerModule,
    RemindersWorkerModule,
    PrivacyWorkerModule,
  ],
  providers: [QueueRuntime],
})
export class WorkerModule {}

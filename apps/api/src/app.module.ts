import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KINDLING_CONFIG, KindlingConfigModule, type KindlingConfig } from '@kindling/config';
import { dataSourceOptions, ReplicaModule } from '@kindling/db';
import { AdminModule } from './admin/admin.module.js';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { CertificatesModule } from './certificates/certificates.module.js';
import { CredentialsModule } from './credentials/credentials.module.js';
import { AuthCommonModule } from './common/auth/auth-common.module.js';
import { KindlingLoggerModule } from './common/logging/logger.module.js';
import { RedisModule } from './common/redis/redis.module.js';
import { CoursesModule } from './courses/courses.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { LearningModule } from './learning/learning.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { BrandingModule } from './branding/branding.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SsoModule } from './sso/sso.module.js';
import { MediaModule } from './media/media.module.js';
import { PeopleModule } from './people/people.module.js';

@Module({
  imports: [
    KindlingConfigModule,
    KindlingLoggerModule,
    TypeOrmModule.forRootAsync({
      inject: [KINDLING_CONFIG],
      useFactory: (config: KindlingConfig) => ({
        ...dataSourceOptions({ databaseUrl: config.databaseUrl, applicationName: 'kindling-api' }),
        retryAttempts: 3,
        retryDelay: 1_000,
      }),
    }),
    // The reports' read replica (DATABASE_REPLICA_URL); without one, REPLICA_DATA_SOURCE is the primary.
    ReplicaModule.forRootAsync({
      inject: [KINDLING_CONFIG],
      useFactory: (config: KindlingConfig) => ({
        databaseUrl: config.databaseReplicaUrl,
        maxLagMs: config.replicaMaxLagMs,
        applicationName: 'kindling-api-replica',
      }),
    }),
    RedisModule,
    AuthCommonModule,
    HealthModule,
    IdentityModule,
    OrganizationsModule,
    BrandingModule,
    CoursesModule,
    LearningModule,
    AssessmentsModule,
    CertificatesModule,
    CredentialsModule,
    ReportsModule,
    AdminModule,
    SsoModule,
    MediaModule,
    PeopleModule,
  ],
})
export class AppModule {}

import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessRepository, SessionsRepository, SessionVersionsModule } from '@kindling/db';
import { AccessService } from './access.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { PolicyGuard } from './policy.guard.js';
import { ScopedAccessInterceptor } from './scoped-access.interceptor.js';

/**
 * The authorization layer, global: the policy guard on every route, the scoped-access
 * interceptor for @Scoped routes, and AccessService for services.
 */
@Global()
@Module({
  imports: [PassportModule, SessionVersionsModule],
  providers: [
    JwtStrategy,
    SessionsRepository,
    AccessRepository,
    AccessService,
    { provide: APP_GUARD, useClass: PolicyGuard },
    { provide: APP_INTERCEPTOR, useClass: ScopedAccessInterceptor },
  ],
  exports: [AccessService],
})
export class AuthCommonModule {}

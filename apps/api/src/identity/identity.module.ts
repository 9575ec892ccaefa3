import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ScopedAccessInterceptor } from './access/scoped-access.interceptor.js';
import { AdminBootstrap } from './admin-bootstrap.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { InvitationService } from './invitation.service.js';
import { MeController } from './me.controller.js';
import { MetaController } from './meta.controller.js';
import { PasswordHasher } from './password-hasher.service.js';
import { PupilCredentials } from './pupil-credentials.js';
import { RateLimiter } from './rate-limit/rate-limiter.service.js';
import { SessionTokens } from './session-tokens.service.js';
import { UserDirectory } from './user-directory.service.js';

/**
 * Sign-in, sessions, the caller's profile, platform roles, invitations and password reset.
 * Exports for other contexts: InvitationService (invitation e-mails in the caller's
 * transaction), PupilCredentials (pupil codes and user names), RateLimiter, PasswordHasher.
 * Registers the global ScopedAccessInterceptor: @Scoped routes answer 404 before any body
 * validation when the declared access rule does not reach the object.
 */
@Module({
  imports: [JwtModule.register({})],
  controllers: [AuthController, MeController, MetaController],
  providers: [
    { provide: APP_INTERCEPTOR, useClass: ScopedAccessInterceptor },
    AuthService,
    SessionTokens,
    PasswordHasher,
    RateLimiter,
    UserDirectory,
    InvitationService,
    PupilCredentials,
    AdminBootstrap,
  ],
  exports: [InvitationService, PupilCredentials, RateLimiter, PasswordHasher, UserDirectory],
})
export class IdentityModule {}

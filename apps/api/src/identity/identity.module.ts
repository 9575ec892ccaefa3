import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { IdentityProvidersRepository, OneTimeTokensRepository, SessionsRepository, UsersRepository } from '@kindling/db';
import { EnrolmentModule } from '@kindling/enrolment';
import { AdminBootstrap } from './admin-bootstrap.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { MeController } from './me.controller.js';
import { MetaController } from './meta.controller.js';
import { PasswordHasher } from './password-hasher.service.js';
import { PupilCredentials } from './pupil-credentials.js';
import { RateLimiter } from './rate-limit/rate-limiter.service.js';
import { RefreshChecks } from './refresh-checks.js';
import { SessionTokens } from './session-tokens.service.js';
import { UserDirectory } from './user-directory.service.js';

/**
 * Sign-in, sessions, the caller's profile, platform roles, invitations and password reset.
 * Exports for other contexts: EnrolmentModule (InvitationService: invitation e-mails in the
 * caller's transaction), PupilCredentials (pupil codes and user names), RateLimiter, PasswordHasher.
 */
@Module({
  imports: [JwtModule.register({}), EnrolmentModule],
  controllers: [AuthController, MeController, MetaController],
  providers: [
    AuthService,
    SessionTokens,
    RefreshChecks,
    PasswordHasher,
    RateLimiter,
    UserDirectory,
    PupilCredentials,
    AdminBootstrap,
    UsersRepository,
    SessionsRepository,
    OneTimeTokensRepository,
    IdentityProvidersRepository,
  ],
  exports: [EnrolmentModule, PupilCredentials, RateLimiter, PasswordHasher, UserDirectory, UsersRepository, SessionTokens, RefreshChecks],
})
export class IdentityModule {}

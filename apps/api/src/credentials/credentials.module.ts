import { Module } from '@nestjs/common';
import { CredentialService } from '@kindling/credentials';
import { BrandingRepository, CredentialsRepository } from '@kindling/db';
import { RateLimiter } from '../identity/rate-limit/rate-limiter.service.js';
import { CredentialsController } from './credentials.controller.js';

@Module({
  controllers: [CredentialsController],
  providers: [CredentialsRepository, BrandingRepository, CredentialService, RateLimiter],
})
export class CredentialsModule {}

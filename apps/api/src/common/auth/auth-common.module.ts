import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { JwtStrategy } from './jwt.strategy.js';
import { PolicyGuard } from './policy.guard.js';

/** Registers the policy guard globally: no route escapes it. */
@Global()
@Module({
  imports: [PassportModule],
  providers: [JwtStrategy, { provide: APP_GUARD, useClass: PolicyGuard }],
})
export class AuthCommonModule {}

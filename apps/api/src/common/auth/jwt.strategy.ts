import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AccessTokenClaims } from './actor.js';

export const ACCESS_COOKIE = 'kindling_at';
export const REFRESH_COOKIE = 'kindling_rt';

const fromCookie = (req: Request): string | null => {
  const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
  return cookies?.[ACCESS_COOKIE] ?? null;
};

/**
 * Verifies the access token: HS256 only (the algorithm is pinned, so `alg: none` and
 * key-confusion tokens fail), issuer, audience and expiry checked. The bearer header wins
 * over the cookie.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(KINDLING_CONFIG) config: KindlingConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), fromCookie]),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      ignoreExpiration: false,
    });
  }

  validate(payload: AccessTokenClaims): AccessTokenClaims {
    return payload;
  }
}

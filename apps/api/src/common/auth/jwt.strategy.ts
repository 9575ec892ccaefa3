import { createSecretKey } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { SessionsRepository } from '@kindling/db';
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
 * over the cookie. A token naming a session family (`fam`) that was revoked — logout,
 * password reset, a replayed refresh token — stops working at once, not at its expiry.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(KINDLING_CONFIG) config: KindlingConfig,
    private readonly sessions: SessionsRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), fromCookie]),
      // A KeyObject, not a string: jsonwebtoken otherwise tries (and fails) to parse the
      // secret as a public key on every verification, about 0.5 ms of CPU per request.
      // (passport-jwt's types predate KeyObject; jsonwebtoken, which it calls, takes one.)
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      ignoreExpiration: false,
    });
  }

  async validate(payload: AccessTokenClaims & { exp?: unknown }): Promise<AccessTokenClaims> {
    // Only tokens as Kindling mints them: passport-jwt checks `exp` only when present, and a token without one would never expire.
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new UnauthorizedException('the access token is malformed');
    if (typeof payload.fam === 'string') {
      if (await this.sessions.isFamilyRevoked(payload.fam)) throw new UnauthorizedException('this session has ended; sign in again');
    }
    return payload;
  }
}

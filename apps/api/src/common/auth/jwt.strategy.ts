import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { SessionsRepository, SessionVersions } from '@kindling/db';
import { type AccessTokenClaims, actorFromClaims, type VerifiedClaims } from './actor.js';
import { msg, DomainError } from '@kindling/common';

export const ACCESS_COOKIE = 'kindling_at';
export const REFRESH_COOKIE = 'kindling_rt';
const ENDED = msg('errors.auth.sessionEnded');

const fromCookie = (req: Request): string | null => {
  const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
  return cookies?.[ACCESS_COOKIE] ?? null;
};

/**
 * Verifies the access token: HS256 only (the algorithm is pinned, so `alg: none` and
 * key-confusion tokens fail), issuer, audience and expiry checked. The bearer header wins
 * over the cookie. A token naming a session family (`fam`) that was revoked — logout,
 * password reset, a replayed refresh token — stops working at once, not at its expiry.
 *
 * A token Kindling issued carries the caller's roles and memberships with the session store's
 * epoch and the user's version (`ep`, `mv`). One Redis MGET (SessionVersions.check) tells
 * whether its session was revoked and whether those claims are still current; only when they
 * are not — a role or membership changed, Redis lost its data or does not answer — are the
 * revocation and the actor read from PostgreSQL, as for tokens without a stamp.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(KINDLING_CONFIG) config: KindlingConfig,
    private readonly sessions: SessionsRepository,
    private readonly versions: SessionVersions,
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

  async validate(payload: AccessTokenClaims & { exp?: unknown }): Promise<VerifiedClaims> {
    // Only tokens as Kindling mints them: passport-jwt checks `exp` only when present, and a token without one would never expire.
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new DomainError('unauthenticated', msg('errors.auth.tokenMalformed'));
    const fam = typeof payload.fam === 'string' ? payload.fam : undefined;
    if (typeof payload.ep === 'string' && typeof payload.mv === 'string') {
      const check = await this.versions.check(payload.sub, fam, { ep: payload.ep, mv: payload.mv });
      if (check === 'revoked') throw new DomainError('unauthenticated', ENDED);
      const actor = check === 'current' ? actorFromClaims(payload) : null;
      if (actor) return { ...payload, actor };
    }
    if (fam !== undefined && (await this.sessions.isFamilyRevoked(fam))) throw new DomainError('unauthenticated', ENDED);
    return payload;
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { SessionsRepository, SessionVersions } from '@kindling/db';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import { type AccessTokenClaims, MAX_MEMBERSHIPS_IN_TOKEN } from '../common/auth/actor.js';
import { hashToken, newSecretToken } from './one-time-token.js';

export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  familyId: string;
}

/**
 * Access tokens (HS256 JWT: sub, fam, the caller's roles and memberships with the session
 * store's stamp; issuer, audience and expiry from the configuration) and rotating refresh
 * tokens. A refresh token is used once: presenting it again means it was stolen or replayed,
 * and the whole family is revoked. Every revocation is also marked in Redis (SessionVersions),
 * which the JWT strategy reads instead of PostgreSQL.
 */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    private readonly versions: SessionVersions,
    private readonly access: AccessService,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  /**
   * The stamp is read before the actor, and versions change only after a change commits: a
   * token can therefore carry an older actor only under an older version, which the strategy
   * then refuses to trust. Without a stamp (Redis away) the token is checked in PostgreSQL.
   */
  async signAccess(userId: string, familyId: string, em?: EntityManager): Promise<string> {
    const claims: AccessTokenClaims = { sub: userId, fam: familyId };
    const stamp = await this.versions.stamp(userId);
    const actor = stamp ? await this.access.actor(userId, em) : null;
    if (stamp && actor && actor.memberships.size <= MAX_MEMBERSHIPS_IN_TOKEN) {
      Object.assign(claims, { rol: actor.platformRoles, mem: Object.fromEntries(actor.memberships), ep: stamp.ep, mv: stamp.mv });
    }
    return this.jwt.sign(claims, {
      secret: this.config.jwtSecret,
      algorithm: 'HS256',
      issuer: this.config.jwtIssuer,
      audience: this.config.jwtAudience,
      expiresIn: this.config.accessTokenTtlSeconds,
    });
  }

  /** Starts a new family (a sign-in). */
  async startSession(em: EntityManager, userId: string): Promise<IssuedSession> {
    const familyId = randomUUID();
    const refreshToken = await this.insertRefresh(em, userId, familyId);
    return { accessToken: await this.signAccess(userId, familyId, em), refreshToken, familyId };
  }

  /**
   * Rotates: marks the presented token used and issues the next one in its family. An
   * already used token revokes the family. Returns the outcome instead of throwing so the
   * revocation commits; the caller answers 401 for `reused` and `invalid`.
   */
  async rotate(
    em: EntityManager,
    presented: string,
  ): Promise<({ outcome: 'rotated'; userId: string } & IssuedSession) | { outcome: 'reused' | 'invalid' }> {
    const hash = hashToken(presented);
    const row = await this.sessions.claim(hash, em);
    if (!row) {
      const reused = await this.sessions.revokeFamilyOfUsed(hash, em);
      if (reused) await this.versions.sessionsRevoked([reused]);
      return { outcome: reused ? 'reused' : 'invalid' };
    }
    const refreshToken = await this.insertRefresh(em, row.userId, row.familyId);
    return {
      outcome: 'rotated',
      userId: row.userId,
      familyId: row.familyId,
      refreshToken,
      accessToken: await this.signAccess(row.userId, row.familyId, em),
    };
  }

  async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await this.sessions.revokeFamily(familyId, em);
    await this.versions.sessionsRevoked([familyId]);
  }

  /** Logout: ends the given families (no-op for none). */
  async revokeFamilies(familyIds: string[]): Promise<void> {
    if (familyIds.length === 0) return;
    await this.sessions.revokeFamilies(familyIds);
    await this.versions.sessionsRevoked(familyIds);
  }

  /** The family of a refresh token, so logout can revoke the cookie's family too. */
  familyOf(refreshToken: string): Promise<string | null> {
    return this.sessions.familyOf(hashToken(refreshToken));
  }

  /** Ends every session of the user (password reset, accepted invitation); marked in Redis at once. */
  async revokeAllOfUser(em: EntityManager, userId: string): Promise<void> {
    const families = await this.sessions.revokeAllOfUser(userId, em);
    await this.versions.sessionsRevoked(families);
  }

  private async insertRefresh(em: EntityManager, userId: string, familyId: string): Promise<string> {
    const token = newSecretToken();
    await this.sessions.insert(userId, familyId, hashToken(token), this.config.refreshTokenTtlSeconds, em);
    return token;
  }
}

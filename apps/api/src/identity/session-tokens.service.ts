import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { SessionsRepository } from '@kindling/db';
import type { EntityManager } from 'typeorm';
import type { AccessTokenClaims } from '../common/auth/actor.js';
import { hashToken, newSecretToken } from './one-time-token.js';

export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  familyId: string;
}

/**
 * Access tokens (HS256 JWT: sub, fam; issuer, audience and expiry from the configuration)
 * and rotating refresh tokens. A refresh token is used once: presenting it again means it
 * was stolen or replayed, and the whole family is revoked.
 */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  signAccess(userId: string, familyId: string): string {
    const claims: AccessTokenClaims = { sub: userId, fam: familyId };
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
    return { accessToken: this.signAccess(userId, familyId), refreshToken, familyId };
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
      return { outcome: reused ? 'reused' : 'invalid' };
    }
    const refreshToken = await this.insertRefresh(em, row.userId, row.familyId);
    return { outcome: 'rotated', userId: row.userId, familyId: row.familyId, refreshToken, accessToken: this.signAccess(row.userId, row.familyId) };
  }

  async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await this.sessions.revokeFamily(familyId, em);
  }

  /** Logout: ends the given families (no-op for none). */
  async revokeFamilies(familyIds: string[]): Promise<void> {
    if (familyIds.length === 0) return;
    await this.sessions.revokeFamilies(familyIds);
  }

  /** The family of a refresh token, so logout can revoke the cookie's family too. */
  familyOf(refreshToken: string): Promise<string | null> {
    return this.sessions.familyOf(hashToken(refreshToken));
  }

  async revokeAllOfUser(em: EntityManager, userId: string): Promise<void> {
    await this.sessions.revokeAllOfUser(userId, em);
  }

  private async insertRefresh(em: EntityManager, userId: string, familyId: string): Promise<string> {
    const token = newSecretToken();
    await this.sessions.insert(userId, familyId, hashToken(token), this.config.refreshTokenTtlSeconds, em);
    return token;
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { EntityManager } from 'typeorm';
import type { AccessTokenClaims } from '../common/auth/actor.js';
import { queryRows } from '@kindling/db';
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
    const claimed = await queryRows<{ user_id: string; family_id: string }>(
      em,
      `UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, family_id`,
      [hash],
    );
    const row = claimed[0];
    if (!row) {
      const reused = await queryRows<{ id: string }>(
        em,
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL)
            AND revoked_at IS NULL RETURNING id`,
        [hash],
      );
      return { outcome: reused.length > 0 ? 'reused' : 'invalid' };
    }
    const refreshToken = await this.insertRefresh(em, row.user_id, row.family_id);
    return { outcome: 'rotated', userId: row.user_id, familyId: row.family_id, refreshToken, accessToken: this.signAccess(row.user_id, row.family_id) };
  }

  async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  async revokeAllOfUser(em: EntityManager, userId: string): Promise<void> {
    await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  private async insertRefresh(em: EntityManager, userId: string, familyId: string): Promise<string> {
    const token = newSecretToken();
    await em.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [userId, familyId, hashToken(token), this.config.refreshTokenTtlSeconds],
    );
    return token;
  }
}

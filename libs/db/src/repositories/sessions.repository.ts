import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** A refresh token claimed by rotation: whose it is and which session family it continues. */
export interface ClaimedRefresh {
  userId: string;
  familyId: string;
}

/**
 * Sessions: the rotating refresh tokens (`refresh_tokens`), grouped in families (one family
 * per sign-in). Tokens are stored only as hashes; callers hash before asking. Revoking a
 * family ends every access token naming it (callers mark it in Redis through SessionVersions;
 * the JWT strategy falls back to `isFamilyRevoked`).
 */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new refresh token of a family, valid for `ttlSeconds`. */
  async insert(userId: string, familyId: string, tokenHash: string, ttlSeconds: number, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [userId, familyId, tokenHash, ttlSeconds],
    );
  }

  /** Marks a live, unused token used (rotation); null when it is unknown, used, revoked or expired. */
  async claim(tokenHash: string, db: Db = this.dataSource): Promise<ClaimedRefresh | null> {
    const row = await queryFirst<{ user_id: string; family_id: string }>(
      db,
      `UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          -- a session started by an identity provider ends with the provider's session
          AND NOT EXISTS (SELECT 1 FROM external_sessions x WHERE x.family_id = refresh_tokens.family_id AND x.expires_at <= now())
        RETURNING user_id, family_id`,
      [tokenHash],
    );
    return row ? { userId: row.user_id, familyId: row.family_id } : null;
  }

  /** A used token presented again: revokes its whole family. The family when anything was revoked (a replay), else null. */
  async revokeFamilyOfUsed(tokenHash: string, db: Db = this.dataSource): Promise<string | null> {
    const revoked = await queryRows<{ family_id: string }>(
      db,
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL)
          AND revoked_at IS NULL RETURNING family_id`,
      [tokenHash],
    );
    return revoked[0]?.family_id ?? null;
  }

  async revokeFamily(familyId: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  /** Logout: the families of the presented access and refresh tokens. */
  async revokeFamilies(familyIds: string[], db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`, [familyIds]);
  }

  /** Revokes every live session of the user; answers the families it ended (for the Redis markers). */
  async revokeAllOfUser(userId: string, db: Db = this.dataSource): Promise<string[]> {
    return this.revokeAllOfUsers([userId], db);
  }

  async revokeAllOfUsers(userIds: string[], db: Db = this.dataSource): Promise<string[]> {
    const rows = await queryRows<{ family_id: string }>(
      db,
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL RETURNING family_id`,
      [userIds],
    );
    return [...new Set(rows.map((r) => r.family_id))];
  }

  /** The family of a refresh token (by hash), or null. */
  async familyOf(tokenHash: string, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ family_id: string }>(db, `SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
    return row?.family_id ?? null;
  }

  /** True once any token of the family was revoked (logout, password reset, a replayed refresh token). */
  async isFamilyRevoked(familyId: string, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM refresh_tokens WHERE family_id = $1::uuid AND revoked_at IS NOT NULL LIMIT 1`, [familyId]);
    return rows.length > 0;
  }
}

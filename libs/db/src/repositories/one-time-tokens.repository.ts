import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OneTimeTokenKind } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** A link token looked up by its hash, with the account it belongs to. */
export interface PresentedToken {
  id: string;
  userId: string;
  usedAt: Date | null;
  expired: boolean;
  email: string | null;
  name: string;
}

/** A token whose secret was just minted: what the e-mail needs. */
export interface MintedToken {
  kind: OneTimeTokenKind;
  email: string | null;
  name: string;
  organizationName: string | null;
}

/** How long a single link lives; a whole number of minutes, hours or days. */
export type TokenLifetime = { minutes: number } | { hours: number } | { days: number };

function interval(ttl: TokenLifetime): string {
  const [unit, amount] = 'minutes' in ttl ? ['mins', ttl.minutes] : 'hours' in ttl ? ['hours', ttl.hours] : ['days', ttl.days];
  if (!Number.isInteger(amount) || amount <= 0) throw new Error(`a token lifetime must be a positive whole number, not ${amount}`);
  return `make_interval(${unit} => ${amount})`;
}

/**
 * Single-use, expiring link tokens (`one_time_tokens`): invitations, password resets, e-mail
 * verifications. A row starts with `token_hash` NULL; the e-mail worker mints the secret once
 * (`mint`) and only its hash is stored. Every write may run in the caller's transaction.
 */
@Injectable()
export class OneTimeTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Invitation tokens with ids chosen by the caller (set-based: a CSV of thousands in one statement). */
  async insertInvitations(
    invitations: { id: string; userId: string; organizationId: string }[],
    ttlDays: number,
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(
      `INSERT INTO one_time_tokens (id, kind, user_id, organization_id, token_hash, expires_at)
       SELECT t.id, 'invitation', t.user_id, t.organization_id, NULL, now() + make_interval(days => $4)
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS t(id, user_id, organization_id)`,
      [invitations.map((i) => i.id), invitations.map((i) => i.userId), invitations.map((i) => i.organizationId), ttlDays],
    );
  }

  /** One unminted token of an account; returns its id. */
  async insert(kind: OneTimeTokenKind, userId: string, ttl: TokenLifetime, db: Db = this.dataSource): Promise<string> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO one_time_tokens (kind, user_id, token_hash, expires_at) VALUES ($1, $2, NULL, now() + ${interval(ttl)}) RETURNING id`,
      [kind, userId],
    );
    return row!.id;
  }

  /**
   * One outbox row per token (`{kind, tokenId, locale}`, dedupe key = the token id), the locale
   * read from the recipient's account: the e-mail is sent exactly when the token exists.
   */
  async writeEmailOutbox(topic: string, kind: OneTimeTokenKind, tokenIds: string[], db: Db = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO outbox (topic, dedupe_key, payload)
       SELECT $1, t.id::text, jsonb_build_object('kind', $2::text, 'tokenId', t.id, 'locale', u.locale)
         FROM one_time_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.id = ANY($3::uuid[])
       ON CONFLICT ON CONSTRAINT uq_outbox_topic_key DO NOTHING`,
      [topic, kind, tokenIds],
    );
  }

  /** The token with this hash and kind, with its account; null when there is none. */
  async findByHash(tokenHash: string, kind: OneTimeTokenKind, db: Db = this.dataSource): Promise<PresentedToken | null> {
    const row = await queryFirst<{ id: string; user_id: string; used_at: Date | null; expired: boolean; email: string | null; name: string }>(
      db,
      `SELECT t.id, t.user_id, t.used_at, t.expires_at <= now() AS expired, u.email, u.name
         FROM one_time_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.kind = $2`,
      [tokenHash, kind],
    );
    return row ? { id: row.id, userId: row.user_id, usedAt: row.used_at, expired: row.expired, email: row.email, name: row.name } : null;
  }

  /** Uses a token once: false when it was already used or has expired meanwhile. */
  async use(tokenId: string, db: Db = this.dataSource): Promise<boolean> {
    const used = await queryRows<{ id: string }>(
      db,
      `UPDATE one_time_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [tokenId],
    );
    return used.length > 0;
  }

  /** Every open token of one kind of an account stops working (only the newest link counts, or the account is done with them). */
  async retireOpen(userId: string, kind: OneTimeTokenKind, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND kind = $2 AND used_at IS NULL`, [userId, kind]);
  }

  /** The pending verification and reset links of these accounts stop working. */
  async retireVerificationAndResetLinks(userIds: string[], db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE one_time_tokens SET used_at = now()
        WHERE user_id = ANY($1::uuid[]) AND kind IN ('email_verification', 'password_reset') AND used_at IS NULL`,
      [userIds],
    );
  }

  /**
   * Stores the hash of a freshly minted secret, only for a token that was never minted, is
   * unused and unexpired; returns what the e-mail needs, or null (minted already, used, expired).
   */
  async mint(tokenId: string, tokenHash: string, db: Db = this.dataSource): Promise<MintedToken | null> {
    const row = await queryFirst<{ kind: OneTimeTokenKind; email: string | null; name: string; organization_name: string | null }>(
      db,
      `UPDATE one_time_tokens t SET token_hash = $2
         FROM users u
        WHERE t.id = $1 AND u.id = t.user_id
          AND t.token_hash IS NULL AND t.used_at IS NULL AND t.expires_at > now()
        RETURNING t.kind, u.email, u.name, (SELECT o.name FROM organizations o WHERE o.id = t.organization_id) AS organization_name`,
      [tokenId, tokenHash],
    );
    return row ? { kind: row.kind, email: row.email, name: row.name, organizationName: row.organization_name } : null;
  }

  /** Takes a minted secret back (its e-mail was not sent): the token is unminted again. */
  async unmint(tokenId: string, tokenHash: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE one_time_tokens SET token_hash = NULL WHERE id = $1 AND token_hash = $2 AND used_at IS NULL`, [tokenId, tokenHash]);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale, OrganizationRole } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** An account met by e-mail at a first external sign-in. */
export interface AccountByEmail {
  id: string;
  verified: boolean;
  hasPassword: boolean;
  isPupil: boolean;
}

/** The profile a provider asserted, kept while a link waits for the account's password. */
export interface AssertedProfile {
  email: string;
  name: string;
  employeeNumber: string | null;
  role: OrganizationRole | null;
}

/**
 * External sign-in, whatever the protocol: the single-use redirect attempts
 * (`sso_sign_in_attempts`), identities at providers (`external_identities`), links waiting
 * for a password (`sso_link_requests`), the accounts and memberships they create, and the
 * provider-bounded session families (`external_sessions`) that refresh checks.
 */
@Injectable()
export class ExternalSignInRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ----- redirect attempts -----

  async startAttempt(
    input: { providerId: string; stateHash: string; nonce: string; codeVerifier: string; returnTo: string | null; ttlSeconds: number },
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(
      `INSERT INTO sso_sign_in_attempts (provider_id, state_hash, nonce, code_verifier, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [input.providerId, input.stateHash, input.nonce, input.codeVerifier, input.returnTo, input.ttlSeconds],
    );
    // Old attempts are of no use to anyone.
    await db.query(`DELETE FROM sso_sign_in_attempts WHERE expires_at < now() - interval '1 day'`);
  }

  /** Uses an attempt once. `expired`/`used` tell a stale link from a forged state (null). */
  async useAttempt(
    stateHash: string,
    db: Db = this.dataSource,
  ): Promise<{ outcome: 'ok'; providerId: string; nonce: string; codeVerifier: string; returnTo: string | null } | { outcome: 'expired' | 'used' } | null> {
    const used = await queryFirst<{ provider_id: string; nonce: string; code_verifier: string; return_to: string | null }>(
      db,
      `UPDATE sso_sign_in_attempts SET used_at = now() WHERE state_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING provider_id, nonce, code_verifier, return_to`,
      [stateHash],
    );
    if (used) return { outcome: 'ok', providerId: used.provider_id, nonce: used.nonce, codeVerifier: used.code_verifier, returnTo: used.return_to };
    const stale = await queryFirst<{ used: boolean }>(db, `SELECT used_at IS NOT NULL AS used FROM sso_sign_in_attempts WHERE state_hash = $1`, [stateHash]);
    if (!stale) return null;
    return { outcome: stale.used ? 'used' : 'expired' };
  }

  // ----- identities and accounts -----

  async userOfIdentity(providerId: string, subject: string, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ user_id: string }>(db, `SELECT user_id FROM external_identities WHERE provider_id = $1 AND subject = $2`, [providerId, subject]);
    return row?.user_id ?? null;
  }

  /** The account's e-mail (null for pupils); undefined when there is no such account. */
  async emailOf(userId: string, db: Db = this.dataSource): Promise<string | null | undefined> {
    const row = await queryFirst<{ email: string | null }>(db, `SELECT email FROM users WHERE id = $1`, [userId]);
    return row ? row.email : undefined;
  }

  /** Locks the account with this e-mail (first sign-ins of the same address wait for each other). */
  async lockAccountByEmail(email: string, db: Db = this.dataSource): Promise<AccountByEmail | null> {
    const row = await queryFirst<{ id: string; verified: boolean; has_password: boolean; is_pupil: boolean }>(
      db,
      `SELECT id, email_verified_at IS NOT NULL AS verified, password_hash IS NOT NULL AS has_password, is_pupil
         FROM users WHERE lower(email) = lower($1) FOR UPDATE`,
      [email],
    );
    return row ? { id: row.id, verified: row.verified, hasPassword: row.has_password, isPupil: row.is_pupil } : null;
  }

  /** A new account proven by the provider: verified, without a password. Null when the e-mail was taken meanwhile. */
  async createAccount(input: { email: string; name: string; locale: Locale }, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO users (email, name, locale, email_verified_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO NOTHING RETURNING id`,
      [input.email, input.name, input.locale],
    );
    return row?.id ?? null;
  }

  /** An unverified password account of an address the provider vouches for: its password goes, the address is now proven. */
  async takeOver(userId: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE users SET password_hash = NULL, email_verified_at = now(), updated_at = now() WHERE id = $1`, [userId]);
    await db.query(`UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }

  async linkIdentity(
    input: { providerId: string; subject: string; userId: string; email: string; employeeNumber: string | null },
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(
      `INSERT INTO external_identities (provider_id, subject, user_id, email, employee_number, last_sign_in_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT ON CONSTRAINT uq_external_identities_subject
       DO UPDATE SET email = EXCLUDED.email, employee_number = EXCLUDED.employee_number, last_sign_in_at = now()`,
      [input.providerId, input.subject, input.userId, input.email, input.employeeNumber],
    );
  }

  /** The provider is the source of the name: display name and certificate name follow it at each sign-in. */
  async refreshName(userId: string, name: string, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE users SET name = $2, certificate_name = $2, updated_at = now() WHERE id = $1 AND (name IS DISTINCT FROM $2 OR certificate_name IS DISTINCT FROM $2)`,
      [userId, name],
    );
  }

  /**
   * The membership the provider grants: created as `role` (learner unless a group says manager);
   * with a group claim configured (`role` given explicitly) an existing role follows it too.
   * True when anything changed.
   */
  async applyMembership(organizationId: string, userId: string, role: OrganizationRole, roleFromGroups: boolean, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      roleFromGroups
        ? `INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT ON CONSTRAINT uq_memberships_org_user DO UPDATE SET role = EXCLUDED.role WHERE memberships.role <> EXCLUDED.role RETURNING id`
        : `INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT ON CONSTRAINT uq_memberships_org_user DO NOTHING RETURNING id`,
      [organizationId, userId, role],
    );
    return rows.length > 0;
  }

  async employeeNumbers(userId: string, db: Db = this.dataSource): Promise<{ organizationId: string; employeeNumber: string }[]> {
    return queryRows(
      db,
      `SELECT p.organization_id AS "organizationId", i.employee_number AS "employeeNumber"
         FROM external_identities i JOIN identity_providers p ON p.id = i.provider_id
        WHERE i.user_id = $1 AND i.employee_number IS NOT NULL`,
      [userId],
    );
  }

  // ----- links waiting for the account's password -----

  async createLinkRequest(
    input: { tokenHash: string; providerId: string; userId: string; subject: string; profile: AssertedProfile; ttlSeconds: number },
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(
      `INSERT INTO sso_link_requests (token_hash, provider_id, user_id, subject, profile, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [input.tokenHash, input.providerId, input.userId, input.subject, JSON.stringify(input.profile), input.ttlSeconds],
    );
  }

  /** Uses a live link request of this account once. */
  async useLinkRequest(tokenHash: string, userId: string, db: Db = this.dataSource): Promise<{ providerId: string; subject: string; profile: AssertedProfile } | null> {
    const row = await queryFirst<{ provider_id: string; subject: string; profile: AssertedProfile }>(
      db,
      `UPDATE sso_link_requests SET used_at = now() WHERE token_hash = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING provider_id, subject, profile`,
      [tokenHash, userId],
    );
    return row ? { providerId: row.provider_id, subject: row.subject, profile: row.profile } : null;
  }

  // ----- provider-bounded sessions -----

  async recordSession(
    input: { familyId: string; providerId: string; userId: string; expiresAt: Date; logoutHintSealed: string | null; providerRefreshSealed: string | null },
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(
      `INSERT INTO external_sessions (family_id, provider_id, user_id, expires_at, logout_hint_sealed, provider_refresh_sealed) VALUES ($1, $2, $3, $4, $5, $6)`,
      [input.familyId, input.providerId, input.userId, input.expiresAt, input.logoutHintSealed, input.providerRefreshSealed],
    );
  }

  /** The provider rotated its refresh token: the next check uses the new one. */
  async replaceProviderRefresh(familyId: string, providerRefreshSealed: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE external_sessions SET provider_refresh_sealed = $2 WHERE family_id = $1`, [familyId, providerRefreshSealed]);
  }

  async sessionOfFamily(
    familyId: string,
    db: Db = this.dataSource,
  ): Promise<{ providerId: string; userId: string; expiresAt: Date; logoutHintSealed: string | null; providerRefreshSealed: string | null } | null> {
    return queryFirst(
      db,
      `SELECT provider_id AS "providerId", user_id AS "userId", expires_at AS "expiresAt", logout_hint_sealed AS "logoutHintSealed",
              provider_refresh_sealed AS "providerRefreshSealed"
         FROM external_sessions WHERE family_id = $1`,
      [familyId],
    );
  }
}

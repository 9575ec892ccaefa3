import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale, OrganizationRole, PlatformRole } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** The caller's own profile, with memberships (organisation name order). */
export interface ProfileRow {
  id: string;
  email: string | null;
  username: string | null;
  name: string;
  locale: Locale;
  platformRoles: PlatformRole[];
  memberships: { organizationId: string; organizationName: string; role: OrganizationRole }[];
  emailVerified: boolean;
}

/** An account created or found by e-mail for an organisation (a member being added). */
export interface MemberCandidate {
  id: string;
  name: string;
  hasPassword: boolean;
}

/**
 * Users and identity (`users`): e-mail and pupil accounts, credentials (password hash, pupil
 * sign-in code hash), e-mail verification, platform roles and profile. (Bulk creation of
 * learners and pupils lives in EnrolmentsRepository, certificate names in CertificatesRepository.)
 * Accounts are unique by lower(email) and lower(username); creation uses ON CONFLICT … DO
 * NOTHING so concurrent requests agree on one row.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ----- profile and roles -----

  async profile(userId: string, db: Db = this.dataSource): Promise<ProfileRow | null> {
    const row = await queryFirst<{
      id: string;
      email: string | null;
      username: string | null;
      name: string;
      locale: Locale;
      platform_roles: PlatformRole[];
      memberships: ProfileRow['memberships'];
      email_verified: boolean;
    }>(
      db,
      `SELECT u.id, u.email, u.username, u.name, u.locale, u.platform_roles, u.email_verified_at IS NOT NULL AS email_verified,
              coalesce((SELECT json_agg(json_build_object('organizationId', o.id, 'organizationName', o.name, 'role', m.role) ORDER BY o.name)
                          FROM memberships m JOIN organizations o ON o.id = m.organization_id
                         WHERE m.user_id = u.id), '[]'::json) AS memberships
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      username: row.username,
      name: row.name,
      locale: row.locale,
      platformRoles: row.platform_roles,
      memberships: row.memberships,
      emailVerified: row.email_verified,
    };
  }

  /** Changes the given fields (null keeps the current value); a language given is the person's explicit choice. */
  async updateProfile(userId: string, patch: { name: string | null; locale: Locale | null }, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE users SET name = coalesce($2, name), locale = coalesce($3, locale), locale_chosen = locale_chosen OR $3 IS NOT NULL, updated_at = now()
        WHERE id = $1`,
      [userId, patch.name, patch.locale],
    );
  }

  /**
   * What the language rule needs at sign-in: the account's language, whether it was chosen
   * explicitly, and the default language of the organisation it joined last that has one.
   */
  async localeState(userId: string, db: Db = this.dataSource): Promise<{ locale: Locale; chosen: boolean; organisationDefault: Locale | null } | null> {
    const row = await queryFirst<{ locale: Locale; locale_chosen: boolean; organisation_default: Locale | null }>(
      db,
      `SELECT u.locale, u.locale_chosen,
              (SELECT o.default_locale FROM memberships m JOIN organizations o ON o.id = m.organization_id
                WHERE m.user_id = u.id AND o.default_locale IS NOT NULL
                ORDER BY m.created_at DESC, o.id LIMIT 1) AS organisation_default
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    return row ? { locale: row.locale, chosen: row.locale_chosen, organisationDefault: row.organisation_default } : null;
  }

  /** Sets the account's language; `chosen` marks it as the person's explicit choice (never unmarks one). */
  async setLocale(userId: string, locale: Locale, chosen: boolean, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE users SET locale = $2, locale_chosen = locale_chosen OR $3, updated_at = now() WHERE id = $1`, [userId, locale, chosen]);
  }

  /** The account's platform roles, row-locked for a change; null for an unknown user. */
  async lockPlatformRoles(userId: string, db: Db = this.dataSource): Promise<PlatformRole[] | null> {
    const row = await queryFirst<{ platform_roles: PlatformRole[] }>(db, `SELECT platform_roles FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    return row ? row.platform_roles : null;
  }

  async setPlatformRoles(userId: string, roles: PlatformRole[], db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE users SET platform_roles = $2, updated_at = now() WHERE id = $1`, [userId, roles]);
  }

  /** True when the account exists and holds the platform admin role. */
  async isPlatformAdmin(userId: string, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM users WHERE id = $1 AND 'admin' = ANY(platform_roles)`, [userId]);
    return rows.length === 1;
  }

  // ----- e-mail accounts and passwords -----

  /** Self-registration: an unverified account with a password; null when the address is taken. */
  async createRegistered(
    input: { email: string; name: string; locale: Locale; localeChosen?: boolean; passwordHash: string },
    db: Db = this.dataSource,
  ): Promise<{ id: string } | null> {
    return queryFirst<{ id: string }>(
      db,
      `INSERT INTO users (email, name, locale, locale_chosen, password_hash) VALUES ($1, $2, $3, $5, $4)
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO NOTHING RETURNING id`,
      [input.email, input.name, input.locale, input.passwordHash, input.localeChosen ?? false],
    );
  }

  /** The e-mail account (never a pupil) that signs in with this address, and its password hash. */
  async passwordCredentials(email: string, db: Db = this.dataSource): Promise<{ id: string; passwordHash: string | null } | null> {
    const row = await queryFirst<{ id: string; password_hash: string | null }>(
      db,
      `SELECT id, password_hash FROM users WHERE lower(email) = lower($1) AND NOT is_pupil`,
      [email],
    );
    return row ? { id: row.id, passwordHash: row.password_hash } : null;
  }

  /** The e-mail account (never a pupil) a password-reset request names. */
  async resetRecipient(email: string, db: Db = this.dataSource): Promise<{ id: string; email: string; name: string } | null> {
    return queryFirst<{ id: string; email: string; name: string }>(
      db,
      `SELECT id, email, name FROM users WHERE lower(email) = lower($1) AND NOT is_pupil`,
      [email],
    );
  }

  /** An accepted invitation: the chosen name and password; the address is proven. */
  async completeInvitation(userId: string, name: string, passwordHash: string, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE users SET name = $2, password_hash = $3, email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1`,
      [userId, name, passwordHash],
    );
  }

  /** A completed password reset: the new password; the link reached the mailbox, so the address is proven. */
  async resetPassword(userId: string, passwordHash: string, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE users SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1`,
      [userId, passwordHash],
    );
  }

  /**
   * Marks the address verified, only for an account that still has a password (an account
   * reset to an invited one is verified by accepting its invitation instead). False otherwise.
   */
  async verifyEmail(userId: string, db: Db = this.dataSource): Promise<boolean> {
    const verified = await queryRows<{ id: string }>(
      db,
      `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
        WHERE id = $1 AND password_hash IS NOT NULL RETURNING id`,
      [userId],
    );
    return verified.length > 0;
  }

  /** The account's address and whether it is verified; null for an unknown user. */
  async emailVerificationState(userId: string, db: Db = this.dataSource): Promise<{ email: string | null; verified: boolean } | null> {
    return queryFirst<{ email: string | null; verified: boolean }>(
      db,
      `SELECT email, email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1`,
      [userId],
    );
  }

  /**
   * Before an organisation binds to accounts by e-mail: those whose address nobody proved
   * (self-registered, never verified, with a password) lose their password and get the name
   * the organisation gave (else the address's local part). Returns the accounts reset.
   */
  async resetUnverified(
    accounts: { id: string; name?: string | null }[],
    db: Db = this.dataSource,
  ): Promise<{ id: string; email: string; name: string }[]> {
    return queryRows<{ id: string; email: string; name: string }>(
      db,
      `UPDATE users u SET password_hash = NULL, name = coalesce(nullif(btrim(a.name), ''), split_part(u.email, '@', 1)), updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS a(id, name)
        WHERE u.id = a.id AND u.email IS NOT NULL AND NOT u.is_pupil
          AND u.email_verified_at IS NULL AND u.password_hash IS NOT NULL
        RETURNING u.id, u.email, u.name`,
      [accounts.map((a) => a.id), accounts.map((a) => a.name ?? null)],
    );
  }

  /** An account for an address an organisation adds: created without a password (null when the address exists). */
  async createInvited(email: string, name: string, locale: Locale, localeChosen: boolean, db: Db = this.dataSource): Promise<{ id: string; name: string } | null> {
    return queryFirst<{ id: string; name: string }>(
      db,
      `INSERT INTO users (email, name, locale, locale_chosen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO NOTHING RETURNING id, name`,
      [email, name, locale, localeChosen],
    );
  }

  /** The existing account with this address, and whether it has a password. */
  async memberCandidate(email: string, db: Db = this.dataSource): Promise<MemberCandidate | null> {
    const row = await queryFirst<{ id: string; name: string; has_password: boolean }>(
      db,
      `SELECT id, name, password_hash IS NOT NULL AS has_password FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return row ? { id: row.id, name: row.name, hasPassword: row.has_password } : null;
  }

  // ----- the admin bootstrap and demo accounts -----

  /** KINDLING_ADMIN_EMAIL: a verified platform admin, unless the address is taken (null then). */
  async createBootstrapAdmin(email: string, passwordHash: string, db: Db = this.dataSource): Promise<{ id: string } | null> {
    return queryFirst<{ id: string }>(
      db,
      `INSERT INTO users (email, name, password_hash, platform_roles, email_verified_at) VALUES ($1, 'Administrator', $2, '{admin}', now())
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO NOTHING RETURNING id`,
      [email, passwordHash],
    );
  }

  /** Whether the account with this address is a platform admin, and its password hash; null when there is none. */
  async adminCredentials(email: string, db: Db = this.dataSource): Promise<{ isAdmin: boolean; passwordHash: string | null } | null> {
    const row = await queryFirst<{ is_admin: boolean; password_hash: string | null }>(
      db,
      `SELECT 'admin' = ANY(platform_roles) AS is_admin, password_hash FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return row ? { isAdmin: row.is_admin, passwordHash: row.password_hash } : null;
  }

  async markEmailVerified(email: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE lower(email) = lower($1)`, [email]);
  }

  /** True while any of these (lower-case) addresses has an account. */
  async anyWithEmail(lowerEmails: string[], db: Db = this.dataSource): Promise<boolean> {
    const row = await queryFirst<{ demo: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = ANY($1::text[])) AS demo`, [lowerEmails]);
    return row?.demo === true;
  }

  /** Which of these exact addresses have an account. */
  async existingEmails(emails: string[], db: Db = this.dataSource): Promise<string[]> {
    const rows = await queryRows<{ email: string }>(db, `SELECT email FROM users WHERE email = ANY($1)`, [emails]);
    return rows.map((r) => r.email);
  }

  /** A verified account with a password and platform roles (the demo sign-ins; their languages are deliberate: chosen). */
  async createVerified(
    input: { email: string; name: string; locale: Locale; passwordHash: string; platformRoles: PlatformRole[]; localeChosen?: boolean },
    db: Db = this.dataSource,
  ): Promise<string> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO users (email, name, locale, locale_chosen, password_hash, platform_roles, email_verified_at) VALUES ($1, $2, $3, $6, $4, $5, now()) RETURNING id`,
      [input.email, input.name, input.locale, input.passwordHash, input.platformRoles, input.localeChosen ?? true],
    );
    return row!.id;
  }

  // ----- pupils -----

  /** The pupil account with this user name and the hash of its one-time code. */
  async pupilCredentials(username: string, db: Db = this.dataSource): Promise<{ id: string; signInCodeHash: string | null } | null> {
    const row = await queryFirst<{ id: string; sign_in_code_hash: string | null }>(
      db,
      `SELECT id, sign_in_code_hash FROM users WHERE lower(username) = lower($1) AND is_pupil`,
      [username],
    );
    return row ? { id: row.id, signInCodeHash: row.sign_in_code_hash } : null;
  }

  /** Spends a pupil's one-time code: true only for the request that clears exactly this hash. */
  async clearSignInCode(userId: string, codeHash: string | null, db: Db = this.dataSource): Promise<boolean> {
    const cleared = await queryRows<{ id: string }>(
      db,
      `UPDATE users SET sign_in_code_hash = NULL, updated_at = now() WHERE id = $1 AND sign_in_code_hash = $2 RETURNING id`,
      [userId, codeHash],
    );
    return cleared.length > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

export type IdentityProtocol = 'oidc';

/** An organisation's identity provider as stored; the client secret only sealed. */
export interface IdentityProviderRow {
  id: string;
  organizationId: string;
  organizationName: string;
  protocol: IdentityProtocol;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string | null;
  scopes: string[];
  emailClaim: string;
  nameClaim: string;
  employeeNumberClaim: string | null;
  groupClaim: string | null;
  managerGroups: string[];
  domains: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface IdentityProviderInput {
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string | null;
  scopes: string[];
  emailClaim: string;
  nameClaim: string;
  employeeNumberClaim: string | null;
  groupClaim: string | null;
  managerGroups: string[];
  domains: string[];
  enabled: boolean;
}

const COLUMNS = `p.id, p.organization_id AS "organizationId", o.name AS "organizationName", p.protocol, p.display_name AS "displayName",
  p.issuer, p.client_id AS "clientId", p.client_secret_sealed AS "clientSecretSealed", p.scopes, p.email_claim AS "emailClaim",
  p.name_claim AS "nameClaim", p.employee_number_claim AS "employeeNumberClaim", p.group_claim AS "groupClaim",
  p.manager_groups AS "managerGroups", p.domains, p.enabled, p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/**
 * Identity providers of organisations (`identity_providers`) and the organisation's
 * password switch (`organizations.password_sign_in`). Domains are stored lower-case.
 */
@Injectable()
export class IdentityProvidersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(organizationId: string, input: IdentityProviderInput, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO identity_providers (organization_id, display_name, issuer, client_id, client_secret_sealed, scopes, email_claim, name_claim,
                                       employee_number_claim, group_claim, manager_groups, domains, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT ON CONSTRAINT uq_identity_providers_client DO NOTHING RETURNING id`,
      [organizationId, input.displayName, input.issuer, input.clientId, input.clientSecretSealed, input.scopes, input.emailClaim, input.nameClaim,
        input.employeeNumberClaim, input.groupClaim, input.managerGroups, input.domains, input.enabled],
    );
    return row?.id ?? null;
  }

  /** Replaces the configuration; a null sealed secret keeps the stored one. False when no such provider in the organisation. */
  async update(organizationId: string, id: string, input: IdentityProviderInput, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `UPDATE identity_providers SET display_name = $3, issuer = $4, client_id = $5, client_secret_sealed = coalesce($6, client_secret_sealed),
              scopes = $7, email_claim = $8, name_claim = $9, employee_number_claim = $10, group_claim = $11, manager_groups = $12,
              domains = $13, enabled = $14, updated_at = now()
        WHERE organization_id = $1 AND id = $2 RETURNING id`,
      [organizationId, id, input.displayName, input.issuer, input.clientId, input.clientSecretSealed, input.scopes, input.emailClaim, input.nameClaim,
        input.employeeNumberClaim, input.groupClaim, input.managerGroups, input.domains, input.enabled],
    );
    return rows.length > 0;
  }

  async remove(organizationId: string, id: string, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(db, `DELETE FROM identity_providers WHERE organization_id = $1 AND id = $2 RETURNING id`, [organizationId, id]);
    return rows.length > 0;
  }

  async listOfOrganization(organizationId: string, db: Db = this.dataSource): Promise<IdentityProviderRow[]> {
    return queryRows<IdentityProviderRow>(
      db,
      `SELECT ${COLUMNS} FROM identity_providers p JOIN organizations o ON o.id = p.organization_id WHERE p.organization_id = $1 ORDER BY p.display_name, p.id`,
      [organizationId],
    );
  }

  async find(id: string, db: Db = this.dataSource): Promise<IdentityProviderRow | null> {
    return queryFirst<IdentityProviderRow>(db, `SELECT ${COLUMNS} FROM identity_providers p JOIN organizations o ON o.id = p.organization_id WHERE p.id = $1`, [id]);
  }

  async findInOrganization(organizationId: string, id: string, db: Db = this.dataSource): Promise<IdentityProviderRow | null> {
    return queryFirst<IdentityProviderRow>(
      db,
      `SELECT ${COLUMNS} FROM identity_providers p JOIN organizations o ON o.id = p.organization_id WHERE p.organization_id = $1 AND p.id = $2`,
      [organizationId, id],
    );
  }

  /** Enabled providers that vouch for an e-mail domain (lower-case). */
  async enabledForDomain(domain: string, db: Db = this.dataSource): Promise<IdentityProviderRow[]> {
    return queryRows<IdentityProviderRow>(
      db,
      `SELECT ${COLUMNS} FROM identity_providers p JOIN organizations o ON o.id = p.organization_id
        WHERE p.enabled AND p.domains @> ARRAY[$1::text] ORDER BY o.name, p.display_name`,
      [domain],
    );
  }

  /** Enabled providers of an organisation (the per-organisation sign-in link). */
  async enabledOfOrganization(organizationId: string, db: Db = this.dataSource): Promise<IdentityProviderRow[]> {
    return queryRows<IdentityProviderRow>(
      db,
      `SELECT ${COLUMNS} FROM identity_providers p JOIN organizations o ON o.id = p.organization_id
        WHERE p.enabled AND p.organization_id = $1 ORDER BY p.display_name`,
      [organizationId],
    );
  }

  // ----- the organisation's password switch -----

  async passwordSignIn(organizationId: string, db: Db = this.dataSource): Promise<boolean | null> {
    const row = await queryFirst<{ password_sign_in: boolean }>(db, `SELECT password_sign_in FROM organizations WHERE id = $1`, [organizationId]);
    return row ? row.password_sign_in : null;
  }

  async setPasswordSignIn(organizationId: string, allowed: boolean, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE organizations SET password_sign_in = $2 WHERE id = $1`, [organizationId, allowed]);
  }

  /**
   * The organisations whose switch keeps this account from signing in with a password (none for
   * platform admins): every membership in an organisation that turned password sign-in off.
   */
  async passwordBlockedBy(userId: string, db: Db = this.dataSource): Promise<string[]> {
    const rows = await queryRows<{ name: string }>(
      db,
      `SELECT o.name FROM memberships m JOIN organizations o ON o.id = m.organization_id JOIN users u ON u.id = m.user_id
        WHERE m.user_id = $1 AND NOT o.password_sign_in AND NOT ('admin' = ANY(u.platform_roles)) ORDER BY o.name`,
      [userId],
    );
    return rows.map((r) => r.name);
  }
}

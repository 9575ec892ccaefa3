import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale, OrganizationKind, OrganizationRole } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** An organisation as its list shows it: with the caller's role in it (null: none, e.g. an admin). */
export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  /** The language of members who chose none (null: the browser's decides). */
  defaultLocale: Locale | null;
  role: OrganizationRole | null;
  createdAt: Date;
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string | null;
  username: string | null;
  role: OrganizationRole;
  /** Invited, no password chosen yet (never a pupil). */
  pending: boolean;
  createdAt: Date;
}

export interface OrganizationAuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown>;
}

interface RawOrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  default_locale: Locale | null;
  role: OrganizationRole | null;
  created_at: Date;
}

const organization = (r: RawOrganizationRow): OrganizationRow => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  country: r.country,
  defaultLocale: r.default_locale,
  role: r.role,
  createdAt: r.created_at,
});

/**
 * Organisations and their memberships (`organizations`, `memberships`; one membership per
 * organisation and user, role manager or learner). Also the organisation's own audit trail
 * read (`audit_events` of that organisation), which the organisation pages show.
 */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    input: { name: string; kind: OrganizationKind; country: string | null; defaultLocale?: Locale | null },
    db: Db = this.dataSource,
  ): Promise<OrganizationRow> {
    const row = await queryFirst<RawOrganizationRow>(
      db,
      `INSERT INTO organizations (name, kind, country, default_locale) VALUES ($1, $2, $3, $4)
       RETURNING id, name, kind, country, default_locale, NULL::text AS role, created_at`,
      [input.name, input.kind, input.country, input.defaultLocale ?? null],
    );
    return organization(row!);
  }

  /**
   * Changes the given fields (undefined keeps the current value; `defaultLocale: null` removes the
   * default), row-locked; returns the organisation before and after, null for an unknown id.
   */
  async update(
    organizationId: string,
    patch: { name?: string; country?: string | null; defaultLocale?: Locale | null },
    db: Db = this.dataSource,
  ): Promise<{ before: OrganizationRow; after: OrganizationRow } | null> {
    const before = await queryFirst<RawOrganizationRow>(
      db,
      `SELECT id, name, kind, country, default_locale, NULL::text AS role, created_at FROM organizations WHERE id = $1 FOR UPDATE`,
      [organizationId],
    );
    if (!before) return null;
    const after = await queryFirst<RawOrganizationRow>(
      db,
      `UPDATE organizations
          SET name = CASE WHEN $2 THEN $3 ELSE name END,
              country = CASE WHEN $4 THEN $5 ELSE country END,
              default_locale = CASE WHEN $6 THEN $7 ELSE default_locale END
        WHERE id = $1
       RETURNING id, name, kind, country, default_locale, NULL::text AS role, created_at`,
      [
        organizationId,
        patch.name !== undefined,
        patch.name ?? null,
        patch.country !== undefined,
        patch.country ?? null,
        patch.defaultLocale !== undefined,
        patch.defaultLocale ?? null,
      ],
    );
    return { before: organization(before), after: organization(after!) };
  }

  /** The organisation's default language (null: none, or no such organisation). */
  async defaultLocale(organizationId: string, db: Db = this.dataSource): Promise<Locale | null> {
    const row = await queryFirst<{ default_locale: Locale | null }>(db, `SELECT default_locale FROM organizations WHERE id = $1`, [organizationId]);
    return row?.default_locale ?? null;
  }

  /**
   * A new default language reaches the members who never chose one (an explicit choice is never
   * overwritten). Returns how many accounts changed.
   */
  async applyDefaultLocaleToMembers(organizationId: string, locale: Locale, db: Db = this.dataSource): Promise<number> {
    const changed = await queryRows(
      db,
      `UPDATE users u SET locale = $2, updated_at = now()
         FROM memberships m
        WHERE m.organization_id = $1 AND m.user_id = u.id AND NOT u.locale_chosen AND u.locale <> $2
        RETURNING u.id`,
      [organizationId, locale],
    );
    return changed.length;
  }

  /** The organisations the user is a member of (every organisation when `all`), by name. */
  async listFor(userId: string, all: boolean, db: Db = this.dataSource): Promise<OrganizationRow[]> {
    const rows = await queryRows<RawOrganizationRow>(
      db,
      `SELECT o.id, o.name, o.kind, o.country, o.default_locale, m.role, o.created_at
         FROM organizations o
         LEFT JOIN memberships m ON m.organization_id = o.id AND m.user_id = $1
        WHERE m.id IS NOT NULL OR $2
        ORDER BY o.name, o.id`,
      [userId, all],
    );
    return rows.map(organization);
  }

  async exists(organizationId: string, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM organizations WHERE id = $1`, [organizationId]);
    return rows.length > 0;
  }

  /** Adds a membership; false when the user already is a member. */
  async addMember(organizationId: string, userId: string, role: OrganizationRole, db: Db = this.dataSource): Promise<boolean> {
    const added = await queryRows(
      db,
      `INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT uq_memberships_org_user DO NOTHING RETURNING id`,
      [organizationId, userId, role],
    );
    return added.length > 0;
  }

  /** Members by role, then name. */
  async members(organizationId: string, db: Db = this.dataSource): Promise<MemberRow[]> {
    const rows = await queryRows<{
      user_id: string;
      name: string;
      email: string | null;
      username: string | null;
      role: OrganizationRole;
      pending: boolean;
      created_at: Date;
    }>(
      db,
      `SELECT m.user_id, u.name, u.email, u.username, m.role,
              (u.password_hash IS NULL AND NOT u.is_pupil) AS pending, m.created_at
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1
        ORDER BY m.role, u.name, u.id`,
      [organizationId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      username: r.username,
      role: r.role,
      pending: r.pending,
      createdAt: r.created_at,
    }));
  }

  /** The member's role, row-locked for a change; null when the user is not a member. */
  async lockMembershipRole(organizationId: string, userId: string, db: Db = this.dataSource): Promise<OrganizationRole | null> {
    const row = await queryFirst<{ role: OrganizationRole }>(
      db,
      `SELECT role FROM memberships WHERE organization_id = $1 AND user_id = $2 FOR UPDATE`,
      [organizationId, userId],
    );
    return row?.role ?? null;
  }

  /** Locks the organisation's manager memberships (so two removals cannot race) and counts them. */
  async lockManagers(organizationId: string, db: Db = this.dataSource): Promise<number> {
    const managers = await queryRows(db, `SELECT user_id FROM memberships WHERE organization_id = $1 AND role = 'manager' FOR UPDATE`, [organizationId]);
    return managers.length;
  }

  async setRole(organizationId: string, userId: string, role: OrganizationRole, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE memberships SET role = $3 WHERE organization_id = $1 AND user_id = $2`, [organizationId, userId, role]);
  }

  async removeMember(organizationId: string, userId: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2`, [organizationId, userId]);
  }

  /** The organisation's audit trail, newest first, paged by id (`before`). */
  async auditTrail(organizationId: string, page: { before: number | null; limit: number }, db: Db = this.dataSource): Promise<OrganizationAuditRow[]> {
    const rows = await queryRows<{
      id: string;
      at: Date;
      actor_id: string | null;
      action: string;
      subject_type: string;
      subject_id: string | null;
      data: Record<string, unknown>;
    }>(
      db,
      `SELECT id, at, actor_id, action, subject_type, subject_id, data
         FROM audit_events
        WHERE organization_id = $1 AND ($2::bigint IS NULL OR id < $2)
        ORDER BY at DESC, id DESC
        LIMIT $3`,
      [organizationId, page.before, page.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      data: r.data,
    }));
  }

  /** True when the instance holds no organisation and no course yet (the demo data loads only then). */
  async instanceIsEmpty(db: Db = this.dataSource): Promise<boolean> {
    const row = await queryFirst<{ orgs: number; courses: number }>(
      db,
      `SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM courses)::int AS courses`,
    );
    return row!.orgs === 0 && row!.courses === 0;
  }
}

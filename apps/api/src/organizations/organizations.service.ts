import { Injectable } from '@nestjs/common';
import { recordAudit } from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import { isAdmin, type Actor } from '../common/auth/actor.js';
import { DomainError, notFound } from '@kindling/common';
import { InvitationService, releaseUnverifiedAccounts } from '@kindling/enrolment';
import type {
  AuditEventView,
  MemberAddedView,
  MemberRole,
  MemberRoleView,
  MemberView,
  OrganizationKindCode,
  OrganizationView,
} from './dto/organization.dto.js';

interface OrganizationRow {
  id: string;
  name: string;
  kind: OrganizationKindCode;
  country: string | null;
  role: MemberRole | null;
  created_at: Date;
}

const toView = (r: OrganizationRow): OrganizationView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  country: r.country,
  role: r.role,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Organisations, their members and their audit trail. Routes that name an organisation are
 * guarded by @OrgRoles (manager of that organisation or admin); every query here is
 * additionally restricted to that organisation id, so a member of one organisation can
 * never address a membership of another through these services.
 */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationService,
  ) {}

  async create(actor: Actor, input: { name: string; kind: OrganizationKindCode; country?: string }): Promise<OrganizationView> {
    return this.dataSource.transaction(async (em) => {
      const rows: OrganizationRow[] = await em.query(
        `INSERT INTO organizations (name, kind, country) VALUES ($1, $2, $3)
         RETURNING id, name, kind, country, NULL::text AS role, created_at`,
        [input.name, input.kind, input.country ?? null],
      );
      const org = rows[0]!;
      await recordAudit(em, {
        organizationId: org.id,
        actorId: actor.userId,
        action: 'organization.created',
        subjectType: 'organization',
        subjectId: org.id,
        data: { name: org.name, kind: org.kind },
      });
      return toView(org);
    });
  }

  /** The caller's organisations; every organisation for an admin. */
  async list(actor: Actor): Promise<OrganizationView[]> {
    const rows: OrganizationRow[] = await this.dataSource.query(
      `SELECT o.id, o.name, o.kind, o.country, m.role, o.created_at
         FROM organizations o
         LEFT JOIN memberships m ON m.organization_id = o.id AND m.user_id = $1
        WHERE m.id IS NOT NULL OR $2
        ORDER BY o.name, o.id`,
      [actor.userId, isAdmin(actor)],
    );
    return rows.map(toView);
  }

  async addMember(actor: Actor, organizationId: string, input: { email: string; role: MemberRole; name?: string }): Promise<MemberAddedView> {
    return this.dataSource.transaction(async (em) => {
      await this.assertOrganizationExists(em, organizationId);
      const user = await this.findOrCreateUser(em, input.email, input.name);
      const added: unknown[] = await em.query(
        `INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT uq_memberships_org_user DO NOTHING RETURNING id`,
        [organizationId, user.id, input.role],
      );
      if (added.length === 0) throw new DomainError('conflict', `${input.email} is already a member of this organisation`);
      // An account nobody proved the address of is never bound as is: it becomes an invited
      // account (password and sessions discarded) and the invitation goes to the address.
      const released = user.created ? [] : await releaseUnverifiedAccounts(em, [{ id: user.id, name: input.name }]);
      const invited = !user.hasPassword || released.length > 0;
      if (invited) {
        await this.invitations.inviteMany(em, [{ userId: user.id, email: input.email, name: user.name, organizationId }], actor.userId);
      }
      await recordAudit(em, {
        organizationId,
        actorId: actor.userId,
        action: 'membership.added',
        subjectType: 'user',
        subjectId: user.id,
        data: { role: input.role, invited, accountCreated: user.created, ...(released.length > 0 ? { unverifiedAccountReset: true } : {}) },
      });
      return { userId: user.id, role: input.role, invited };
    });
  }

  async listMembers(organizationId: string): Promise<MemberView[]> {
    const rows: {
      user_id: string;
      name: string;
      email: string | null;
      username: string | null;
      role: MemberRole;
      pending: boolean;
      created_at: Date;
    }[] = await this.dataSource.query(
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
      joinedAt: new Date(r.created_at).toISOString(),
    }));
  }

  async changeRole(actor: Actor, organizationId: string, userId: string, role: MemberRole): Promise<MemberRoleView> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.lockMembership(em, organizationId, userId);
      if (current === role) return { userId, role };
      if (current === 'manager') await this.assertNotLastManager(em, organizationId, 'demote');
      await em.query(`UPDATE memberships SET role = $3 WHERE organization_id = $1 AND user_id = $2`, [organizationId, userId, role]);
      await recordAudit(em, {
        organizationId,
        actorId: actor.userId,
        action: 'membership.role_changed',
        subjectType: 'user',
        subjectId: userId,
        data: { from: current, to: role },
      });
      return { userId, role };
    });
  }

  async removeMember(actor: Actor, organizationId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const current = await this.lockMembership(em, organizationId, userId);
      if (current === 'manager') await this.assertNotLastManager(em, organizationId, 'remove');
      await em.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2`, [organizationId, userId]);
      await recordAudit(em, {
        organizationId,
        actorId: actor.userId,
        action: 'membership.removed',
        subjectType: 'user',
        subjectId: userId,
        data: { role: current },
      });
    });
  }

  async auditEvents(organizationId: string, page: { before?: number; limit?: number }): Promise<AuditEventView[]> {
    const rows: {
      id: string;
      at: Date;
      actor_id: string | null;
      action: string;
      subject_type: string;
      subject_id: string | null;
      data: Record<string, unknown>;
    }[] = await this.dataSource.query(
      `SELECT id, at, actor_id, action, subject_type, subject_id, data
         FROM audit_events
        WHERE organization_id = $1 AND ($2::bigint IS NULL OR id < $2)
        ORDER BY at DESC, id DESC
        LIMIT $3`,
      [organizationId, page.before ?? null, page.limit ?? 50],
    );
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      data: r.data,
    }));
  }

  private async assertOrganizationExists(em: EntityManager, organizationId: string): Promise<void> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM organizations WHERE id = $1`, [organizationId]);
    if (rows.length === 0) throw notFound('organization');
  }

  private async findOrCreateUser(
    em: EntityManager,
    email: string,
    name: string | undefined,
  ): Promise<{ id: string; name: string; hasPassword: boolean; created: boolean }> {
    const fallbackName = name ?? email.split('@')[0] ?? email;
    const inserted: { id: string; name: string }[] = await em.query(
      `INSERT INTO users (email, name) VALUES ($1, $2)
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO NOTHING RETURNING id, name`,
      [email, fallbackName],
    );
    if (inserted[0]) return { id: inserted[0].id, name: inserted[0].name, hasPassword: false, created: true };
    const rows: { id: string; name: string; has_password: boolean }[] = await em.query(
      `SELECT id, name, password_hash IS NOT NULL AS has_password FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    const user = rows[0];
    if (!user) throw new DomainError('conflict', 'the account changed meanwhile; try again');
    return { id: user.id, name: user.name, hasPassword: user.has_password, created: false };
  }

  private async lockMembership(em: EntityManager, organizationId: string, userId: string): Promise<MemberRole> {
    const rows: { role: MemberRole }[] = await em.query(
      `SELECT role FROM memberships WHERE organization_id = $1 AND user_id = $2 FOR UPDATE`,
      [organizationId, userId],
    );
    if (!rows[0]) throw notFound('member');
    return rows[0].role;
  }

  /** An organisation keeps at least one manager; the manager rows are locked so two removals cannot race. */
  private async assertNotLastManager(em: EntityManager, organizationId: string, what: 'remove' | 'demote'): Promise<void> {
    const managers: unknown[] = await em.query(
      `SELECT user_id FROM memberships WHERE organization_id = $1 AND role = 'manager' FOR UPDATE`,
      [organizationId],
    );
    if (managers.length <= 1) {
      throw new DomainError('conflict', `cannot ${what} the last manager of the organisation; make someone else manager first`);
    }
  }
}

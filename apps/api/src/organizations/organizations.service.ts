import { Injectable } from '@nestjs/common';
import { OrganizationsRepository, recordAudit, SessionVersions, UsersRepository, type OrganizationRow } from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import { isAdmin, type Actor } from '../common/auth/actor.js';
import { DomainError, isCountryCode, notFound, msg } from '@kindling/common';
import { InvitationService, NewAccountLocales, UnverifiedAccounts } from '@kindling/enrolment';
import type { Locale } from '@kindling/domain';
import type {
  AuditEventView,
  MemberAddedView,
  MemberRole,
  MemberRoleView,
  MemberView,
  OrganizationKindCode,
  OrganizationView,
} from './dto/organization.dto.js';

const toView = (r: OrganizationRow): OrganizationView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  country: r.country,
  defaultLocale: r.defaultLocale,
  role: r.role,
  createdAt: new Date(r.createdAt).toISOString(),
});

/** A two-letter code that is not an assigned ISO 3166-1 country ("SU" for Suisse) is refused by name. */
function assertCountry(country: string | null | undefined): void {
  if (country && !isCountryCode(country)) throw new DomainError('invalid', msg('office2.country.unknown', { code: country }));
}

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
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly invitations: InvitationService,
    private readonly unverified: UnverifiedAccounts,
    private readonly newAccountLocales: NewAccountLocales,
    private readonly versions: SessionVersions,
  ) {}

  async create(actor: Actor, input: { name: string; kind: OrganizationKindCode; country?: string; defaultLocale?: Locale | null }): Promise<OrganizationView> {
    assertCountry(input.country);
    return this.dataSource.transaction(async (em) => {
      const org = await this.organizations.create({ name: input.name, kind: input.kind, country: input.country ?? null, defaultLocale: input.defaultLocale ?? null }, em);
      await recordAudit(em, {
        organizationId: org.id,
        actorId: actor.userId,
        action: 'organization.created',
        subjectType: 'organization',
        subjectId: org.id,
        data: { name: org.name, kind: org.kind, ...(org.defaultLocale ? { defaultLocale: org.defaultLocale } : {}) },
      });
      return toView(org);
    });
  }

  /**
   * Changes name, country or default language (managers of it, admins). A new default language
   * reaches the members who never chose a language themselves; a choice is never overwritten.
   */
  async update(actor: Actor, organizationId: string, patch: { name?: string; country?: string | null; defaultLocale?: Locale | null }): Promise<OrganizationView> {
    assertCountry(patch.country);
    return this.dataSource.transaction(async (em) => {
      const changed = await this.organizations.update(organizationId, patch, em);
      if (!changed) throw notFound('organization');
      const { before, after } = changed;
      const membersRelocalised = after.defaultLocale && after.defaultLocale !== before.defaultLocale
        ? await this.organizations.applyDefaultLocaleToMembers(organizationId, after.defaultLocale, em)
        : 0;
      const fields = (['name', 'country', 'defaultLocale'] as const).filter((k) => before[k] !== after[k]);
      if (fields.length > 0) {
        await recordAudit(em, {
          organizationId,
          actorId: actor.userId,
          action: 'organization.updated',
          subjectType: 'organization',
          subjectId: organizationId,
          data: {
            from: Object.fromEntries(fields.map((k) => [k, before[k]])),
            to: Object.fromEntries(fields.map((k) => [k, after[k]])),
            ...(membersRelocalised > 0 ? { membersRelocalised } : {}),
          },
        });
      }
      const role = isAdmin(actor) ? null : 'manager';
      return toView({ ...after, role });
    });
  }

  /** The caller's organisations; every organisation for an admin. */
  async list(actor: Actor): Promise<OrganizationView[]> {
    const rows = await this.organizations.listFor(actor.userId, isAdmin(actor));
    return rows.map(toView);
  }

  /** `request.acceptLanguage`: the inviter's browser, the language rule's last word for a new account. */
  async addMember(
    actor: Actor,
    organizationId: string,
    input: { email: string; role: MemberRole; name?: string; language?: Locale },
    request: { acceptLanguage?: string | null } = {},
  ): Promise<MemberAddedView> {
    const added = await this.dataSource.transaction(async (em): Promise<MemberAddedView> => {
      await this.assertOrganizationExists(em, organizationId);
      const localeOf = await this.newAccountLocales.forOrganisation(em, organizationId, request);
      const user = await this.findOrCreateUser(em, input.email, input.name, localeOf(input.language));
      if (!(await this.organizations.addMember(organizationId, user.id, input.role, em))) throw new DomainError('conflict', msg('errors.org.alreadyMember', { email: input.email }));
      // An account nobody proved the address of is never bound as is: it becomes an invited
      // account (password and sessions discarded) and the invitation goes to the address.
      const released = user.created ? [] : await this.unverified.release(em, [{ id: user.id, name: input.name }]);
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
    // After the commit: access tokens carry memberships (SessionVersions).
    await this.versions.actorsChanged([added.userId]);
    return added;
  }

  async listMembers(organizationId: string): Promise<MemberView[]> {
    const rows = await this.organizations.members(organizationId);
    return rows.map((r) => ({
      userId: r.userId,
      name: r.name,
      email: r.email,
      username: r.username,
      role: r.role,
      pending: r.pending,
      joinedAt: new Date(r.createdAt).toISOString(),
    }));
  }

  async changeRole(actor: Actor, organizationId: string, userId: string, role: MemberRole): Promise<MemberRoleView> {
    const changed = await this.dataSource.transaction(async (em): Promise<MemberRoleView> => {
      const current = await this.lockMembership(em, organizationId, userId);
      if (current === role) return { userId, role };
      if (current === 'manager') await this.assertNotLastManager(em, organizationId, 'demote');
      await this.organizations.setRole(organizationId, userId, role, em);
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
    await this.versions.actorsChanged([userId]);
    return changed;
  }

  async removeMember(actor: Actor, organizationId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const current = await this.lockMembership(em, organizationId, userId);
      if (current === 'manager') await this.assertNotLastManager(em, organizationId, 'remove');
      await this.organizations.removeMember(organizationId, userId, em);
      await recordAudit(em, {
        organizationId,
        actorId: actor.userId,
        action: 'membership.removed',
        subjectType: 'user',
        subjectId: userId,
        data: { role: current },
      });
    });
    // After the commit: a removed member's access tokens stop carrying the organisation at once.
    await this.versions.actorsChanged([userId]);
  }

  async auditEvents(organizationId: string, page: { before?: number; limit?: number }): Promise<AuditEventView[]> {
    const rows = await this.organizations.auditTrail(organizationId, { before: page.before ?? null, limit: page.limit ?? 50 });
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actorId: r.actorId,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      data: r.data,
    }));
  }

  private async assertOrganizationExists(em: EntityManager, organizationId: string): Promise<void> {
    if (!(await this.organizations.exists(organizationId, em))) throw notFound('organization');
  }

  private async findOrCreateUser(
    em: EntityManager,
    email: string,
    name: string | undefined,
    locale: { locale: Locale; chosen: boolean },
  ): Promise<{ id: string; name: string; hasPassword: boolean; created: boolean }> {
    const fallbackName = name ?? email.split('@')[0] ?? email;
    const inserted = await this.users.createInvited(email, fallbackName, locale.locale, locale.chosen, em);
    if (inserted) return { id: inserted.id, name: inserted.name, hasPassword: false, created: true };
    const user = await this.users.memberCandidate(email, em);
    if (!user) throw new DomainError('conflict', msg('errors.org.accountChanged'));
    return { id: user.id, name: user.name, hasPassword: user.hasPassword, created: false };
  }

  private async lockMembership(em: EntityManager, organizationId: string, userId: string): Promise<MemberRole> {
    const role = await this.organizations.lockMembershipRole(organizationId, userId, em);
    if (!role) throw notFound('member');
    return role;
  }

  /** An organisation keeps at least one manager; the manager rows are locked so two removals cannot race. */
  private async assertNotLastManager(em: EntityManager, organizationId: string, what: 'remove' | 'demote'): Promise<void> {
    if ((await this.organizations.lockManagers(organizationId, em)) <= 1) {
      throw new DomainError('conflict', msg(`errors.org.lastManager.${what}`));
    }
  }
}

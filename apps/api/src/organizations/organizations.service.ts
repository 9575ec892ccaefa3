import { Injectable } from '@nestjs/common';
import { AuditLogRepository, OrganizationsRepository, PeopleRepository, RecertificationRepository, recordAudit, SessionVersions, UsersRepository, type OrganizationRow } from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import { isAdmin, type Actor } from '../common/auth/actor.js';
import { DomainError, isCountryCode, notFound, msg } from '@kindling/common';
import { InvitationService, NewAccountLocales, UnverifiedAccounts } from '@kindling/enrolment';
import type { Locale } from '@kindling/domain';
import { translate, type MessageKey } from '@kindling/i18n';
import { actorNameOf, auditSentence, personNameOf } from './audit-sentences.js';
import type {
  CertificateExpiryView,
  AuditEventsQuery,
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

/** The dashboard's "expiring soon" window. */
export const EXPIRY_WINDOW_DAYS = 60;

/** At most this many events in one CSV export of the audit log. */
export const AUDIT_CSV_LIMIT = 10_000;

/** A CSV cell: quoted when needed; a leading = + - @ (a formula to a spreadsheet) is defused with an apostrophe. */
function csvCell(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(sep) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A pending member can be sent a new invitation once per minute. */
export const REINVITE_INTERVAL_MS = 60_000;

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
    private readonly people: PeopleRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly recertification: RecertificationRepository,
  ) {}

  /** Certificates expiring within EXPIRY_WINDOW_DAYS and expired, per cohort and in total (issue 18 point 3). */
  async certificateExpiry(organizationId: string, now: Date = new Date()): Promise<CertificateExpiryView> {
    const rows = await this.recertification.expiryCounts(organizationId, now, EXPIRY_WINDOW_DAYS);
    const cohorts = rows.map((r) => ({ cohortId: r.cohort_id, cohortName: r.cohort_name, expiringSoon: r.expiring, expired: r.expired }));
    return {
      withinDays: EXPIRY_WINDOW_DAYS,
      expiringSoon: cohorts.reduce((n, c) => n + c.expiringSoon, 0),
      expired: cohorts.reduce((n, c) => n + c.expired, 0),
      cohorts,
    };
  }

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

  /**
   * Sends a pending member (invited, never signed in) a new invitation; the older links stay
   * valid until they expire. At most one per member per REINVITE_INTERVAL_MS.
   */
  async reinvite(actor: Actor, organizationId: string, userId: string, now: Date = new Date()): Promise<MemberAddedView> {
    return this.dataSource.transaction(async (em) => {
      const member = await this.people.memberForInvitation(organizationId, userId, em);
      if (!member) throw notFound('member');
      if (member.can_sign_in || !member.email) throw new DomainError('conflict', msg('office2.reinvite.notPending'));
      const last = member.last_invited_at ? new Date(member.last_invited_at).getTime() : 0;
      const wait = Math.ceil((last + REINVITE_INTERVAL_MS - now.getTime()) / 1000);
      if (wait > 0) throw new DomainError('too_many_requests', msg('office2.reinvite.tooSoon', { seconds: wait }), { 'Retry-After': String(wait) });
      await this.invitations.inviteMany(em, [{ userId, email: member.email, name: member.name, organizationId }], actor.userId);
      await recordAudit(em, {
        organizationId,
        actorId: actor.userId,
        action: 'membership.reinvited',
        subjectType: 'user',
        subjectId: userId,
        data: {},
      });
      const role = await this.lockMembership(em, organizationId, userId);
      return { userId, role, invited: true };
    });
  }

  /**
   * The audit trail, newest first, filtered by person, type and dates, each event with the names
   * it refers to (resolved now) and a sentence in `locale`.
   */
  async auditEvents(organizationId: string, query: AuditEventsQuery, locale: Locale = 'en', limit?: number): Promise<AuditEventView[]> {
    const rows = await this.auditLog.page({
      organizationId,
      personId: query.person ?? null,
      action: query.type ?? null,
      from: query.from ? new Date(`${query.from.slice(0, 10)}T00:00:00.000Z`) : null,
      until: query.to ? new Date(`${query.to.slice(0, 10)}T23:59:59.999Z`) : null,
      before: query.before ?? null,
      limit: limit ?? query.limit ?? 50,
    });
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      data: r.data,
      actorName: actorNameOf(locale, r),
      personId: r.person_id,
      personName: personNameOf(locale, r),
      sentence: auditSentence(locale, r),
    }));
  }

  /** The filtered trail (up to AUDIT_CSV_LIMIT events) as CSV in `locale`: `;` for it/de/fr, `,` for en, with a BOM for Excel. */
  async auditCsv(organizationId: string, query: AuditEventsQuery, locale: Locale): Promise<string> {
    const events = await this.auditEvents(organizationId, { ...query, before: undefined }, locale, AUDIT_CSV_LIMIT);
    const sep = locale === 'en' ? ',' : ';';
    const when = new Intl.DateTimeFormat(`${locale}-CH`, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Zurich' });
    const head = ['when', 'actor', 'person', 'action', 'sentence'].map((k) => translate(locale, `office2.audit.csv.${k}` as MessageKey));
    const lines = [head, ...events.map((e) => [when.format(new Date(e.at)), e.actorName ?? translate(locale, 'office2.audit.system'), e.personName ?? '', e.action, e.sentence])];
    return `\uFEFF${lines.map((cells) => cells.map((c) => csvCell(c, sep)).join(sep)).join('\r\n')}\r\n`;
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

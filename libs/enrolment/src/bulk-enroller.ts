import { Injectable } from '@nestjs/common';
import { invalid, msg } from '@kindling/common';
import { EnrolmentsRepository, SessionVersions } from '@kindling/db';
import type { EntityManager } from 'typeorm';
import { InvitationService } from './invitation.service.js';
import { NewAccountLocales } from './new-account-locale.js';
import { UnverifiedAccounts } from './unverified-accounts.js';
import { EnrolmentWriter } from './enrolment-writer.js';
import type { LearnerLine, LineError } from './learner-input.js';

export interface CohortRef {
  id: string;
  organizationId: string;
  courseId: string;
}

export interface Invitee {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
}

export interface EnrolmentReport {
  enrolled: number;
  alreadyEnrolled: number;
  invited: number;
  errors: LineError[];
}

/**
 * Enrols a batch of checked lines into a cohort with a handful of set-based statements:
 * users for unknown e-mails (no password; they get an invitation), existing accounts whose
 * address was never verified reset to invited accounts (they get an invitation too; see
 * UnverifiedAccounts), learner memberships in the
 * cohort's organisation (an existing manager keeps that role) with the lines' employee numbers
 * and classes/wards, enrolments, audit events.
 * Used by the API for uploads answered at once and by the worker for large files.
 */
@Injectable()
export class BulkEnroller {
  constructor(
    private readonly invitations: InvitationService,
    private readonly writer: EnrolmentWriter,
    private readonly enrolments: EnrolmentsRepository,
    private readonly unverified: UnverifiedAccounts,
    private readonly locales: NewAccountLocales,
    private readonly versions: SessionVersions,
  ) {}

  /**
   * `request.acceptLanguage`: the uploader's `Accept-Language`, the language rule's last word for
   * new accounts whose line names no language and whose organisation has no default.
   */
  async enrol(
    em: EntityManager,
    cohort: CohortRef,
    rows: LearnerLine[],
    actorId: string | null,
    request: { acceptLanguage?: string | null } = {},
  ): Promise<EnrolmentReport> {
    if (rows.length === 0) return { enrolled: 0, alreadyEnrolled: 0, invited: 0, errors: [] };
    const target = await this.writer.publishedTarget(em, cohort.courseId, { id: cohort.id, organizationId: cohort.organizationId });
    if (!target) throw invalid(msg('errors.course.notPublishedAnyMore'));
    // Sorted so concurrent uploads take the unique-index locks in the same order (no deadlocks).
    rows = [...rows].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    const emails = rows.map((r) => r.email);
    const localeOf = await this.locales.forOrganisation(em, cohort.organizationId, { acceptLanguage: request.acceptLanguage, fallback: target.locale });
    const created = await this.enrolments.createInvitedUsers(emails, rows.map((r) => r.name), rows.map((r) => localeOf(r.locale)), em);
    const users = await this.enrolments.usersByEmail(emails, em);
    const idOf = new Map(users.map((u) => [u.email, u.id]));
    const userIds = [...new Set(rows.map((r) => idOf.get(r.email)).filter((id): id is string => id !== undefined))];
    const createdIds = new Set(created.map((u) => u.id));
    const nameOf = new Map(rows.map((r) => [idOf.get(r.email), r.name]));
    const released = await this.unverified.release(
      em,
      userIds.filter((id) => !createdIds.has(id)).map((id) => ({ id, name: nameOf.get(id) })),
    );
    const toInvite = [...created, ...released];
    // The employee number and class/ward of a line are kept on the membership (a value given replaces the stored one).
    const details = new Map<string, { employeeNumber?: string; unit?: string }>();
    for (const r of rows) {
      const id = idOf.get(r.email);
      if (id && (r.employeeNumber || r.group)) details.set(id, { employeeNumber: r.employeeNumber, unit: r.group });
    }
    await this.enrolments.addLearnerMemberships(cohort.organizationId, userIds, em, details);
    // Access tokens carry memberships: the new learner memberships make them stale (a learner
    // membership grants nothing through the actor, so doing this before the commit is enough).
    await this.versions.actorsChanged(userIds);
    const results = await this.writer.enrolUsers(em, userIds, target, actorId, 'bulk-enrolment');
    if (toInvite.length > 0) {
      await this.invitations.inviteMany(
        em,
        toInvite.map((u) => ({ userId: u.id, email: u.email, name: u.name, organizationId: cohort.organizationId })),
        actorId,
      );
    }
    return {
      enrolled: results.filter((r) => r.outcome !== 'already').length,
      alreadyEnrolled: results.filter((r) => r.outcome === 'already').length,
      invited: toInvite.length,
      errors: [],
    };
  }
}

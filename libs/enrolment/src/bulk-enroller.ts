import { Injectable } from '@nestjs/common';
import { invalid } from '@kindling/common';
import type { EntityManager } from 'typeorm';
import { InvitationService } from './invitation.service.js';
import { releaseUnverifiedAccounts } from './unverified-accounts.js';
import { enrolUsers, publishedTarget } from './enrolment-writer.js';
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
 * releaseUnverifiedAccounts), learner memberships in the
 * cohort's organisation (an existing manager keeps that role), enrolments, audit events.
 * Used by the API for uploads answered at once and by the worker for large files.
 */
@Injectable()
export class BulkEnroller {
  constructor(private readonly invitations: InvitationService) {}

  async enrol(em: EntityManager, cohort: CohortRef, rows: LearnerLine[], actorId: string | null): Promise<EnrolmentReport> {
    if (rows.length === 0) return { enrolled: 0, alreadyEnrolled: 0, invited: 0, errors: [] };
    const target = await publishedTarget(em, cohort.courseId, { id: cohort.id, organizationId: cohort.organizationId });
    if (!target) throw invalid("the cohort's course is not published any more");
    // Sorted so concurrent uploads take the unique-index locks in the same order (no deadlocks).
    rows = [...rows].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    const emails = rows.map((r) => r.email);
    const created: { id: string; email: string; name: string }[] = await em.query(
      `INSERT INTO users (email, name, locale)
       SELECT e, n, $3::text FROM unnest($1::text[], $2::text[]) AS t(e, n)
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO NOTHING
       RETURNING id, email, name`,
      [emails, rows.map((r) => r.name), target.locale],
    );
    const users: { id: string; email: string }[] = await em.query(
      `SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])`,
      [emails],
    );
    const idOf = new Map(users.map((u) => [u.email, u.id]));
    const userIds = [...new Set(rows.map((r) => idOf.get(r.email)).filter((id): id is string => id !== undefined))];
    const createdIds = new Set(created.map((u) => u.id));
    const nameOf = new Map(rows.map((r) => [idOf.get(r.email), r.name]));
    const released = await releaseUnverifiedAccounts(
      em,
      userIds.filter((id) => !createdIds.has(id)).map((id) => ({ id, name: nameOf.get(id) })),
    );
    const toInvite = [...created, ...released];
    await em.query(
      `INSERT INTO memberships (organization_id, user_id, role)
       SELECT $1, u, 'learner' FROM unnest($2::uuid[]) AS u
       ON CONFLICT ON CONSTRAINT uq_memberships_org_user DO NOTHING`,
      [cohort.organizationId, userIds],
    );
    const results = await enrolUsers(em, userIds, target, actorId, 'bulk-enrolment');
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

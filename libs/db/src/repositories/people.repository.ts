import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganizationRole, PlatformRole } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** One row of the platform admin's user search. */
export interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  username: string | null;
  platformRoles: PlatformRole[];
  organizations: number;
  erasedAt: Date | null;
  createdAt: Date;
}

export interface PersonDetailRow extends PersonRow {
  locale: string;
  memberships: { organizationId: string; organizationName: string; role: OrganizationRole; pending: boolean; employeeNumber: string | null; unit: string | null }[];
  enrolments: {
    id: string;
    courseTitle: string;
    cohortName: string | null;
    organizationName: string | null;
    status: string;
    progressPercent: number;
    completedAt: string | null;
    withdrawnAt: string | null;
    round: number;
  }[];
  certificates: { id: string; number: string; courseTitle: string; status: string; issuedAt: string; validUntil: string | null }[];
}

/** What erasing a person changed (counts only: the log of it carries no personal data). */
export interface ErasureOutcome {
  enrolments: number;
  certificates: number;
  /** PDF documents whose stored files (they print the name) are to be removed. */
  storageKeys: string[];
  /** session families revoked (for the Redis markers after the commit) */
  sessionFamilies: string[];
}

/** Escapes % and _ so a search term matches literally inside an ILIKE pattern. */
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * People as data subjects (issue 18 points 6 and 7): the platform admin's directory (search by
 * name or e-mail, one person's memberships, enrolments and certificates), the export of
 * everything held about a person, and erasure. Erasure keeps the `users` row as an anonymous
 * tombstone: enrolments (the cohort's statistics), certificates (still verifiable) and the
 * append-only audit rows keep pointing at its id, and names are resolved when they are read.
 */
@Injectable()
export class PeopleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of users whose name, e-mail or username contains `term` (all when null), by name. */
  async search(term: string | null, limit: number, offset: number, db: Db = this.dataSource): Promise<{ total: number; rows: PersonRow[] }> {
    const pattern = term ? likePattern(term) : null;
    const where = `WHERE ($1::text IS NULL OR u.name ILIKE $1 OR u.email ILIKE $1 OR u.username ILIKE $1)`;
    const total = await queryFirst<{ n: string }>(db, `SELECT count(*) AS n FROM users u ${where}`, [pattern]);
    const rows = await queryRows<PersonRow>(
      db,
      `SELECT u.id, u.name, u.email, u.username, u.platform_roles AS "platformRoles", u.erased_at AS "erasedAt", u.created_at AS "createdAt",
              (SELECT count(*)::int FROM memberships m WHERE m.user_id = u.id) AS organizations
         FROM users u ${where}
        ORDER BY u.erased_at IS NOT NULL, lower(u.name), u.id
        LIMIT $2 OFFSET $3`,
      [pattern, limit, offset],
    );
    return { total: Number(total?.n ?? 0), rows };
  }

  /** One person with memberships, enrolments and certificates; null when unknown. */
  async detail(userId: string, db: Db = this.dataSource): Promise<PersonDetailRow | null> {
    const person = await queryFirst<PersonRow & { locale: string }>(
      db,
      `SELECT u.id, u.name, u.email, u.username, u.locale, u.platform_roles AS "platformRoles", u.erased_at AS "erasedAt", u.created_at AS "createdAt",
              (SELECT count(*)::int FROM memberships m WHERE m.user_id = u.id) AS organizations
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    if (!person) return null;
    const memberships = await queryRows<PersonDetailRow['memberships'][number]>(
      db,
      `SELECT m.organization_id AS "organizationId", o.name AS "organizationName", m.role,
              m.employee_number AS "employeeNumber", m.unit,
              (u.password_hash IS NULL AND u.sign_in_code_hash IS NULL AND NOT EXISTS (SELECT 1 FROM external_identities x WHERE x.user_id = u.id)) AS pending
         FROM memberships m JOIN organizations o ON o.id = m.organization_id JOIN users u ON u.id = m.user_id
        WHERE m.user_id = $1 ORDER BY lower(o.name)`,
      [userId],
    );
    const enrolments = await queryRows<PersonDetailRow['enrolments'][number]>(
      db,
      `SELECT e.id, cv.title AS "courseTitle", c.name AS "cohortName", o.name AS "organizationName", e.status,
              e.progress_percent AS "progressPercent", e.completed_at AS "completedAt", e.withdrawn_at AS "withdrawnAt", e.round
         FROM enrolments e JOIN course_versions cv ON cv.id = e.course_version_id
         LEFT JOIN cohorts c ON c.id = e.cohort_id LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.user_id = $1 ORDER BY e.created_at DESC`,
      [userId],
    );
    const certificates = await queryRows<PersonDetailRow['certificates'][number]>(
      db,
      `SELECT c.id, c.number, c.course_title AS "courseTitle", c.status, c.issued_at AS "issuedAt", c.valid_until AS "validUntil"
         FROM certificates c WHERE c.user_id = $1 ORDER BY c.issued_at DESC`,
      [userId],
    );
    return { ...person, memberships, enrolments, certificates };
  }

  /**
   * Everything Kindling holds about a person, as plain JSON-ready objects (the data-subject
   * export). Credentials (password and sign-in code hashes, token hashes) are named but not
   * included: they are secrets, not information about the person.
   */
  async exportData(userId: string, db: Db = this.dataSource): Promise<Record<string, unknown> | null> {
    const account = await queryFirst<Record<string, unknown>>(
      db,
      `SELECT id, email, username, name, certificate_name AS "certificateName", locale, locale_chosen AS "localeChosen",
              platform_roles AS "platformRoles", is_pupil AS "isPupil", class_name AS "className",
              email_verified_at AS "emailVerifiedAt", created_at AS "createdAt", updated_at AS "updatedAt",
              password_hash IS NOT NULL AS "hasPassword"
         FROM users WHERE id = $1`,
      [userId],
    );
    if (!account) return null;
    const q = (sql: string) => queryRows<Record<string, unknown>>(db, sql, [userId]);
    const [memberships, enrolments, lessonCompletions, quizAttempts, selfAssessments, certificates, nameRequests, externalIdentities, reminderOptOut, reminders, activity] =
      await Promise.all([
        q(`SELECT m.organization_id AS "organizationId", o.name AS "organizationName", m.role, m.employee_number AS "employeeNumber", m.unit, m.created_at AS "since"
             FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = $1 ORDER BY m.created_at`),
        q(`SELECT e.id, cv.title AS "courseTitle", cv.version AS "courseVersion", c.name AS "cohortName", o.name AS "organizationName",
                  e.status, e.progress_percent AS "progressPercent", e.learning_seconds AS "learningSeconds", e.best_final_score AS "bestFinalScore",
                  e.started_at AS "startedAt", e.last_activity_at AS "lastActivityAt", e.completed_at AS "completedAt",
                  e.withdrawn_at AS "withdrawnAt", e.created_at AS "enrolledAt", e.round, to_char(e.due_on, 'YYYY-MM-DD') AS "dueOn"
             FROM enrolments e JOIN course_versions cv ON cv.id = e.course_version_id
             LEFT JOIN cohorts c ON c.id = e.cohort_id LEFT JOIN organizations o ON o.id = e.organization_id
            WHERE e.user_id = $1 ORDER BY e.created_at`),
        q(`SELECT lc.enrolment_id AS "enrolmentId", l.title AS "lessonTitle", lc.completed_at AS "completedAt"
             FROM lesson_completions lc JOIN enrolments e ON e.id = lc.enrolment_id JOIN lessons l ON l.id = lc.lesson_id
            WHERE e.user_id = $1 ORDER BY lc.completed_at`),
        q(`SELECT a.enrolment_id AS "enrolmentId", qz.title AS "quizTitle", a.attempt_no AS "attempt", a.answers, a.score_percent AS "scorePercent",
                  a.passed, a.started_at AS "startedAt", a.submitted_at AS "submittedAt"
             FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id JOIN quizzes qz ON qz.id = a.quiz_id
            WHERE e.user_id = $1 ORDER BY a.started_at`),
        q(`SELECT r.enrolment_id AS "enrolmentId", r.phase, r.answers, r.scores, r.submitted_at AS "submittedAt"
             FROM self_assessment_responses r JOIN enrolments e ON e.id = r.enrolment_id WHERE e.user_id = $1 ORDER BY r.submitted_at`),
        q(`SELECT c.id, c.number, c.holder_name AS "holderName", c.course_title AS "courseTitle", c.hours, c.organization_name AS "organizationName",
                  c.completed_at AS "completedAt", c.issued_at AS "issuedAt", c.valid_until AS "validUntil", c.status,
                  c.revoked_at AS "revokedAt", c.revocation_reason AS "revocationReason", d.verification_code AS "verificationCode", d.sha256,
                  d.storage_key AS "storageKey"
             FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.user_id = $1 ORDER BY c.issued_at`),
        q(`SELECT requested_name AS "requestedName", previous_name AS "previousName", status, requested_at AS "requestedAt", decided_at AS "decidedAt", decision_note AS "decisionNote"
             FROM certificate_name_requests WHERE user_id = $1 ORDER BY requested_at`),
        q(`SELECT p.display_name AS "provider", x.email, x.employee_number AS "employeeNumber", x.last_sign_in_at AS "lastSignInAt", x.created_at AS "linkedAt"
             FROM external_identities x JOIN identity_providers p ON p.id = x.provider_id WHERE x.user_id = $1`),
        q(`SELECT opted_out_at AS "optedOutAt" FROM reminder_opt_outs WHERE user_id = $1`),
        q(`SELECT d.enrolment_id AS "enrolmentId", d.step, d.sent_at AS "sentAt"
             FROM reminder_deliveries d JOIN enrolments e ON e.id = d.enrolment_id WHERE e.user_id = $1 AND d.sent_at IS NOT NULL ORDER BY d.sent_at`),
        q(`SELECT at, action, subject_type AS "subjectType", subject_id AS "subjectId", data,
                  CASE WHEN actor_id = $1 THEN 'by you' ELSE 'about you' END AS "role"
             FROM audit_events WHERE actor_id = $1 OR (subject_type = 'user' AND subject_id = $1::text) ORDER BY id LIMIT 10000`),
      ]);
    return {
      account,
      memberships,
      enrolments,
      lessonCompletions,
      quizAttempts,
      selfAssessments,
      certificates,
      certificateNameRequests: nameRequests,
      externalIdentities,
      reminderOptOut: reminderOptOut[0] ?? null,
      remindersSent: reminders,
      activityLog: activity,
    };
  }

  /**
   * A member of the organisation as an invitation needs them, with whether they can sign in
   * already and when they were last invited to it; null when not a member.
   */
  memberForInvitation(organizationId: string, userId: string, db: Db): Promise<{ email: string | null; name: string; can_sign_in: boolean; last_invited_at: Date | null } | null> {
    return queryFirst(
      db,
      `SELECT u.email, u.name,
              (u.password_hash IS NOT NULL OR u.sign_in_code_hash IS NOT NULL OR EXISTS (SELECT 1 FROM external_identities x WHERE x.user_id = u.id)) AS can_sign_in,
              (SELECT max(t.created_at) FROM one_time_tokens t WHERE t.user_id = u.id AND t.kind = 'invitation' AND t.organization_id = m.organization_id) AS last_invited_at
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND m.user_id = $2
          FOR UPDATE OF m`,
      [organizationId, userId],
    );
  }

  /** Locks the person's row; null when unknown. */
  lockPerson(userId: string, db: Db): Promise<{ id: string; erased_at: Date | null; platform_roles: PlatformRole[] } | null> {
    return queryFirst(db, `SELECT id, erased_at, platform_roles FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  }

  /**
   * Erases a person inside the caller's transaction (lock the row first with lockPerson):
   * the account becomes an anonymous tombstone (no name, e-mail, username, credentials,
   * roles), every way to sign in and every link to them (memberships, tokens, sessions,
   * external identities, name requests, reminder opt-out) is deleted; enrolments and their
   * progress stay, unnamed, for the cohorts' statistics; certificates stay verifiable without
   * a name and their stored PDFs and signed credentials (which print the name) are dropped.
   */
  async erase(userId: string, at: Date, db: Db): Promise<ErasureOutcome> {
    await db.query(
      `UPDATE users SET name = '', email = NULL, username = 'erased-' || id::text, password_hash = NULL, sign_in_code_hash = NULL,
              platform_roles = '{}', class_name = NULL, certificate_name = NULL, email_verified_at = NULL, erased_at = $2, updated_at = $2
        WHERE id = $1`,
      [userId, at],
    );
    // Sessions are revoked, not deleted: a revoked family is what ends the access tokens still out there.
    const families = await queryRows<{ family_id: string }>(
      db,
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
      [userId, at],
    );
    for (const table of ['memberships', 'one_time_tokens', 'external_identities', 'sso_link_requests', 'external_sessions', 'reminder_opt_outs', 'certificate_name_requests']) {
      await db.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
    }
    const certificates = await queryRows<{ id: string }>(
      db,
      `UPDATE certificates SET holder_name = '', holder_erased_at = $2 WHERE user_id = $1 RETURNING id`,
      [userId, at],
    );
    const ids = certificates.map((c) => c.id);
    const documents = await queryRows<{ storage_key: string }>(
      db,
      `UPDATE certificate_documents SET holder_name = '', credential_json = NULL WHERE certificate_id = ANY($1::uuid[]) RETURNING storage_key`,
      [ids],
    );
    await db.query(`UPDATE certificate_reissues SET holder_name = '' WHERE certificate_id = ANY($1::uuid[])`, [ids]);
    const enrolments = await queryFirst<{ n: number }>(db, `SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1`, [userId]);
    return {
      enrolments: enrolments?.n ?? 0,
      certificates: ids.length,
      storageKeys: documents.map((d) => d.storage_key),
      sessionFamilies: [...new Set(families.map((f) => f.family_id))],
    };
  }

  /**
   * Learners due for anonymisation under the retention rule: every enrolment withdrawn, the
   * last withdrawal before `cutoff`, no platform role, managing nothing, not erased yet.
   */
  async withdrawnBefore(cutoff: Date, limit: number, db: Db = this.dataSource): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      `SELECT u.id FROM users u
        WHERE u.erased_at IS NULL AND cardinality(u.platform_roles) = 0
          AND EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id AND (e.withdrawn_at IS NULL OR e.withdrawn_at >= $1))
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'manager')
        ORDER BY u.id LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }
}

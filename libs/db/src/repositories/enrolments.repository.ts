import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';
import { editionLocale, editionText } from './edition-sql.js';
import type { Scope } from './access.repository.js';

/**
 * The scope an enrolment belongs to: its organisation, or the nil UUID for self-enrolment (no
 * organisation). The unique index uq_enrolments_user_course_scope_round is over (user_id,
 * course_id, this expression, round); ON CONFLICT must name the same expression to find it.
 * Enrolling (uploads, the form, self-enrolment) writes round 1; later rounds are renewals
 * (RecertificationRepository.claimRenewals).
 */
export const ENROLMENT_SCOPE = `coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)`;

/** A course's published version, with what a new enrolment needs (its item counts, locale, self-enrolment). */
export interface PublishedVersionRow {
  version_id: string;
  self_enrolment: boolean;
  locale: string;
  lessons: number;
  quizzes: number;
}

/** Where `enrolOrReactivate` enrols users: the version, its totals and the scope (organisation and cohort, or none). */
export interface EnrolmentPlacement {
  courseId: string;
  versionId: string;
  cohortId: string | null;
  organizationId: string | null;
  itemsTotal: number;
  lessonsTotal: number;
}

/** A row `enrolOrReactivate` wrote: new (`inserted`) or a withdrawn one reactivated. */
export interface WrittenEnrolmentRow {
  id: string;
  user_id: string;
  inserted: boolean;
}

export interface WithdrawableRow {
  id: string;
  status: string;
  organization_id: string | null;
  user_id: string;
  withdrawn_at: Date | null;
}

export interface NamedRefJson {
  id: string;
  name: string;
}

export interface CertificateRefJson {
  id: string;
  number: string;
  status: string;
}

export interface MyEnrolmentRow {
  id: string;
  course_id: string;
  title: string;
  status: string;
  progress_percent: number;
  completed_at: Date | null;
  certificate: CertificateRefJson | null;
  due_on: string | null;
  last_lesson_id: string | null;
  organization: NamedRefJson | null;
  cohort: NamedRefJson | null;
  /** 1 for the first enrolment; 2, 3… for renewal rounds */
  round: number;
  /** a renewal round: when the certificate it renews expires (ISO day, UTC); null otherwise */
  renews_valid_until: string | null;
}

export interface EnrolmentDetailRow {
  id: string;
  status: 'active' | 'completed' | 'withdrawn';
  progress_percent: number;
  learning_seconds: number;
  pre_done: boolean;
  post_done: boolean;
  last_lesson_id: string | null;
  completed_at: Date | null;
  withdrawn_at: Date | null;
  course_id: string;
  version_id: string;
  user_id: string;
  /** in the learner's language edition when the course has one */
  title: string;
  locale: string;
  /** the language of the texts the learner reads (see EditionsRepository.forReader) */
  edition_locale: string;
  version: number;
  instrument_id: string | null;
  cohort: { id: string; name: string; dueOn: string | null } | null;
  organization: NamedRefJson | null;
  certificate: CertificateRefJson | null;
}

/** A version's outline and one enrolment's progress through it, as the learner's course page shows them. */
export interface OutlineWithProgress {
  modules: { id: string; title: string }[];
  lessons: { id: string; module_id: string; title: string; minutes: number | null }[];
  quizzes: { id: string; module_id: string; title: string; pass_mark: string; max_attempts: number | null; question_count: number }[];
  completions: { lesson_id: string; completed_at: Date }[];
  attempts: { quiz_id: string; used: number; open: boolean; best: string | null; passed: boolean }[];
}

type Db = EntityManager | DataSource;

/**
 * The one writer of the enrolment lifecycle — enrol, reactivate, withdraw, move to a newer
 * version — and the reads of a learner's enrolments. Also the few user and membership
 * statements bulk enrolment and pupil accounts need. Counters, progress and completion are
 * written by the progress side (counters, lesson completions, attempts), not here.
 */
@Injectable()
export class EnrolmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ── Enrol and reactivate ────────────────────────────────────────────────────────────────

  /** The published version of a course that is not archived, with its item counts; null otherwise. */
  async publishedVersion(courseId: string, db: Db = this.dataSource): Promise<PublishedVersionRow | null> {
    return queryFirst<PublishedVersionRow>(
      db,
      `SELECT v.id AS version_id, v.self_enrolment, v.locale,
              (SELECT count(*) FROM lessons l WHERE l.course_version_id = v.id)::int AS lessons,
              (SELECT count(*) FROM quizzes q WHERE q.course_version_id = v.id)::int AS quizzes
         FROM courses c JOIN course_versions v ON v.id = c.published_version_id
        WHERE c.id = $1 AND c.archived_at IS NULL`,
      [courseId],
    );
  }

  /**
   * One statement: new enrolments on the placement's version; a withdrawn enrolment of the same
   * course in the same scope is reactivated (moved to the placement's cohort); active and
   * completed ones are left alone and not returned. Pass `userIds` sorted (one lock order).
   */
  async enrolOrReactivate(userIds: string[], placement: EnrolmentPlacement, db: Db = this.dataSource): Promise<WrittenEnrolmentRow[]> {
    return queryRows<WrittenEnrolmentRow>(
      db,
      `INSERT INTO enrolments (user_id, course_id, course_version_id, cohort_id, organization_id, items_total, lessons_total)
       SELECT u, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::int, $7::int FROM unnest($1::uuid[]) AS u
       ON CONFLICT (user_id, course_id, (${ENROLMENT_SCOPE}), round) DO UPDATE
          SET status = CASE WHEN enrolments.completed_at IS NOT NULL THEN 'completed' ELSE 'active' END,
              withdrawn_at = NULL,
              cohort_id = coalesce(EXCLUDED.cohort_id, enrolments.cohort_id)
        WHERE enrolments.status = 'withdrawn'
       RETURNING id, user_id, (xmax = 0) AS inserted`,
      [userIds, placement.courseId, placement.versionId, placement.cohortId, placement.organizationId, placement.itemsTotal, placement.lessonsTotal],
    );
  }

  /**
   * The users' enrolments in a course within one scope (an organisation, or null for
   * self-enrolment): one per user, their newest round.
   */
  async findInScope(courseId: string, userIds: string[], organizationId: string | null, db: Db = this.dataSource): Promise<{ id: string; user_id: string }[]> {
    return queryRows<{ id: string; user_id: string }>(
      db,
      `SELECT DISTINCT ON (user_id) id, user_id FROM enrolments
        WHERE course_id = $1 AND user_id = ANY($2::uuid[])
          AND ${ENROLMENT_SCOPE} = coalesce($3::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
        ORDER BY user_id, round DESC`,
      [courseId, userIds, organizationId],
    );
  }

  // ── Accounts and memberships for bulk enrolment and pupils ──────────────────────────────

  /**
   * Accounts without a password for e-mails nobody has yet (they get an invitation); existing
   * e-mails are skipped. One language per line (`locales`, `localesChosen` parallel to `emails`):
   * chosen when the inviter's file named it, a default otherwise.
   */
  async createInvitedUsers(
    emails: string[],
    names: string[],
    locales: { locale: string; chosen: boolean }[],
    db: Db = this.dataSource,
  ): Promise<{ id: string; email: string; name: string }[]> {
    return queryRows<{ id: string; email: string; name: string }>(
      db,
      `INSERT INTO users (email, name, locale, locale_chosen)
       SELECT e, n, l, c FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) AS t(e, n, l, c)
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO NOTHING
       RETURNING id, email, name`,
      [emails, names, locales.map((l) => l.locale), locales.map((l) => l.chosen)],
    );
  }

  /** The accounts of these (lower-case) e-mails, with the e-mail lower-cased. */
  async usersByEmail(emails: string[], db: Db = this.dataSource): Promise<{ id: string; email: string }[]> {
    return queryRows<{ id: string; email: string }>(db, `SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])`, [emails]);
  }

  /**
   * Pupil accounts (no e-mail): one per generated username; a username already taken is skipped
   * and not returned (the caller draws another).
   */
  async createPupilUsers(
    pupils: { username: string; name: string; className: string | null; codeHash: string; locale: string; localeChosen: boolean }[],
    db: Db = this.dataSource,
  ): Promise<{ id: string; username: string }[]> {
    return queryRows<{ id: string; username: string }>(
      db,
      `INSERT INTO users (username, name, is_pupil, class_name, sign_in_code_hash, locale, locale_chosen)
       SELECT u, n, true, c, h, l, lc FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[]) AS t(u, n, c, h, l, lc)
       ON CONFLICT (lower(username)) WHERE username IS NOT NULL DO NOTHING
       RETURNING id, username`,
      [
        pupils.map((p) => p.username),
        pupils.map((p) => p.name),
        pupils.map((p) => p.className),
        pupils.map((p) => p.codeHash),
        pupils.map((p) => p.locale),
        pupils.map((p) => p.localeChosen),
      ],
    );
  }

  /**
   * Learner memberships in the organisation; an existing membership (a manager, say) keeps its
   * role. `details` (by user id): the employee number and class/ward the import or form gave;
   * a value given replaces the stored one, a missing one keeps it.
   */
  async addLearnerMemberships(
    organizationId: string,
    userIds: string[],
    db: Db = this.dataSource,
    details: ReadonlyMap<string, { employeeNumber?: string; unit?: string }> = new Map(),
  ): Promise<void> {
    const numbers = userIds.map((u) => details.get(u)?.employeeNumber || null);
    const units = userIds.map((u) => details.get(u)?.unit || null);
    await db.query(
      `INSERT INTO memberships (organization_id, user_id, role, employee_number, unit)
       SELECT $1, u, 'learner', n, w FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(u, n, w)
       ON CONFLICT ON CONSTRAINT uq_memberships_org_user DO UPDATE
          SET employee_number = coalesce(EXCLUDED.employee_number, memberships.employee_number),
              unit = coalesce(EXCLUDED.unit, memberships.unit)
        WHERE EXCLUDED.employee_number IS NOT NULL OR EXCLUDED.unit IS NOT NULL`,
      [organizationId, userIds, numbers, units],
    );
  }

  // ── Withdraw ─────────────────────────────────────────────────────────────────────────────

  /** Locks the enrolment if the caller manages its organisation (admin: any). */
  async lockManaged(enrolmentId: string, scope: Pick<Scope, 'managed' | 'admin'>, db: Db = this.dataSource): Promise<WithdrawableRow | null> {
    return queryFirst<WithdrawableRow>(
      db,
      `SELECT id, status, organization_id, user_id, withdrawn_at FROM enrolments
        WHERE id = $1 AND (organization_id = ANY($2::uuid[]) OR $3::boolean) FOR UPDATE`,
      [enrolmentId, scope.managed, scope.admin],
    );
  }

  /** Marks the enrolment withdrawn (its progress and attempts stay); answers when. */
  async markWithdrawn(enrolmentId: string, db: Db = this.dataSource): Promise<Date> {
    const row = await queryFirst<{ withdrawn_at: Date }>(
      db,
      `UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1 RETURNING withdrawn_at`,
      [enrolmentId],
    );
    return row!.withdrawn_at;
  }

  // ── Move a cohort to a newer version ─────────────────────────────────────────────────────

  /** Locks the cohort's active enrolments that are not on `versionId`, in id order. */
  async lockActiveOnOtherVersion(
    cohortId: string, versionId: string, db: Db = this.dataSource, onlyNotStarted = false,
  ): Promise<{ id: string; course_version_id: string }[]> {
    return queryRows<{ id: string; course_version_id: string }>(
      db,
      `SELECT id, course_version_id FROM enrolments
        WHERE cohort_id = $1 AND status = 'active' AND course_version_id <> $2 AND (NOT $3 OR started_at IS NULL)
        ORDER BY id FOR UPDATE`,
      [cohortId, versionId, onlyNotStarted],
    );
  }

  /** Copies the enrolments' lesson completions to the same lessons (by lineage) of `versionId`; the old rows stay. */
  async carryLessonCompletions(enrolmentIds: string[], versionId: string, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO lesson_completions (enrolment_id, lesson_id, completed_at)
       SELECT lc.enrolment_id, nl.id, lc.completed_at
         FROM lesson_completions lc
         JOIN enrolments e ON e.id = lc.enrolment_id
         JOIN lessons ol ON ol.id = lc.lesson_id AND ol.course_version_id = e.course_version_id
         JOIN lessons nl ON nl.lineage_id = ol.lineage_id AND nl.course_version_id = $2
        WHERE e.id = ANY($1::uuid[])
       ON CONFLICT ON CONSTRAINT pk_lesson_completions DO NOTHING`,
      [enrolmentIds, versionId],
    );
  }

  /** Copies the enrolments' passed attempts to the same quizzes (by lineage) of `versionId`, numbered after any there. */
  async carryPassedAttempts(enrolmentIds: string[], versionId: string, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO quiz_attempts (enrolment_id, quiz_id, attempt_no, presented, answers, score_percent, passed, started_at, submitted_at)
       SELECT a.enrolment_id, nq.id,
              row_number() OVER (PARTITION BY a.enrolment_id, nq.id ORDER BY a.attempt_no)
                + coalesce((SELECT max(x.attempt_no) FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = nq.id), 0),
              a.presented, a.answers, a.score_percent, a.passed, a.started_at, a.submitted_at
         FROM quiz_attempts a
         JOIN enrolments e ON e.id = a.enrolment_id
         JOIN quizzes oq ON oq.id = a.quiz_id AND oq.course_version_id = e.course_version_id
         JOIN quizzes nq ON nq.lineage_id = oq.lineage_id AND nq.course_version_id = $2
        WHERE e.id = ANY($1::uuid[]) AND a.passed`,
      [enrolmentIds, versionId],
    );
  }

  /** Points the enrolments at `versionId` (their counters are recomputed by the caller). */
  async moveToVersion(enrolmentIds: string[], versionId: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE enrolments SET course_version_id = $2 WHERE id = ANY($1::uuid[])`, [enrolmentIds, versionId]);
  }

  // ── Reads ────────────────────────────────────────────────────────────────────────────────

  /** The learner's enrolments: active first, then completed, then withdrawn; recent activity first. */
  async listForLearner(userId: string): Promise<MyEnrolmentRow[]> {
    return queryRows<MyEnrolmentRow>(
      this.dataSource,
      `SELECT e.id, e.course_id, ${editionText({ kind: 'course', field: 'title', fallback: 'v.title', versionExpr: 'v.id', lineageExpr: 'e.course_id', userExpr: 'e.user_id' })} AS title,
              e.status, e.progress_percent, e.completed_at, e.last_lesson_id,
              to_char(coalesce(e.due_on, c.due_on), 'YYYY-MM-DD') AS due_on,
              (SELECT json_build_object('id', ce.id, 'number', ce.number, 'status', ce.status)
                 FROM certificates ce WHERE ce.enrolment_id = e.id) AS certificate,
              CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organization,
              CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'name', c.name) END AS cohort,
              e.round,
              (SELECT to_char(rc.valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM certificates rc WHERE rc.id = e.renews_certificate_id) AS renews_valid_until
         FROM enrolments e
         JOIN course_versions v ON v.id = e.course_version_id
         LEFT JOIN cohorts c ON c.id = e.cohort_id
         LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.user_id = $1
        ORDER BY (e.status = 'withdrawn'), (e.status = 'completed'), e.last_activity_at DESC NULLS LAST, e.created_at DESC`,
      [userId],
    );
  }

  /** The learner's own enrolment, or one in an organisation the caller manages (admin: any). */
  async findDetail(enrolmentId: string, scope: Scope): Promise<EnrolmentDetailRow | null> {
    return queryFirst<EnrolmentDetailRow>(
      this.dataSource,
      `SELECT e.id, e.status, e.progress_percent, e.learning_seconds, e.pre_done, e.post_done, e.last_lesson_id,
              e.completed_at, e.withdrawn_at, e.course_id, e.user_id, v.id AS version_id,
              ${editionText({ kind: 'course', field: 'title', fallback: 'v.title', versionExpr: 'v.id', lineageExpr: 'e.course_id', userExpr: 'e.user_id' })} AS title,
              v.locale, ${editionLocale('v', 'e.user_id')} AS edition_locale, v.version, v.instrument_id,
              CASE WHEN c.id IS NULL THEN NULL
                   ELSE json_build_object('id', c.id, 'name', c.name, 'dueOn', to_char(coalesce(e.due_on, c.due_on), 'YYYY-MM-DD')) END AS cohort,
              CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organization,
              (SELECT json_build_object('id', ce.id, 'number', ce.number, 'status', ce.status)
                 FROM certificates ce WHERE ce.enrolment_id = e.id) AS certificate
         FROM enrolments e
         JOIN course_versions v ON v.id = e.course_version_id
         LEFT JOIN cohorts c ON c.id = e.cohort_id
         LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.id = $1 AND (e.user_id = $2 OR e.organization_id = ANY($3::uuid[]) OR $4::boolean)`,
      [enrolmentId, scope.userId, scope.managed, scope.admin],
    );
  }

  /** The version's modules, lessons and quizzes in outline order, and the enrolment's completions and attempts (five queries at once). */
  async outlineWithProgress(versionId: string, enrolmentId: string, readerId: string | null = null): Promise<OutlineWithProgress> {
    const db = this.dataSource;
    // Titles in the reader's language edition (the enrolment's learner), else the default language's.
    const title = (kind: 'module' | 'lesson' | 'quiz', alias: string) =>
      editionText({ kind, field: 'title', fallback: `${alias}.title`, versionExpr: '$1', lineageExpr: `${alias}.lineage_id`, userExpr: '$2::uuid' });
    const [modules, lessons, quizzes, completions, attempts] = await Promise.all([
      queryRows<OutlineWithProgress['modules'][number]>(
        db,
        `SELECT m.id, ${title('module', 'm')} AS title FROM modules m WHERE m.course_version_id = $1 ORDER BY m.position, m.id`,
        [versionId, readerId],
      ),
      queryRows<OutlineWithProgress['lessons'][number]>(
        db,
        `SELECT l.id, l.module_id, ${title('lesson', 'l')} AS title, l.minutes FROM lessons l WHERE l.course_version_id = $1 ORDER BY l.position, l.id`,
        [versionId, readerId],
      ),
      queryRows<OutlineWithProgress['quizzes'][number]>(
        db,
        `SELECT q.id, q.module_id, ${title('quiz', 'q')} AS title, q.pass_mark, q.max_attempts, quiz_question_count(q.questions, q.draws)::int AS question_count
           FROM quizzes q WHERE q.course_version_id = $1 ORDER BY q.position, q.id`,
        [versionId, readerId],
      ),
      queryRows<OutlineWithProgress['completions'][number]>(db, `SELECT lesson_id, completed_at FROM lesson_completions WHERE enrolment_id = $1`, [
        enrolmentId,
      ]),
      queryRows<OutlineWithProgress['attempts'][number]>(
        db,
        // An attempt counts as used once submitted; a started one is "open" (libs/domain quiz/review.ts).
        `SELECT quiz_id, (count(*) FILTER (WHERE submitted_at IS NOT NULL))::int AS used, bool_or(submitted_at IS NULL) AS open,
                max(score_percent) AS best, bool_or(coalesce(passed, false)) AS passed
           FROM quiz_attempts WHERE enrolment_id = $1 GROUP BY quiz_id`,
        [enrolmentId],
      ),
    ]);
    return { modules, lessons, quizzes, completions, attempts };
  }
}

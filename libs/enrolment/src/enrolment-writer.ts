import { type AuditEventInput, recordAuditBatch } from '@kindling/db';
import type { EntityManager } from 'typeorm';

/** The published version a new enrolment starts on, with its item counts. */
export interface EnrolmentTarget {
  courseId: string;
  versionId: string;
  lessonsTotal: number;
  quizzesTotal: number;
  cohortId: string | null;
  organizationId: string | null;
}

export type EnrolmentOutcome = 'enrolled' | 'reactivated' | 'already';

export interface EnrolmentRowResult {
  enrolmentId: string;
  userId: string;
  outcome: EnrolmentOutcome;
}

/** The published version of a course (404-worthy when null). */
export async function publishedTarget(
  em: EntityManager,
  courseId: string,
  cohort: { id: string; organizationId: string } | null,
): Promise<(EnrolmentTarget & { selfEnrolment: boolean; locale: string }) | null> {
  const rows: { version_id: string; self_enrolment: boolean; locale: string; lessons: number; quizzes: number }[] = await em.query(
    `SELECT v.id AS version_id, v.self_enrolment, v.locale,
            (SELECT count(*) FROM lessons l WHERE l.course_version_id = v.id)::int AS lessons,
            (SELECT count(*) FROM quizzes q WHERE q.course_version_id = v.id)::int AS quizzes
       FROM courses c JOIN course_versions v ON v.id = c.published_version_id
      WHERE c.id = $1 AND c.archived_at IS NULL`,
    [courseId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    courseId,
    versionId: row.version_id,
    lessonsTotal: row.lessons,
    quizzesTotal: row.quizzes,
    cohortId: cohort?.id ?? null,
    organizationId: cohort?.organizationId ?? null,
    selfEnrolment: row.self_enrolment,
    locale: row.locale,
  };
}

/**
 * The scope an enrolment belongs to: its organisation, or the nil UUID for self-enrolment (no
 * organisation). The unique index uq_enrolments_user_course_scope is over (user_id, course_id,
 * this expression); ON CONFLICT must name the same expression to find it.
 */
export const ENROLMENT_SCOPE = `coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)`;

/**
 * Enrols users in one statement, within the target's scope (its organisation, or self-enrolment):
 * new rows start on the published version with their totals; a withdrawn enrolment of the same
 * course IN THE SAME SCOPE is reactivated (same row, history kept, moved to this cohort); one that
 * is active or completed is left alone ("already"). An enrolment another organisation owns is
 * never touched, moved or reported: this scope gets an enrolment of its own, and the other keeps
 * its progress, attempts and certificate. One audit event per enrolled or reactivated learner,
 * in the same transaction.
 */
export async function enrolUsers(
  em: EntityManager,
  userIds: string[],
  target: EnrolmentTarget,
  actorId: string | null,
  source: string,
): Promise<EnrolmentRowResult[]> {
  if (userIds.length === 0) return [];
  // One order for every writer, so concurrent uploads with overlapping learners cannot deadlock.
  userIds = [...new Set(userIds)].sort();
  const written: { id: string; user_id: string; inserted: boolean }[] = await em.query(
    `INSERT INTO enrolments (user_id, course_id, course_version_id, cohort_id, organization_id, items_total, lessons_total)
     SELECT u, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::int, $7::int FROM unnest($1::uuid[]) AS u
     ON CONFLICT (user_id, course_id, (${ENROLMENT_SCOPE})) DO UPDATE
        SET status = CASE WHEN enrolments.completed_at IS NOT NULL THEN 'completed' ELSE 'active' END,
            withdrawn_at = NULL,
            cohort_id = coalesce(EXCLUDED.cohort_id, enrolments.cohort_id)
      WHERE enrolments.status = 'withdrawn'
     RETURNING id, user_id, (xmax = 0) AS inserted`,
    [userIds, target.courseId, target.versionId, target.cohortId, target.organizationId, target.lessonsTotal + target.quizzesTotal, target.lessonsTotal],
  );
  const byUser = new Map(written.map((w) => [w.user_id, w]));
  const untouched = userIds.filter((u) => !byUser.has(u));
  const existing: { id: string; user_id: string }[] =
    untouched.length === 0
      ? []
      : await em.query(
          `SELECT id, user_id FROM enrolments
            WHERE course_id = $1 AND user_id = ANY($2::uuid[])
              AND ${ENROLMENT_SCOPE} = coalesce($3::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`,
          [target.courseId, untouched, target.organizationId],
        );
  const results: EnrolmentRowResult[] = [
    ...written.map((w): EnrolmentRowResult => ({ enrolmentId: w.id, userId: w.user_id, outcome: w.inserted ? 'enrolled' : 'reactivated' })),
    ...existing.map((e): EnrolmentRowResult => ({ enrolmentId: e.id, userId: e.user_id, outcome: 'already' })),
  ];
  const events: AuditEventInput[] = results
    .filter((r) => r.outcome !== 'already')
    .map((r) => ({
      organizationId: target.organizationId,
      actorId,
      action: r.outcome === 'enrolled' ? 'enrolment.created' : 'enrolment.reactivated',
      subjectType: 'enrolment',
      subjectId: r.enrolmentId,
      data: { userId: r.userId, courseId: target.courseId, courseVersionId: target.versionId, cohortId: target.cohortId, source },
    }));
  await recordAuditBatch(em, events);
  return results;
}

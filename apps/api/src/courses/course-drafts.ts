import type { EntityManager } from 'typeorm';
import { conflict, notFound } from '@kindling/common';
import type { AuthorScope } from '../common/auth/access.service.js';

export interface LockedCourse {
  id: string;
  published_version_id: string | null;
  draft_version_id: string | null;
  archived_at: Date | null;
}

export type VersionedItem = 'module' | 'lesson' | 'quiz';
const TABLE: Record<VersionedItem, string> = { module: 'modules', lesson: 'lessons', quiz: 'quizzes' };

/** An item of the course's draft, found from an id of any version of the course. */
export interface DraftItem {
  courseId: string;
  draftVersionId: string;
  id: string;
  lineageId: string;
  /** the draft module holding a lesson or quiz (the module itself for a module) */
  moduleId: string;
}

/**
 * Edits always land on the course's draft version. A published course gets its draft on the
 * first edit: the published version is copied with its modules, lessons and quizzes (new ids,
 * the same lineage ids), so learners enrolled in the published version never see the edit.
 * All functions run inside the caller's transaction and lock the course row, so concurrent
 * first edits create one draft.
 */
export async function lockEditableCourse(
  em: EntityManager,
  courseId: string,
  scope: AuthorScope,
  options: { allowArchived?: boolean } = {},
): Promise<LockedCourse> {
  const rows = (await em.query(
    `SELECT id, published_version_id, draft_version_id, archived_at
       FROM courses WHERE id = $1 AND (author_id = $2 OR $3) FOR UPDATE`,
    [courseId, scope.userId, scope.admin],
  )) as LockedCourse[];
  const course = rows[0];
  if (!course) throw notFound('course');
  if (course.archived_at && !options.allowArchived) throw conflict('the course is archived and can no longer be edited');
  return course;
}

/** The id of the course's draft version, creating it from the published version if needed. */
export async function ensureDraft(em: EntityManager, courseId: string, scope: AuthorScope): Promise<string> {
  const course = await lockEditableCourse(em, courseId, scope);
  if (course.draft_version_id) {
    await em.query(`UPDATE course_versions SET updated_at = now() WHERE id = $1`, [course.draft_version_id]);
    return course.draft_version_id;
  }
  if (!course.published_version_id) throw new Error(`course ${courseId} has neither a draft nor a published version`);
  const draftId = await cloneVersion(em, courseId, course.published_version_id);
  await em.query(`UPDATE courses SET draft_version_id = $1 WHERE id = $2`, [draftId, courseId]);
  return draftId;
}

/** Copies a version and its content into a new draft version n+1; set-based, one statement per table. */
async function cloneVersion(em: EntityManager, courseId: string, fromVersionId: string): Promise<string> {
  const [created] = (await em.query(
    `INSERT INTO course_versions (course_id, version, status, title, summary, locale, accreditation_body, accreditation_reference,
                                  accreditation_hours, min_minutes, self_enrolment, instrument_id)
     SELECT course_id, (SELECT max(version) + 1 FROM course_versions WHERE course_id = $1), 'draft', title, summary, locale,
            accreditation_body, accreditation_reference, accreditation_hours, min_minutes, self_enrolment, instrument_id
       FROM course_versions WHERE id = $2
     RETURNING id`,
    [courseId, fromVersionId],
  )) as { id: string }[];
  const draftId = created!.id;
  await em.query(
    `INSERT INTO modules (course_version_id, lineage_id, title, position)
     SELECT $1, lineage_id, title, position FROM modules WHERE course_version_id = $2`,
    [draftId, fromVersionId],
  );
  await em.query(
    `INSERT INTO lessons (module_id, course_version_id, lineage_id, title, body, body_html, video_url, minutes, position)
     SELECT nm.id, $1, l.lineage_id, l.title, l.body, l.body_html, l.video_url, l.minutes, l.position
       FROM lessons l
       JOIN modules om ON om.id = l.module_id
       JOIN modules nm ON nm.course_version_id = $1 AND nm.lineage_id = om.lineage_id
      WHERE l.course_version_id = $2`,
    [draftId, fromVersionId],
  );
  await em.query(
    `INSERT INTO quizzes (module_id, course_version_id, lineage_id, title, pass_mark, max_attempts, shuffle_questions, shuffle_options,
                          questions, position)
     SELECT nm.id, $1, q.lineage_id, q.title, q.pass_mark, q.max_attempts, q.shuffle_questions, q.shuffle_options, q.questions, q.position
       FROM quizzes q
       JOIN modules om ON om.id = q.module_id
       JOIN modules nm ON nm.course_version_id = $1 AND nm.lineage_id = om.lineage_id
      WHERE q.course_version_id = $2`,
    [draftId, fromVersionId],
  );
  return draftId;
}

/**
 * Finds the draft's counterpart of a module, lesson or quiz. The id may belong to any version
 * of a course the caller may edit: ids of the published or a retired version are mapped to
 * the draft by lineage (documented on each route). 404 when the caller may not edit the
 * course; 409 when the item was deleted from the draft.
 */
export async function draftItem(em: EntityManager, kind: VersionedItem, id: string, scope: AuthorScope): Promise<DraftItem> {
  const table = TABLE[kind];
  const found = (await em.query(
    `SELECT x.lineage_id, cv.course_id
       FROM ${table} x
       JOIN course_versions cv ON cv.id = x.course_version_id
       JOIN courses c ON c.id = cv.course_id
      WHERE x.id = $1 AND (c.author_id = $2 OR $3)`,
    [id, scope.userId, scope.admin],
  )) as { lineage_id: string; course_id: string }[];
  const origin = found[0];
  if (!origin) throw notFound(kind);
  const draftVersionId = await ensureDraft(em, origin.course_id, scope);
  const moduleColumn = kind === 'module' ? 'id' : 'module_id';
  const inDraft = (await em.query(
    `SELECT id, ${moduleColumn} AS module_id FROM ${table} WHERE course_version_id = $1 AND lineage_id = $2`,
    [draftVersionId, origin.lineage_id],
  )) as { id: string; module_id: string }[];
  const item = inDraft[0];
  if (!item) throw conflict(`this ${kind} was deleted from the draft version of the course`);
  return { courseId: origin.course_id, draftVersionId, id: item.id, lineageId: origin.lineage_id, moduleId: item.module_id };
}

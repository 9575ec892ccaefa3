import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CourseSeed } from '@kindling/content';
import { recordAudit, rowsOf, type StoredQuizQuestion } from '@kindling/db';
import { type Locale, type QuizQuestionDefinition, validateQuizDefinition } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/index.js';
import { conflict, invalid, notFound } from '@kindling/common';
import { type AuthorScope, authorScopeOf } from '../common/auth/access.service.js';
import { draftItem, ensureDraft, lockEditableCourse } from './course-drafts.js';
import type { CreateCourseDto, UpdateCourseDto } from './dto/course.dto.js';
import type { CreateLessonDto, UpdateLessonDto } from './dto/lesson.dto.js';
import type { ModuleOrderDto, ModuleTitleDto, LessonOrderDto } from './dto/module.dto.js';
import type { QuizBodyDto } from './dto/quiz.dto.js';
import type {
  AuthorQuizView, CourseCreatedView, CreatedView, LessonOrderView, LessonView, ModuleOrderView, PositionedView, PublishResultView,
} from './dto/responses.js';
import { renderLessonHtml } from './lesson-markdown.js';

interface CourseFields {
  title: string;
  summary?: string | null;
  locale: Locale;
  accreditation?: { body: string; reference: string; hours: number } | null;
  completion?: { minMinutes?: number | null } | null;
  selfEnrolment?: boolean;
}

interface LessonFields {
  title: string;
  body: string;
  minutes?: number | null;
  videoUrl?: string | null;
}

interface QuizFields {
  title: string;
  passMark: number;
  maxAttempts?: number | null;
  shuffleQuestions?: boolean;
  shuffleOptions?: boolean;
  questions: QuizQuestionDefinition[];
}

interface LessonRow {
  id: string;
  title: string;
  body: string;
  body_html: string;
  video_url: string | null;
  minutes: number | null;
}

interface QuizRow {
  id: string;
  module_id: string;
  title: string;
  pass_mark: string;
  max_attempts: number | null;
  shuffle_questions: boolean;
  shuffle_options: boolean;
  questions: StoredQuizQuestion[];
}

/**
 * Writing courses: the course, its modules, lessons and quizzes, publishing and archiving.
 * Every edit lands on the course's draft version (see course-drafts.ts); learners enrolled
 * in a published version keep it until a manager moves them.
 */
@Injectable()
export class CourseAuthoringService {
  constructor(private readonly dataSource: DataSource) {}

  // ---------- course ----------

  async createCourse(actor: Actor, dto: CreateCourseDto): Promise<CourseCreatedView> {
    authorScopeOf(actor);
    return this.dataSource.transaction(async (em) => {
      const created = await this.insertCourse(em, actor.userId, dto);
      return { id: created.courseId, status: 'draft', version: 1 };
    });
  }

  /** Applies a partial update to the draft; answers the draft's id so the caller can fetch the outline. */
  async updateCourse(actor: Actor, courseId: string, dto: UpdateCourseDto): Promise<void> {
    const scope = authorScopeOf(actor);
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (dto.title !== undefined) set('title', dto.title.trim());
    if (dto.summary !== undefined) set('summary', dto.summary.trim());
    if (dto.locale !== undefined) set('locale', dto.locale);
    if (dto.accreditation !== undefined) {
      set('accreditation_body', dto.accreditation?.body.trim() ?? null);
      set('accreditation_reference', dto.accreditation?.reference.trim() ?? null);
      set('accreditation_hours', dto.accreditation?.hours ?? null);
    }
    if (dto.completion !== undefined) set('min_minutes', dto.completion?.minMinutes ?? null);
    if (dto.selfEnrolment !== undefined) set('self_enrolment', dto.selfEnrolment);
    await this.dataSource.transaction(async (em) => {
      const draftId = await ensureDraft(em, courseId, scope);
      if (sets.length === 0) return;
      values.push(draftId);
      await em.query(`UPDATE course_versions SET ${sets.join(', ')}, updated_at = now() WHERE id = $${values.length}`, values);
    });
  }

  async publish(actor: Actor, courseId: string): Promise<PublishResultView> {
    const scope = authorScopeOf(actor);
    return this.dataSource.transaction((em) => this.publishIn(em, courseId, scope, actor.userId));
  }

  async archive(actor: Actor, courseId: string): Promise<PublishResultView> {
    const scope = authorScopeOf(actor);
    return this.dataSource.transaction(async (em) => {
      const course = await lockEditableCourse(em, courseId, scope, { allowArchived: true });
      const versionId = course.published_version_id ?? course.draft_version_id;
      const [row] = (await em.query(`SELECT version FROM course_versions WHERE id = $1`, [versionId])) as { version: number }[];
      const version = row!.version;
      if (course.archived_at) return { status: 'archived', version };
      await em.query(`UPDATE courses SET archived_at = now() WHERE id = $1`, [courseId]);
      if (course.published_version_id) {
        await em.query(`UPDATE course_versions SET status = 'archived', updated_at = now() WHERE id = $1`, [course.published_version_id]);
      }
      await recordAudit(em, {
        organizationId: null, actorId: actor.userId, action: 'course.archived', subjectType: 'course', subjectId: courseId, data: { version },
      });
      return { status: 'archived', version };
    });
  }

  // ---------- modules ----------

  async addModule(actor: Actor, courseId: string, dto: ModuleTitleDto): Promise<PositionedView> {
    const scope = authorScopeOf(actor);
    return this.dataSource.transaction(async (em) => {
      const draftId = await ensureDraft(em, courseId, scope);
      return this.insertModule(em, draftId, dto.title);
    });
  }

  async renameModule(actor: Actor, moduleId: string, dto: ModuleTitleDto): Promise<{ id: string; title: string }> {
    const scope = authorScopeOf(actor, 'module');
    return this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'module', moduleId, scope);
      await em.query(`UPDATE modules SET title = $1 WHERE id = $2`, [dto.title.trim(), item.id]);
      return { id: item.id, title: dto.title.trim() };
    });
  }

  async deleteModule(actor: Actor, moduleId: string): Promise<void> {
    const scope = authorScopeOf(actor, 'module');
    await this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'module', moduleId, scope);
      await em.query(`DELETE FROM modules WHERE id = $1`, [item.id]);
      await em.query(
        `UPDATE modules m SET position = o.position
           FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS position FROM modules WHERE course_version_id = $1) o
          WHERE m.id = o.id AND m.position <> o.position`,
        [item.draftVersionId],
      );
    });
  }

  async orderModules(actor: Actor, courseId: string, dto: ModuleOrderDto): Promise<ModuleOrderView> {
    const scope = authorScopeOf(actor);
    return this.dataSource.transaction(async (em) => {
      const draftId = await ensureDraft(em, courseId, scope);
      const ids = await this.reorder(em, {
        table: 'modules', parentColumn: 'course_version_id', parentId: draftId, courseId, given: dto.moduleIds, field: 'moduleIds', what: 'module',
      });
      return { moduleIds: ids };
    });
  }

  // ---------- lessons ----------

  async addLesson(actor: Actor, moduleId: string, dto: CreateLessonDto): Promise<PositionedView> {
    const scope = authorScopeOf(actor, 'module');
    return this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'module', moduleId, scope);
      return this.insertLesson(em, item.draftVersionId, item.id, dto);
    });
  }

  async updateLesson(actor: Actor, lessonId: string, dto: UpdateLessonDto): Promise<LessonView> {
    const scope = authorScopeOf(actor, 'lesson');
    return this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'lesson', lessonId, scope);
      const sets: string[] = [];
      const values: unknown[] = [];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (dto.title !== undefined) set('title', dto.title.trim());
      if (dto.body !== undefined) {
        set('body', dto.body);
        set('body_html', renderLessonHtml(dto.body));
      }
      if (dto.minutes !== undefined) set('minutes', dto.minutes);
      if (dto.videoUrl !== undefined) set('video_url', dto.videoUrl);
      values.push(item.id);
      const result: unknown = await em.query(
        sets.length > 0
          ? `UPDATE lessons SET ${sets.join(', ')} WHERE id = $${values.length} RETURNING id, title, body, body_html, video_url, minutes`
          : `SELECT id, title, body, body_html, video_url, minutes FROM lessons WHERE id = $1`,
        values,
      );
      return lessonView(firstRow<LessonRow>(result));
    });
  }

  async deleteLesson(actor: Actor, lessonId: string): Promise<void> {
    const scope = authorScopeOf(actor, 'lesson');
    await this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'lesson', lessonId, scope);
      await em.query(`DELETE FROM lessons WHERE id = $1`, [item.id]);
      await em.query(
        `UPDATE lessons l SET position = o.position
           FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS position FROM lessons WHERE module_id = $1) o
          WHERE l.id = o.id AND l.position <> o.position`,
        [item.moduleId],
      );
    });
  }

  async orderLessons(actor: Actor, moduleId: string, dto: LessonOrderDto): Promise<LessonOrderView> {
    const scope = authorScopeOf(actor, 'module');
    return this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'module', moduleId, scope);
      const ids = await this.reorder(em, {
        table: 'lessons', parentColumn: 'module_id', parentId: item.id, courseId: item.courseId, given: dto.lessonIds, field: 'lessonIds', what: 'lesson',
      });
      return { lessonIds: ids };
    });
  }

  // ---------- quizzes ----------

  async addQuiz(actor: Actor, moduleId: string, dto: QuizBodyDto): Promise<CreatedView> {
    const scope = authorScopeOf(actor, 'module');
    const questions = storedQuestions(dto.questions);
    return this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'module', moduleId, scope);
      return this.insertQuiz(em, item.draftVersionId, item.id, dto, questions);
    });
  }

  /** Replaces the quiz's settings and questions (the same body as creating it). */
  async updateQuiz(actor: Actor, quizId: string, dto: QuizBodyDto): Promise<AuthorQuizView> {
    const scope = authorScopeOf(actor, 'quiz');
    const questions = storedQuestions(dto.questions);
    return this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'quiz', quizId, scope);
      const result: unknown = await em.query(
        `UPDATE quizzes SET title = $2, pass_mark = $3, max_attempts = $4, shuffle_questions = $5, shuffle_options = $6, questions = $7
          WHERE id = $1
          RETURNING id, module_id, title, pass_mark, max_attempts, shuffle_questions, shuffle_options, questions`,
        [item.id, dto.title.trim(), dto.passMark, dto.maxAttempts ?? null, dto.shuffleQuestions ?? false, dto.shuffleOptions ?? false, JSON.stringify(questions)],
      );
      return authorQuizView(firstRow<QuizRow>(result));
    });
  }

  async deleteQuiz(actor: Actor, quizId: string): Promise<void> {
    const scope = authorScopeOf(actor, 'quiz');
    await this.dataSource.transaction(async (em) => {
      const item = await draftItem(em, 'quiz', quizId, scope);
      await em.query(`DELETE FROM quizzes WHERE id = $1`, [item.id]);
    });
  }

  // ---------- seeding ----------

  /**
   * Writes a whole course (the demo course, the scale seeder's course) in one transaction,
   * validated like the routes validate it; optionally publishes it.
   */
  async createFromSeed(authorId: string, seed: CourseSeed, opts: { publish: boolean }): Promise<{ courseId: string; version: number }> {
    const quizzes = seed.modules.flatMap((m) => m.quizzes);
    const problems = quizzes.flatMap((quiz) => validateQuizDefinition(quiz.questions).map((p) => `quiz "${quiz.title}": ${p}`));
    if (problems.length > 0) throw invalid(problems);
    return this.dataSource.transaction(async (em) => {
      const { courseId, versionId } = await this.insertCourse(em, authorId, seed);
      for (const module of seed.modules) {
        const { id: moduleId } = await this.insertModule(em, versionId, module.title);
        for (const lesson of module.lessons) await this.insertLesson(em, versionId, moduleId, lesson);
        for (const quiz of module.quizzes) await this.insertQuiz(em, versionId, moduleId, quiz, storedQuestions(quiz.questions));
      }
      if (!opts.publish) return { courseId, version: 1 };
      const published = await this.publishIn(em, courseId, { userId: authorId, admin: false }, authorId);
      return { courseId, version: published.version };
    });
  }

  // ---------- inside a transaction ----------

  private async insertCourse(em: EntityManager, authorId: string, fields: CourseFields): Promise<{ courseId: string; versionId: string }> {
    const [course] = (await em.query(`INSERT INTO courses (author_id) VALUES ($1) RETURNING id`, [authorId])) as { id: string }[];
    const courseId = course!.id;
    const [version] = (await em.query(
      `INSERT INTO course_versions (course_id, version, status, title, summary, locale, accreditation_body, accreditation_reference,
                                    accreditation_hours, min_minutes, self_enrolment)
       VALUES ($1, 1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        courseId, fields.title.trim(), (fields.summary ?? '').trim(), fields.locale,
        fields.accreditation?.body.trim() ?? null, fields.accreditation?.reference.trim() ?? null, fields.accreditation?.hours ?? null,
        fields.completion?.minMinutes ?? null, fields.selfEnrolment ?? false,
      ],
    )) as { id: string }[];
    const versionId = version!.id;
    await em.query(`UPDATE courses SET draft_version_id = $1 WHERE id = $2`, [versionId, courseId]);
    return { courseId, versionId };
  }

  private async insertModule(em: EntityManager, versionId: string, title: string): Promise<PositionedView> {
    const [row] = (await em.query(
      `INSERT INTO modules (course_version_id, title, position)
       VALUES ($1, $2, (SELECT coalesce(max(position) + 1, 0) FROM modules WHERE course_version_id = $1))
       RETURNING id, position`,
      [versionId, title.trim()],
    )) as PositionedView[];
    return row!;
  }

  private async insertLesson(em: EntityManager, versionId: string, moduleId: string, lesson: LessonFields): Promise<PositionedView> {
    const [row] = (await em.query(
      `INSERT INTO lessons (module_id, course_version_id, title, body, body_html, video_url, minutes, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT coalesce(max(position) + 1, 0) FROM lessons WHERE module_id = $1))
       RETURNING id, position`,
      [moduleId, versionId, lesson.title.trim(), lesson.body, renderLessonHtml(lesson.body), lesson.videoUrl ?? null, lesson.minutes ?? null],
    )) as PositionedView[];
    return row!;
  }

  private async insertQuiz(
    em: EntityManager, versionId: string, moduleId: string, quiz: QuizFields, questions: StoredQuizQuestion[],
  ): Promise<CreatedView> {
    const [row] = (await em.query(
      `INSERT INTO quizzes (module_id, course_version_id, title, pass_mark, max_attempts, shuffle_questions, shuffle_options, questions, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT coalesce(max(position) + 1, 0) FROM quizzes WHERE module_id = $1))
       RETURNING id`,
      [moduleId, versionId, quiz.title.trim(), quiz.passMark, quiz.maxAttempts ?? null, quiz.shuffleQuestions ?? false, quiz.shuffleOptions ?? false,
        JSON.stringify(questions)],
    )) as CreatedView[];
    return { id: row!.id };
  }

  private async publishIn(em: EntityManager, courseId: string, scope: AuthorScope, actorId: string): Promise<PublishResultView> {
    const course = await lockEditableCourse(em, courseId, scope);
    if (!course.draft_version_id) {
      // Nothing was edited since the last publication: publishing again changes nothing.
      const [current] = (await em.query(`SELECT version FROM course_versions WHERE id = $1`, [course.published_version_id])) as { version: number }[];
      if (!current) throw notFound('course');
      return { status: 'published', version: current.version };
    }
    const draftId = course.draft_version_id;
    const [counts] = (await em.query(`SELECT count(*)::int AS lessons FROM lessons WHERE course_version_id = $1`, [draftId])) as { lessons: number }[];
    if ((counts?.lessons ?? 0) === 0) throw invalid('the course has no lesson: add at least one lesson before publishing');
    if (course.published_version_id) {
      await em.query(`UPDATE course_versions SET status = 'retired', updated_at = now() WHERE id = $1`, [course.published_version_id]);
    }
    const { version } = firstRow<{ version: number }>(
      await em.query(
        `UPDATE course_versions SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1 RETURNING version`,
        [draftId],
      ),
    );
    await em.query(`UPDATE courses SET published_version_id = $1, draft_version_id = NULL WHERE id = $2`, [draftId, courseId]);
    await recordAudit(em, {
      organizationId: null, actorId, action: 'course.published', subjectType: 'course', subjectId: courseId,
      data: { version, versionId: draftId, previousVersionId: course.published_version_id },
    });
    return { status: 'published', version };
  }

  /**
   * Sets positions from an ordered list that must be a permutation of the parent's items.
   * Ids of any version of the course are accepted and mapped to the draft by lineage.
   */
  private async reorder(
    em: EntityManager,
    o: { table: 'modules' | 'lessons'; parentColumn: string; parentId: string; courseId: string; given: string[]; field: string; what: string },
  ): Promise<string[]> {
    const current = (await em.query(
      `SELECT id, lineage_id FROM ${o.table} WHERE ${o.parentColumn} = $1 ORDER BY position, id`,
      [o.parentId],
    )) as { id: string; lineage_id: string }[];
    const lineages = (await em.query(
      `SELECT x.id, x.lineage_id FROM ${o.table} x JOIN course_versions cv ON cv.id = x.course_version_id
        WHERE cv.course_id = $1 AND x.id = ANY($2::uuid[])`,
      [o.courseId, o.given],
    )) as { id: string; lineage_id: string }[];
    const lineageOf = new Map(lineages.map((r) => [r.id, r.lineage_id]));
    const draftByLineage = new Map(current.map((r) => [r.lineage_id, r.id]));
    const ordered = o.given.map((id) => draftByLineage.get(lineageOf.get(id) ?? ''));
    const unique = new Set(ordered);
    if (o.given.length !== current.length || ordered.some((id) => id === undefined) || unique.size !== current.length) {
      throw invalid(
        `${o.field} must list each of the ${current.length} ${o.what}${current.length === 1 ? '' : 's'} of the draft exactly once ` +
          `(the ids from GET /api/courses/:id?version=draft)`,
      );
    }
    const ids = ordered as string[];
    await em.query(
      `UPDATE ${o.table} x SET position = o.ord - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE x.id = o.id`,
      [ids],
    );
    return ids;
  }
}

/** Validates the questions (messages name the question) and gives every question and option an id. */
function storedQuestions(questions: QuizQuestionDefinition[]): StoredQuizQuestion[] {
  const problems = validateQuizDefinition(questions);
  if (problems.length > 0) throw invalid(problems);
  return questions.map((q) => ({
    id: randomUUID(),
    prompt: q.prompt.trim(),
    kind: q.kind,
    options: q.options.map((option) => ({ id: randomUUID(), text: option.text.trim(), correct: option.correct })),
  }));
}

/** The first row of a query: TypeORM answers `UPDATE … RETURNING` with [rows, count], SELECT and INSERT with rows. */
function firstRow<T>(result: unknown): T {
  const row = rowsOf<T>(result)[0];
  if (!row) throw conflict('the item changed while it was being edited; try again');
  return row;
}

export function lessonView(row: LessonRow): LessonView {
  return { id: row.id, title: row.title, body: row.body, bodyHtml: row.body_html, videoUrl: row.video_url, minutes: row.minutes };
}

export function authorQuizView(row: QuizRow): AuthorQuizView {
  return {
    id: row.id,
    moduleId: row.module_id,
    title: row.title,
    passMark: Number(row.pass_mark),
    maxAttempts: row.max_attempts,
    shuffleQuestions: row.shuffle_questions,
    shuffleOptions: row.shuffle_options,
    questions: row.questions.map((q) => ({
      id: q.id, prompt: q.prompt, kind: q.kind, options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct })),
    })),
  };
}

export type { LessonRow, QuizRow };

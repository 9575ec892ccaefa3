import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RevealAnswers, StoredQuizDraw, StoredQuizQuestion } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';
import { editionText } from './edition-sql.js';
import type { EditorScope, ReaderScope } from './courses.repository.js';

/**
 * The SQL of a course version's content: `modules`, `lessons` and `quizzes`. Every item has a
 * `lineage_id` shared by its copies in the versions of a course; drafts find an item of another
 * version by lineage. Positions are 0-based and dense within the parent.
 */

export type CourseItemKind = 'module' | 'lesson' | 'quiz';
const TABLE: Record<CourseItemKind, string> = { module: 'modules', lesson: 'lessons', quiz: 'quizzes' };
/** The column holding an item's parent, for the items that are ordered by hand. */
const PARENT: Record<'module' | 'lesson', string> = { module: 'course_version_id', lesson: 'module_id' };

/** A lesson as authors and learners read it. */
export interface LessonRow {
  id: string;
  title: string;
  body: string;
  body_html: string;
  video_url: string | null;
  video_text: string | null;
  minutes: number | null;
}

/** A quiz with its questions and their correct answers (never sent to learners as is). */
export interface QuizRow {
  id: string;
  module_id: string;
  title: string;
  /** numeric: read as a string */
  pass_mark: string;
  max_attempts: number | null;
  shuffle_questions: boolean;
  shuffle_options: boolean;
  reveal_answers: RevealAnswers;
  questions: StoredQuizQuestion[];
  time_limit_minutes: number | null;
  draws: StoredQuizDraw[] | null;
}

export interface PositionedRow {
  id: string;
  position: number;
}

export interface OutlineModuleRow {
  id: string;
  title: string;
}

export interface OutlineLessonRow {
  id: string;
  module_id: string;
  title: string;
  minutes: number | null;
  /** a video without its text alternative (the builder warns; publishing refuses) */
  video_text_missing?: boolean;
}

/** A quiz in an outline: counts only, never the questions. */
export interface OutlineQuizRow {
  id: string;
  module_id: string;
  title: string;
  pass_mark: string;
  max_attempts: number | null;
  question_count: number;
}

export interface LineageRow {
  id: string;
  lineage_id: string;
}

/** Where an item of any version of a course comes from. */
export interface ItemOriginRow {
  lineage_id: string;
  course_id: string;
}

/** A lesson's content as written (title trimmed, body rendered to sanitised HTML by the caller). */
export interface LessonContent {
  title: string;
  body: string;
  bodyHtml: string;
  videoUrl: string | null;
  /** The video's text alternative (transcript or description). */
  videoText: string | null;
  minutes: number | null;
}

export type LessonChanges = Partial<LessonContent>;

/** A quiz's settings and questions as written (validated, with ids, by the caller). */
export interface QuizContent {
  title: string;
  passMark: number;
  maxAttempts: number | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  /** absent: 'passed-or-exhausted' */
  revealAnswers?: RevealAnswers;
  questions: StoredQuizQuestion[];
  /** absent: no limit */
  timeLimitMinutes?: number | null;
  /** absent or empty: every question */
  draws?: StoredQuizDraw[] | null;
}

const LESSON_CHANGE_COLUMNS: Record<keyof LessonContent, string> = {
  title: 'title',
  body: 'body',
  bodyHtml: 'body_html',
  minutes: 'minutes',
  videoUrl: 'video_url',
  videoText: 'video_text',
};

@Injectable()
export class CourseItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---------- lineage ----------

  /** The lineage and course of a module, lesson or quiz of a course the caller may edit; null otherwise. */
  async origin(kind: CourseItemKind, id: string, editor: EditorScope, db: EntityManager | DataSource = this.dataSource): Promise<ItemOriginRow | null> {
    return queryFirst<ItemOriginRow>(
      db,
      `SELECT x.lineage_id, cv.course_id
       FROM ${TABLE[kind]} x
       JOIN course_versions cv ON cv.id = x.course_version_id
       JOIN courses c ON c.id = cv.course_id
      WHERE x.id = $1 AND (c.author_id = $2 OR $3)`,
      [id, editor.userId, editor.admin],
    );
  }

  /** The item of a lineage in a version, with its module (the module itself for a module); null when deleted there. */
  async byLineage(
    kind: CourseItemKind, versionId: string, lineageId: string, db: EntityManager | DataSource = this.dataSource,
  ): Promise<{ id: string; module_id: string } | null> {
    const moduleColumn = kind === 'module' ? 'id' : 'module_id';
    return queryFirst<{ id: string; module_id: string }>(
      db,
      `SELECT id, ${moduleColumn} AS module_id FROM ${TABLE[kind]} WHERE course_version_id = $1 AND lineage_id = $2`,
      [versionId, lineageId],
    );
  }

  /** Copies a version's modules, lessons, quizzes and language editions into another version: new ids, the same lineages and positions; set-based. */
  async copyVersion(fromVersionId: string, toVersionId: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO modules (course_version_id, lineage_id, title, position)
     SELECT $1, lineage_id, title, position FROM modules WHERE course_version_id = $2`,
      [toVersionId, fromVersionId],
    );
    await db.query(
      `INSERT INTO lessons (module_id, course_version_id, lineage_id, title, body, body_html, video_url, video_text, minutes, position)
     SELECT nm.id, $1, l.lineage_id, l.title, l.body, l.body_html, l.video_url, l.video_text, l.minutes, l.position
       FROM lessons l
       JOIN modules om ON om.id = l.module_id
       JOIN modules nm ON nm.course_version_id = $1 AND nm.lineage_id = om.lineage_id
      WHERE l.course_version_id = $2`,
      [toVersionId, fromVersionId],
    );
    await db.query(
      `INSERT INTO quizzes (module_id, course_version_id, lineage_id, title, pass_mark, max_attempts, shuffle_questions, shuffle_options,
                          reveal_answers, questions, position, time_limit_minutes, draws)
     SELECT nm.id, $1, q.lineage_id, q.title, q.pass_mark, q.max_attempts, q.shuffle_questions, q.shuffle_options, q.reveal_answers, q.questions, q.position,
            q.time_limit_minutes, q.draws
       FROM quizzes q
       JOIN modules om ON om.id = q.module_id
       JOIN modules nm ON nm.course_version_id = $1 AND nm.lineage_id = om.lineage_id
      WHERE q.course_version_id = $2`,
      [toVersionId, fromVersionId],
    );
    // The question bank travels with the version (migration VideoTextAndQuestionBank).
    await db.query(
      `UPDATE course_versions SET question_bank = (SELECT question_bank FROM course_versions WHERE id = $2) WHERE id = $1`,
      [toVersionId, fromVersionId],
    );
    // The language editions travel with the items (keyed by lineage; see EditionsRepository).
    await db.query(
      `INSERT INTO course_edition_texts (course_version_id, locale, item_kind, lineage_id, texts)
       SELECT $1, locale, item_kind, lineage_id, texts FROM course_edition_texts WHERE course_version_id = $2`,
      [toVersionId, fromVersionId],
    );
  }

  // ---------- order ----------

  /** The modules of a version, or the lessons of a module, in order. */
  async ordered(kind: 'module' | 'lesson', parentId: string, db: EntityManager | DataSource = this.dataSource): Promise<LineageRow[]> {
    return queryRows<LineageRow>(
      db,
      `SELECT id, lineage_id FROM ${TABLE[kind]} WHERE ${PARENT[kind]} = $1 ORDER BY position, id`,
      [parentId],
    );
  }

  /** The lineages of the given ids that are items of any version of the course (others are left out). */
  async lineagesInCourse(
    kind: 'module' | 'lesson', courseId: string, ids: string[], db: EntityManager | DataSource = this.dataSource,
  ): Promise<LineageRow[]> {
    return queryRows<LineageRow>(
      db,
      `SELECT x.id, x.lineage_id FROM ${TABLE[kind]} x JOIN course_versions cv ON cv.id = x.course_version_id
        WHERE cv.course_id = $1 AND x.id = ANY($2::uuid[])`,
      [courseId, ids],
    );
  }

  /** Sets positions 0, 1, … in the order of the ids. */
  async setOrder(kind: 'module' | 'lesson', ids: string[], db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(
      `UPDATE ${TABLE[kind]} x SET position = o.ord - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE x.id = o.id`,
      [ids],
    );
  }

  // ---------- modules ----------

  /** Adds a module at the end of a version. */
  async insertModule(versionId: string, title: string, db: EntityManager | DataSource = this.dataSource): Promise<PositionedRow> {
    const row = await queryFirst<PositionedRow>(
      db,
      `INSERT INTO modules (course_version_id, title, position)
       VALUES ($1, $2, (SELECT coalesce(max(position) + 1, 0) FROM modules WHERE course_version_id = $1))
       RETURNING id, position`,
      [versionId, title],
    );
    return row!;
  }

  async renameModule(moduleId: string, title: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`UPDATE modules SET title = $1 WHERE id = $2`, [title, moduleId]);
  }

  /** Deletes a module (its lessons and quizzes go with it) and closes the gap in the version's positions. */
  async deleteModule(moduleId: string, versionId: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`DELETE FROM modules WHERE id = $1`, [moduleId]);
    await db.query(
      `UPDATE modules m SET position = o.position
           FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS position FROM modules WHERE course_version_id = $1) o
          WHERE m.id = o.id AND m.position <> o.position`,
      [versionId],
    );
  }

  // ---------- lessons ----------

  /** Adds a lesson at the end of a module. */
  async insertLesson(
    versionId: string, moduleId: string, lesson: LessonContent, db: EntityManager | DataSource = this.dataSource,
  ): Promise<PositionedRow> {
    const row = await queryFirst<PositionedRow>(
      db,
      `INSERT INTO lessons (module_id, course_version_id, title, body, body_html, video_url, minutes, position, video_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT coalesce(max(position) + 1, 0) FROM lessons WHERE module_id = $1), $8)
       RETURNING id, position`,
      [moduleId, versionId, lesson.title, lesson.body, lesson.bodyHtml, lesson.videoUrl, lesson.minutes, lesson.videoText],
    );
    return row!;
  }

  /** Writes the given fields of a lesson and answers the lesson; null when it is gone. */
  async updateLesson(lessonId: string, changes: LessonChanges, db: EntityManager | DataSource = this.dataSource): Promise<LessonRow | null> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of Object.entries(LESSON_CHANGE_COLUMNS) as [keyof LessonContent, string][]) {
      if (changes[key] === undefined) continue;
      values.push(changes[key]);
      sets.push(`${column} = $${values.length}`);
    }
    values.push(lessonId);
    return queryFirst<LessonRow>(
      db,
      sets.length > 0
        ? `UPDATE lessons SET ${sets.join(', ')} WHERE id = $${values.length} RETURNING id, title, body, body_html, video_url, video_text, minutes`
        : `SELECT id, title, body, body_html, video_url, video_text, minutes FROM lessons WHERE id = $1`,
      values,
    );
  }

  /** Deletes a lesson and closes the gap in its module's positions. */
  async deleteLesson(lessonId: string, moduleId: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`DELETE FROM lessons WHERE id = $1`, [lessonId]);
    await db.query(
      `UPDATE lessons l SET position = o.position
           FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS position FROM lessons WHERE module_id = $1) o
          WHERE l.id = o.id AND l.position <> o.position`,
      [moduleId],
    );
  }

  /**
   * A lesson for its course's author (`reader.author`), an admin, or a learner enrolled (not
   * withdrawn) in the very version that holds it; null otherwise.
   */
  async readableLesson(lessonId: string, reader: ReaderScope): Promise<LessonRow | null> {
    return queryFirst<LessonRow>(
      this.dataSource,
      `SELECT l.id,
              coalesce(nullif(btrim(et.texts->>'title'), ''), l.title) AS title,
              CASE WHEN nullif(btrim(et.texts->>'body'), '') IS NULL THEN l.body ELSE et.texts->>'body' END AS body,
              CASE WHEN nullif(btrim(et.texts->>'body'), '') IS NULL THEN l.body_html ELSE et.texts->>'bodyHtml' END AS body_html,
              l.video_url,
              CASE WHEN l.video_text IS NULL THEN NULL ELSE coalesce(nullif(btrim(et.texts->>'videoText'), ''), l.video_text) END AS video_text,
              l.minutes
         FROM lessons l
         JOIN course_versions v ON v.id = l.course_version_id
         JOIN courses c ON c.id = v.course_id
         -- a learner reads the lesson in their language edition (authors and admins read the default language)
         LEFT JOIN users eu ON eu.id = $2 AND NOT ($3 OR ($4 AND c.author_id = $2))
         LEFT JOIN course_edition_texts et ON et.course_version_id = l.course_version_id AND et.locale = eu.locale
                                          AND et.item_kind = 'lesson' AND et.lineage_id = l.lineage_id
        WHERE l.id = $1
          AND ($3 OR ($4 AND c.author_id = $2)
               OR EXISTS (SELECT 1 FROM enrolments e
                           WHERE e.course_version_id = l.course_version_id AND e.user_id = $2 AND e.status <> 'withdrawn'))`,
      [lessonId, reader.userId, reader.admin, reader.author],
    );
  }

  // ---------- quizzes ----------

  /** Adds a quiz at the end of a module's quizzes. */
  async insertQuiz(versionId: string, moduleId: string, quiz: QuizContent, db: EntityManager | DataSource = this.dataSource): Promise<string> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO quizzes (module_id, course_version_id, title, pass_mark, max_attempts, shuffle_questions, shuffle_options, questions, position, reveal_answers,
                            time_limit_minutes, draws)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT coalesce(max(position) + 1, 0) FROM quizzes WHERE module_id = $1), $9, $10, $11)
       RETURNING id`,
      [moduleId, versionId, quiz.title, quiz.passMark, quiz.maxAttempts, quiz.shuffleQuestions, quiz.shuffleOptions, JSON.stringify(quiz.questions), quiz.revealAnswers ?? 'passed-or-exhausted',
        quiz.timeLimitMinutes ?? null, quiz.draws && quiz.draws.length > 0 ? JSON.stringify(quiz.draws) : null],
    );
    return row!.id;
  }

  /** A quiz's stored questions, its row locked until the transaction ends (null: no such quiz). */
  async quizQuestionsForUpdate(quizId: string, db: EntityManager): Promise<StoredQuizQuestion[] | null> {
    const row = await queryFirst<{ questions: StoredQuizQuestion[] }>(db, `SELECT questions FROM quizzes WHERE id = $1 FOR UPDATE`, [quizId]);
    return row ? row.questions : null;
  }

  /** Replaces a quiz's settings and questions; answers the quiz, or null when it is gone. */
  async replaceQuiz(quizId: string, quiz: QuizContent, db: EntityManager | DataSource = this.dataSource): Promise<QuizRow | null> {
    return queryFirst<QuizRow>(
      db,
      `UPDATE quizzes SET title = $2, pass_mark = $3, max_attempts = $4, shuffle_questions = $5, shuffle_options = $6, questions = $7, reveal_answers = $8,
                         time_limit_minutes = $9, draws = $10
          WHERE id = $1
          RETURNING id, module_id, title, pass_mark, max_attempts, shuffle_questions, shuffle_options, reveal_answers, questions, time_limit_minutes, draws`,
      [quizId, quiz.title, quiz.passMark, quiz.maxAttempts, quiz.shuffleQuestions, quiz.shuffleOptions, JSON.stringify(quiz.questions), quiz.revealAnswers ?? 'passed-or-exhausted',
        quiz.timeLimitMinutes ?? null, quiz.draws && quiz.draws.length > 0 ? JSON.stringify(quiz.draws) : null],
    );
  }

  async deleteQuiz(quizId: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`DELETE FROM quizzes WHERE id = $1`, [quizId]);
  }

  /** A quiz with its correct answers, for the course's author and admins; null otherwise. */
  async authorQuiz(quizId: string, editor: EditorScope): Promise<QuizRow | null> {
    return queryFirst<QuizRow>(
      this.dataSource,
      `SELECT q.id, q.module_id, q.title, q.pass_mark, q.max_attempts, q.shuffle_questions, q.shuffle_options, q.reveal_answers, q.questions,
              q.time_limit_minutes, q.draws
         FROM quizzes q
         JOIN course_versions v ON v.id = q.course_version_id
         JOIN courses c ON c.id = v.course_id
        WHERE q.id = $1 AND (c.author_id = $2 OR $3)`,
      [quizId, editor.userId, editor.admin],
    );
  }

  // ---------- question bank ----------

  /** The question bank of a version (empty when it has none); `lock`: the version's row stays locked until the transaction ends. */
  async questionBank(versionId: string, db: EntityManager | DataSource = this.dataSource, lock = false): Promise<StoredQuizQuestion[]> {
    const row = await queryFirst<{ question_bank: StoredQuizQuestion[] }>(
      db,
      `SELECT question_bank FROM course_versions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [versionId],
    );
    return row?.question_bank ?? [];
  }

  async setQuestionBank(versionId: string, questions: StoredQuizQuestion[], db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`UPDATE course_versions SET question_bank = $2 WHERE id = $1`, [versionId, JSON.stringify(questions)]);
  }

  /** A version's quizzes with their draws and own question count (to check draws against the bank). */
  async quizDraws(versionId: string, db: EntityManager | DataSource = this.dataSource): Promise<{ id: string; title: string; draws: StoredQuizDraw[] | null; questions: StoredQuizQuestion[] }[]> {
    return queryRows(
      db,
      `SELECT q.id, q.title, q.draws, q.questions FROM quizzes q JOIN modules m ON m.id = q.module_id
        WHERE q.course_version_id = $1 ORDER BY m.position, q.position, q.id`,
      [versionId],
    );
  }

  /** A version's lessons with a video and no text alternative, in outline order. */
  async lessonsMissingVideoText(versionId: string, db: EntityManager | DataSource = this.dataSource): Promise<{ id: string; title: string }[]> {
    return queryRows(
      db,
      `SELECT l.id, l.title FROM lessons l JOIN modules m ON m.id = l.module_id
        WHERE l.course_version_id = $1 AND nullif(btrim(l.video_url), '') IS NOT NULL AND nullif(btrim(l.video_text), '') IS NULL
        ORDER BY m.position, l.position, l.id`,
      [versionId],
    );
  }

  // ---------- outline ----------

  /** A version's modules, lessons and quizzes in order (three queries in parallel); quizzes without their questions. */
  async outline(versionId: string, readerId: string | null = null): Promise<{ modules: OutlineModuleRow[]; lessons: OutlineLessonRow[]; quizzes: OutlineQuizRow[] }> {
    // Titles in the reader's language edition when one is given, else the default language's.
    const title = (kind: 'module' | 'lesson' | 'quiz', alias: string) =>
      editionText({ kind, field: 'title', fallback: `${alias}.title`, versionExpr: '$1', lineageExpr: `${alias}.lineage_id`, userExpr: '$2::uuid' });
    const [modules, lessons, quizzes] = await Promise.all([
      queryRows<OutlineModuleRow>(
        this.dataSource,
        `SELECT m.id, ${title('module', 'm')} AS title FROM modules m WHERE m.course_version_id = $1 ORDER BY m.position, m.id`,
        [versionId, readerId],
      ),
      queryRows<OutlineLessonRow>(
        this.dataSource,
        `SELECT l.id, l.module_id, ${title('lesson', 'l')} AS title, l.minutes,
                (nullif(btrim(l.video_url), '') IS NOT NULL AND nullif(btrim(l.video_text), '') IS NULL) AS video_text_missing
           FROM lessons l WHERE l.course_version_id = $1 ORDER BY l.position, l.id`,
        [versionId, readerId],
      ),
      queryRows<OutlineQuizRow>(
        this.dataSource,
        `SELECT q.id, q.module_id, ${title('quiz', 'q')} AS title, q.pass_mark, q.max_attempts,
                quiz_question_count(q.questions, q.draws) AS question_count
           FROM quizzes q WHERE q.course_version_id = $1 ORDER BY q.position, q.id`,
        [versionId, readerId],
      ),
    ]);
    return { modules, lessons, quizzes };
  }
}

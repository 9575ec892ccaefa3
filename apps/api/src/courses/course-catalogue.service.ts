import { Injectable } from '@nestjs/common';
import type { Locale } from '@kindling/domain';
import { DataSource } from 'typeorm';
import { type Actor, isAdmin, isAuthor } from '../common/auth/index.js';
import { notFound } from '@kindling/common';
import { authorScopeOf } from '../common/auth/access.service.js';
import { authorQuizView, lessonView, type LessonRow, type QuizRow } from './course-authoring.service.js';
import type { CatalogueQueryDto } from './dto/course.dto.js';
import type {
  AccreditationView, AuthorQuizView, CataloguePageView, CourseOutlineView, CourseStatus, CourseVersionView, LessonView, OutlineModuleView,
  VersionStatus,
} from './dto/responses.js';

interface VersionRow {
  id: string;
  version: number;
  status: VersionStatus;
  title: string;
  summary: string;
  locale: Locale;
  accreditation_body: string | null;
  accreditation_reference: string | null;
  accreditation_hours: string | null;
  min_minutes: number | null;
  self_enrolment: boolean;
  instrument_id: string | null;
}

const VERSION_COLUMNS = `v.id, v.version, v.status, v.title, v.summary, v.locale, v.accreditation_body, v.accreditation_reference,
  v.accreditation_hours, v.min_minutes, v.self_enrolment, v.instrument_id`;

/**
 * Reading courses: the catalogue, outlines, lessons, versions and (for authors) quizzes with
 * their answers. Who may see what is decided in each query. Learners' answers never contain
 * which options are correct: the outline reads only counts from the questions column.
 */
@Injectable()
export class CourseCatalogueService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Published, not archived courses; for authors also their own courses in any state (shown
   * with the published version, or the draft when never published).
   */
  async list(actor: Actor, query: CatalogueQueryDto): Promise<CataloguePageView> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const text = query.q?.trim() ?? '';
    const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 10);
    const tsquery = words.length > 0 ? words.map((w) => `${w.toLowerCase()}:*`).join(' & ') : null;
    const like = text.length > 0 ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = (await this.dataSource.query(
      `SELECT c.id AS course_id, c.published_version_id, c.archived_at, ${VERSION_COLUMNS}, count(*) OVER () AS total
         FROM courses c
         JOIN course_versions v ON v.id = coalesce(c.published_version_id, c.draft_version_id)
        WHERE ((c.published_version_id IS NOT NULL AND c.archived_at IS NULL) OR ($2 AND c.author_id = $1))
          AND ($3::text IS NULL OR v.locale = $3)
          AND ($4::text IS NULL OR ($5::text IS NOT NULL AND v.search @@ to_tsquery('simple', $5)) OR v.title ILIKE $4 OR v.summary ILIKE $4)
        ORDER BY lower(v.title), c.id
        LIMIT $6 OFFSET $7`,
      [actor.userId, isAuthor(actor), query.locale ?? null, like, tsquery, pageSize, (page - 1) * pageSize],
    )) as (VersionRow & { course_id: string; published_version_id: string | null; archived_at: Date | null; total: string })[];
    const total = rows[0] ? Number(rows[0].total) : await this.countOnly(actor, query.locale ?? null, like, tsquery);
    return {
      items: rows.map((r) => ({
        id: r.course_id,
        title: r.title,
        summary: r.summary,
        locale: r.locale,
        version: r.version,
        status: courseStatus(r.archived_at, r.published_version_id),
        accreditation: accreditationOf(r),
        selfEnrolment: r.self_enrolment,
      })),
      total,
      page,
      pageSize,
    };
  }

  /** The outline of the published version, or of the draft for its author (`version=draft`). */
  async outline(actor: Actor, courseId: string, which: 'published' | 'draft' = 'published'): Promise<CourseOutlineView> {
    const [course] = (await this.dataSource.query(
      `SELECT c.id, c.published_version_id, c.draft_version_id, c.archived_at, ($3 OR ($4 AND c.author_id = $2)) AS can_author
         FROM courses c
        WHERE c.id = $1
          AND ($3 OR ($4 AND c.author_id = $2)
               OR (c.published_version_id IS NOT NULL AND c.archived_at IS NULL)
               OR EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.id AND e.user_id = $2))`,
      [courseId, actor.userId, isAdmin(actor), isAuthor(actor)],
    )) as { id: string; published_version_id: string | null; draft_version_id: string | null; archived_at: Date | null; can_author: boolean }[];
    if (!course) throw notFound('course');
    const versionId = course.can_author
      ? which === 'draft'
        ? (course.draft_version_id ?? course.published_version_id)
        : (course.published_version_id ?? course.draft_version_id)
      : course.published_version_id;
    if (!versionId) throw notFound('course');

    const [version] = (await this.dataSource.query(`SELECT ${VERSION_COLUMNS} FROM course_versions v WHERE v.id = $1`, [versionId])) as VersionRow[];
    if (!version) throw notFound('course');
    const [modules, lessons, quizzes] = (await Promise.all([
      this.dataSource.query(`SELECT id, title FROM modules WHERE course_version_id = $1 ORDER BY position, id`, [versionId]),
      this.dataSource.query(
        `SELECT id, module_id, title, minutes FROM lessons WHERE course_version_id = $1 ORDER BY position, id`,
        [versionId],
      ),
      this.dataSource.query(
        `SELECT id, module_id, title, pass_mark, max_attempts, jsonb_array_length(questions) AS question_count
           FROM quizzes WHERE course_version_id = $1 ORDER BY position, id`,
        [versionId],
      ),
    ])) as [
      { id: string; title: string }[],
      { id: string; module_id: string; title: string; minutes: number | null }[],
      { id: string; module_id: string; title: string; pass_mark: string; max_attempts: number | null; question_count: number }[],
    ];
    const byId = new Map<string, OutlineModuleView>();
    const outlineModules = modules.map((m) => {
      const view: OutlineModuleView = { id: m.id, title: m.title, lessons: [], quizzes: [] };
      byId.set(m.id, view);
      return view;
    });
    for (const l of lessons) byId.get(l.module_id)?.lessons.push({ id: l.id, title: l.title, minutes: l.minutes });
    for (const q of quizzes) {
      byId.get(q.module_id)?.quizzes.push({
        id: q.id, title: q.title, passMark: Number(q.pass_mark), questionCount: Number(q.question_count), maxAttempts: q.max_attempts,
      });
    }
    return {
      id: course.id,
      title: version.title,
      summary: version.summary,
      locale: version.locale,
      version: version.version,
      status: courseStatus(course.archived_at, course.published_version_id),
      versionStatus: version.status,
      hasDraft: course.can_author && course.draft_version_id !== null,
      accreditation: accreditationOf(version),
      completion: { minMinutes: version.min_minutes },
      selfEnrolment: version.self_enrolment,
      selfAssessment: version.instrument_id ? { instrumentId: version.instrument_id } : null,
      modules: outlineModules,
    };
  }

  /** Every version of a course, newest first, with how many enrolments each holds (authors). */
  async versions(actor: Actor, courseId: string): Promise<CourseVersionView[]> {
    const scope = authorScopeOf(actor);
    const rows = (await this.dataSource.query(
      `SELECT v.id, v.version, v.status, v.title, v.published_at, v.created_at,
              (SELECT count(*) FROM enrolments e WHERE e.course_version_id = v.id)::int AS enrolments
         FROM course_versions v JOIN courses c ON c.id = v.course_id
        WHERE v.course_id = $1 AND (c.author_id = $2 OR $3)
        ORDER BY v.version DESC`,
      [courseId, scope.userId, scope.admin],
    )) as { id: string; version: number; status: VersionStatus; title: string; published_at: Date | null; created_at: Date; enrolments: number }[];
    if (rows.length === 0) throw notFound('course');
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      title: r.title,
      publishedAt: r.published_at ? r.published_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
      enrolments: r.enrolments,
    }));
  }

  /**
   * A lesson, for the course's author, an admin, or a learner enrolled (not withdrawn) in the
   * very version that holds the lesson.
   */
  async lesson(actor: Actor, lessonId: string): Promise<LessonView> {
    const [row] = (await this.dataSource.query(
      `SELECT l.id, l.title, l.body, l.body_html, l.video_url, l.minutes
         FROM lessons l
         JOIN course_versions v ON v.id = l.course_version_id
         JOIN courses c ON c.id = v.course_id
        WHERE l.id = $1
          AND ($3 OR ($4 AND c.author_id = $2)
               OR EXISTS (SELECT 1 FROM enrolments e
                           WHERE e.course_version_id = l.course_version_id AND e.user_id = $2 AND e.status <> 'withdrawn'))`,
      [lessonId, actor.userId, isAdmin(actor), isAuthor(actor)],
    )) as LessonRow[];
    if (!row) throw notFound('lesson');
    return lessonView(row);
  }

  /** A quiz with its correct answers: only for the course's author and admins. */
  async authorQuiz(actor: Actor, quizId: string): Promise<AuthorQuizView> {
    const scope = authorScopeOf(actor, 'quiz');
    const [row] = (await this.dataSource.query(
      `SELECT q.id, q.module_id, q.title, q.pass_mark, q.max_attempts, q.shuffle_questions, q.shuffle_options, q.questions
         FROM quizzes q
         JOIN course_versions v ON v.id = q.course_version_id
         JOIN courses c ON c.id = v.course_id
        WHERE q.id = $1 AND (c.author_id = $2 OR $3)`,
      [quizId, scope.userId, scope.admin],
    )) as QuizRow[];
    if (!row) throw notFound('quiz');
    return authorQuizView(row);
  }

  private async countOnly(actor: Actor, locale: string | null, like: string | null, tsquery: string | null): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS total
         FROM courses c
         JOIN course_versions v ON v.id = coalesce(c.published_version_id, c.draft_version_id)
        WHERE ((c.published_version_id IS NOT NULL AND c.archived_at IS NULL) OR ($2 AND c.author_id = $1))
          AND ($3::text IS NULL OR v.locale = $3)
          AND ($4::text IS NULL OR ($5::text IS NOT NULL AND v.search @@ to_tsquery('simple', $5)) OR v.title ILIKE $4 OR v.summary ILIKE $4)`,
      [actor.userId, isAuthor(actor), locale, like, tsquery],
    )) as { total: number }[];
    return row?.total ?? 0;
  }
}

function courseStatus(archivedAt: Date | null, publishedVersionId: string | null): CourseStatus {
  if (archivedAt) return 'archived';
  return publishedVersionId ? 'published' : 'draft';
}

function accreditationOf(v: Pick<VersionRow, 'accreditation_body' | 'accreditation_reference' | 'accreditation_hours'>): AccreditationView | null {
  if (v.accreditation_body === null && v.accreditation_reference === null && v.accreditation_hours === null) return null;
  return {
    body: v.accreditation_body,
    reference: v.accreditation_reference,
    hours: v.accreditation_hours === null ? null : Number(v.accreditation_hours),
  };
}

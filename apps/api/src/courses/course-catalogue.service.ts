import { Inject, Injectable } from '@nestjs/common';
import { type CourseEditionTexts, type Locale, minTimeRuleOf, pick } from '@kindling/domain';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { CourseItemsRepository, CoursesRepository, EditionsRepository, type ReaderScope } from '@kindling/db';
import { type Actor, isAdmin, isAuthor } from '../common/auth/index.js';
import { notFound } from '@kindling/common';
import { authorScopeOf } from '../common/auth/access.service.js';
import { accreditationOf, authorQuizView, courseStatus, lessonView } from './course-views.js';
import type { CatalogueQueryDto } from './dto/course.dto.js';
import type { AuthorQuizView, CataloguePageView, CourseOutlineView, CourseVersionView, LessonView, OutlineModuleView } from './dto/responses.js';

const readerOf = (actor: Actor): ReaderScope => ({ userId: actor.userId, admin: isAdmin(actor), author: isAuthor(actor) });

/**
 * Reading courses: the catalogue, outlines, lessons, versions and (for authors) quizzes with
 * their answers. Who may see what is decided in each query (see the repositories). Learners'
 * answers never contain which options are correct: the outline reads only counts from the
 * questions column.
 */
@Injectable()
export class CourseCatalogueService {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly items: CourseItemsRepository,
    private readonly editions: EditionsRepository,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  /**
   * Published, not archived courses; for authors also their own courses in any state (shown
   * with the published version, or the draft when never published).
   */
  async list(actor: Actor, query: CatalogueQueryDto): Promise<CataloguePageView> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const text = query.q?.trim() ?? '';
    const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 10);
    const filter = {
      locale: query.locale ?? null,
      like: text.length > 0 ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
      tsquery: words.length > 0 ? words.map((w) => `${w.toLowerCase()}:*`).join(' & ') : null,
    };
    const reader = readerOf(actor);
    const rows = await this.courses.catalogue(reader, filter, { limit: pageSize, offset: (page - 1) * pageSize });
    const total = rows[0] ? Number(rows[0].total) : await this.courses.catalogueCount(reader, filter);
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
    const course = await this.courses.forOutline(courseId, readerOf(actor));
    if (!course) throw notFound('course');
    const versionId = course.can_author
      ? which === 'draft'
        ? (course.draft_version_id ?? course.published_version_id)
        : (course.published_version_id ?? course.draft_version_id)
      : course.published_version_id;
    if (!versionId) throw notFound('course');

    const version = await this.courses.version(versionId);
    if (!version) throw notFound('course');
    // Learners read their language edition; the course's authors edit (and read here) the default language.
    const readerId = course.can_author ? null : actor.userId;
    const [{ modules, lessons, quizzes }, edition, editions] = await Promise.all([
      this.items.outline(versionId, readerId),
      readerId ? this.editions.forReader(readerId, versionId, { kinds: ['course'] }) : null,
      this.editions.localesOf(versionId),
    ]);
    const courseTexts = (edition?.rows[0]?.texts ?? {}) as CourseEditionTexts;
    const byId = new Map<string, OutlineModuleView>();
    const outlineModules = modules.map((m) => {
      const view: OutlineModuleView = { id: m.id, title: m.title, lessons: [], quizzes: [] };
      byId.set(m.id, view);
      return view;
    });
    for (const l of lessons) byId.get(l.module_id)?.lessons.push({ id: l.id, title: l.title, minutes: l.minutes, ...(l.video_text_missing ? { videoTextMissing: true } : {}) });
    for (const q of quizzes) {
      byId.get(q.module_id)?.quizzes.push({
        id: q.id, title: q.title, passMark: Number(q.pass_mark), questionCount: Number(q.question_count), maxAttempts: q.max_attempts,
      });
    }
    return {
      id: course.id,
      title: pick(courseTexts.title, version.title),
      summary: pick(courseTexts.summary, version.summary),
      locale: version.locale,
      editionLocale: (edition?.locale ?? version.locale) as Locale,
      editions: [version.locale, ...editions.filter((l) => l !== version.locale)] as Locale[],
      version: version.version,
      status: courseStatus(course.archived_at, course.published_version_id),
      versionStatus: version.status,
      hasDraft: course.can_author && course.draft_version_id !== null,
      accreditation: accreditationOf(version),
      completion: { minMinutes: version.min_minutes },
      minTimeRule: minTimeRuleOf(version.accreditation_hours, version.min_minutes, this.config.accreditedMinTimeRatio),
      selfEnrolment: version.self_enrolment,
      certificateValidityMonths: version.certificate_validity_months ?? null,
      selfAssessment: version.instrument_id ? { instrumentId: version.instrument_id } : null,
      modules: outlineModules,
    };
  }

  /** Every version of a course, newest first, with how many enrolments each holds (authors). */
  async versions(actor: Actor, courseId: string): Promise<CourseVersionView[]> {
    const rows = await this.courses.versions(courseId, authorScopeOf(actor));
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
    const row = await this.items.readableLesson(lessonId, readerOf(actor));
    if (!row) throw notFound('lesson');
    return lessonView(row);
  }

  /** A quiz with its correct answers: only for the course's author and admins. */
  async authorQuiz(actor: Actor, quizId: string): Promise<AuthorQuizView> {
    const row = await this.items.authorQuiz(quizId, authorScopeOf(actor, 'quiz'));
    if (!row) throw notFound('quiz');
    return authorQuizView(row);
  }
}

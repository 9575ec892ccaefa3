import { Injectable } from '@nestjs/common';
import {
  CoursesRepository, type EditionTextRow, type EditionTextWrite, EditionsRepository, type StoredQuizQuestion, type VersionDefaultTexts,
} from '@kindling/db';
import {
  type CourseEditionTexts, type EditionTextsById, LOCALES, type LessonEditionTexts, type Locale, missingTexts, type ModuleEditionTexts,
  type QuizEditionTexts,
} from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { invalid, msg, notFound } from '@kindling/common';
import type { Actor } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CourseDraftService } from './course-drafts.js';
import type { EditionListPairView, EditionPairView, EditionQuestionTextsDto, EditionQuestionView, EditionsOverviewView, EditionTextsView, EditionUpdateDto } from './dto/edition.dto.js';
import { renderLessonHtml } from './lesson-markdown.js';

/** The edition rows of one language keyed by item id. */
export function editionById(rows: readonly EditionTextRow[]): EditionTextsById {
  const byKind = (kind: string) => new Map(rows.filter((r) => r.item_kind === kind).map((r) => [r.item_id, r.texts]));
  return {
    course: rows.find((r) => r.item_kind === 'course')?.texts as CourseEditionTexts | undefined,
    modules: byKind('module') as Map<string, ModuleEditionTexts>,
    lessons: byKind('lesson') as Map<string, LessonEditionTexts>,
    quizzes: byKind('quiz') as Map<string, QuizEditionTexts>,
    bank: rows.find((r) => r.item_kind === 'bank')?.texts as QuizEditionTexts | undefined,
  };
}

const pair = (source: string, text: string | undefined | null): EditionPairView => ({
  source,
  text: typeof text === 'string' && text.trim() !== '' ? text : null,
});

const listPair = (source: readonly string[], list: readonly string[] | undefined | null): EditionListPairView => {
  const text = (list ?? []).filter((a) => a.trim() !== '');
  return { source: [...source], text: text.length > 0 ? text : null };
};

/** Questions side by side with an edition's texts (`isDefault`: the default language's own, all present). */
function questionViews(questions: readonly StoredQuizQuestion[], t: QuizEditionTexts | undefined, isDefault: boolean): EditionQuestionView[] {
  const same = (text: string) => (isDefault ? text : undefined);
  return questions.map((question, i) => {
    const tq = t?.questions?.[i];
    return {
      prompt: pair(question.prompt, same(question.prompt) ?? tq?.prompt),
      feedback: question.feedback ? pair(question.feedback, same(question.feedback) ?? tq?.feedback) : null,
      options: question.options.map((o, j) => pair(o.text, same(o.text) ?? tq?.options?.[j])),
      optionFeedback: question.options.flatMap((o, j) => (o.feedback ? [{ option: j, ...pair(o.feedback, same(o.feedback) ?? tq?.optionFeedback?.[j]) }] : [])),
      matches: question.kind === 'matching' ? question.options.map((o, j) => pair(o.match ?? '', same(o.match ?? '') ?? tq?.matches?.[j])) : [],
      acceptedAnswers: question.kind === 'short-text' ? listPair(question.acceptedAnswers ?? [], isDefault ? question.acceptedAnswers : tq?.acceptedAnswers) : null,
    };
  });
}

/**
 * Course language editions for authors: which languages a course has and what each lacks, the
 * texts side by side with the default language's, and writing them. Writes land on the draft
 * (a published course gets its draft on the first write, as every edit); learners read the
 * edition of their language through the learner routes (see EditionsRepository.forReader).
 */
@Injectable()
export class CourseEditionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly editions: EditionsRepository,
    private readonly drafts: CourseDraftService,
  ) {}

  /** The draft (else the published version) of a course the caller may edit; 404 otherwise. */
  private async editable(actor: Actor, courseId: string): Promise<{ versionId: string; courseId: string; title: string; summary: string; locale: Locale }> {
    const scope = authorScopeOf(actor);
    const course = await this.courses.forOutline(courseId, { userId: scope.userId, admin: scope.admin, author: true });
    if (!course || !course.can_author) throw notFound('course');
    const versionId = course.draft_version_id ?? course.published_version_id;
    if (!versionId) throw notFound('course');
    const version = await this.courses.version(versionId);
    if (!version) throw notFound('course');
    return { versionId, courseId: course.id, title: version.title, summary: version.summary, locale: version.locale };
  }

  async overview(actor: Actor, courseId: string): Promise<EditionsOverviewView> {
    const v = await this.editable(actor, courseId);
    const defaults = await this.editions.defaults(v.versionId);
    const started = new Set(await this.editions.localesOf(v.versionId));
    const total = missingTexts(this.defaultTexts(v, defaults), editionById([])).length;
    const others = LOCALES.filter((l) => l !== v.locale);
    const counts = await Promise.all(
      others.map(async (locale) => missingTexts(this.defaultTexts(v, defaults), editionById(await this.editions.texts(v.versionId, locale))).length),
    );
    return {
      courseId: v.courseId,
      versionId: v.versionId,
      defaultLocale: v.locale,
      editions: [
        { locale: v.locale, isDefault: true, started: true, missing: 0, total },
        ...others.map((locale, i) => ({ locale, isDefault: false, started: started.has(locale), missing: counts[i]!, total })),
      ],
    };
  }

  async texts(actor: Actor, courseId: string, locale: Locale): Promise<EditionTextsView> {
    const v = await this.editable(actor, courseId);
    return this.view(v, locale);
  }

  async update(actor: Actor, courseId: string, locale: Locale, dto: EditionUpdateDto): Promise<EditionTextsView> {
    const scope = authorScopeOf(actor);
    const head = await this.editable(actor, courseId);
    if (locale === head.locale) throw invalid(msg('editions.defaultLocale', { locale }));
    const versionId = await this.dataSource.transaction(async (em) => {
      const draftId = await this.drafts.ensureDraft(courseId, scope, em);
      await this.editions.upsert(draftId, courseId, locale, await this.writes(courseId, draftId, dto, em), em);
      return draftId;
    });
    const version = await this.courses.version(versionId);
    return this.view({ versionId, courseId, title: version!.title, summary: version!.summary, locale: version!.locale }, locale);
  }

  /** The rows to write, with ids mapped to the draft and quiz texts checked against the draft's questions. */
  private async writes(courseId: string, draftId: string, dto: EditionUpdateDto, em: EntityManager): Promise<EditionTextWrite[]> {
    const [modules, lessons, quizzes] = await Promise.all([
      this.editions.mapToVersion('module', (dto.modules ?? []).map((m) => m.id), courseId, draftId, em),
      this.editions.mapToVersion('lesson', (dto.lessons ?? []).map((l) => l.id), courseId, draftId, em),
      this.editions.mapToVersion('quiz', (dto.quizzes ?? []).map((q) => q.id), courseId, draftId, em),
    ]);
    const unknown =
      (dto.modules ?? []).filter((m) => !modules.has(m.id)).length +
      (dto.lessons ?? []).filter((l) => !lessons.has(l.id)).length +
      (dto.quizzes ?? []).filter((q) => !quizzes.has(q.id)).length;
    if (unknown > 0) throw invalid(msg('editions.unknownItems', { count: unknown }));
    const defaults = await this.editions.defaults(draftId, em);
    const quizById = new Map(defaults.quizzes.map((q) => [q.id, q]));
    const clean = (value: string | undefined) => (value === undefined ? undefined : value.trim());
    const only = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    const writes: EditionTextWrite[] = [];
    if (dto.course) writes.push({ kind: 'course', itemId: courseId, texts: only({ title: clean(dto.course.title), summary: clean(dto.course.summary) }) });
    for (const m of dto.modules ?? []) writes.push({ kind: 'module', itemId: modules.get(m.id)!, texts: { title: m.title.trim() } });
    for (const l of dto.lessons ?? []) {
      const body = clean(l.body);
      writes.push({
        kind: 'lesson',
        itemId: lessons.get(l.id)!,
        texts: only({
          title: clean(l.title), body, bodyHtml: body === undefined ? undefined : body === '' ? '' : renderLessonHtml(body), videoText: clean(l.videoText),
        }),
      });
    }
    /** The questions' texts, checked against the default questions (of the quiz named `quiz`, else of the question bank). */
    const questionTexts = (quiz: string | null, defaultsOf: readonly StoredQuizQuestion[], given: EditionQuestionTextsDto[] | undefined) => {
      if (given && given.length !== defaultsOf.length) {
        const counts = { expected: defaultsOf.length, given: given.length };
        throw invalid(quiz === null ? msg('editions.bankQuestionCount', counts) : msg('editions.questionCount', { quiz, ...counts }));
      }
      given?.forEach((question, i) => {
        const expected = defaultsOf[i]!.options.length;
        for (const list of [question.options, question.optionFeedback, question.matches]) {
          if (!list || list.length === expected) continue;
          const counts = { question: i + 1, expected, given: list.length };
          throw invalid(quiz === null ? msg('editions.bankOptionCount', counts) : msg('editions.optionCount', { quiz, ...counts }));
        }
      });
      return given?.map((question) =>
        only({
          prompt: clean(question.prompt),
          feedback: clean(question.feedback),
          options: question.options?.map((o) => o.trim()),
          optionFeedback: question.optionFeedback?.map((o) => o.trim()),
          matches: question.matches?.map((o) => o.trim()),
          acceptedAnswers: question.acceptedAnswers?.map((a) => a.trim()).filter((a) => a !== ''),
        }),
      );
    };
    for (const q of dto.quizzes ?? []) {
      const id = quizzes.get(q.id)!;
      const quiz = quizById.get(id)!;
      writes.push({ kind: 'quiz', itemId: id, texts: only({ title: clean(q.title), questions: questionTexts(quiz.title, quiz.questions, q.questions) }) });
    }
    if (dto.bank?.questions) {
      writes.push({ kind: 'bank', itemId: courseId, texts: { questions: questionTexts(null, defaults.bank, dto.bank.questions) } });
    }
    return writes;
  }

  private defaultTexts(v: { courseId: string; title: string; summary: string }, d: VersionDefaultTexts) {
    return {
      course: { id: v.courseId, title: v.title, summary: v.summary },
      modules: d.modules,
      lessons: d.lessons,
      quizzes: d.quizzes,
      bank: { id: v.courseId, questions: d.bank },
    };
  }

  private async view(v: { versionId: string; courseId: string; title: string; summary: string; locale: Locale }, locale: Locale): Promise<EditionTextsView> {
    const [defaults, rows] = await Promise.all([this.editions.defaults(v.versionId), this.editions.texts(v.versionId, locale)]);
    const isDefault = locale === v.locale;
    const e = editionById(isDefault ? [] : rows);
    const same = (text: string) => (isDefault ? text : undefined);
    return {
      versionId: v.versionId,
      locale,
      defaultLocale: v.locale,
      course: {
        id: v.courseId,
        title: pair(v.title, same(v.title) ?? e.course?.title),
        summary: pair(v.summary, same(v.summary) ?? e.course?.summary),
      },
      modules: defaults.modules.map((m) => ({ id: m.id, title: pair(m.title, same(m.title) ?? e.modules.get(m.id)?.title) })),
      lessons: defaults.lessons.map((l) => {
        const t = e.lessons.get(l.id);
        return {
          id: l.id,
          moduleId: l.module_id,
          title: pair(l.title, same(l.title) ?? t?.title),
          body: pair(l.body, same(l.body) ?? t?.body),
          videoText: l.video_text ? pair(l.video_text, same(l.video_text) ?? t?.videoText) : null,
        };
      }),
      quizzes: defaults.quizzes.map((q) => ({
        id: q.id,
        moduleId: q.module_id,
        title: pair(q.title, same(q.title) ?? e.quizzes.get(q.id)?.title),
        questions: questionViews(q.questions, e.quizzes.get(q.id), isDefault),
      })),
      bank: { id: v.courseId, questions: questionViews(defaults.bank, e.bank, isDefault) },
      missing: isDefault ? [] : missingTexts(this.defaultTexts(v, defaults), e),
    };
  }
}

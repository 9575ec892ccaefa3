import { isLocale, type Locale } from '../locale.js';

/**
 * Course language editions (issue #17 point 2). A course version is written in its default
 * language; an edition adds, per other language, one text for every text of the course: the
 * course title and summary, module titles, lesson titles and bodies, quiz titles, question
 * prompts, option texts and feedback. Structure (order, minutes, correct flags, pass marks)
 * exists once. Quiz texts are aligned with the questions and options by position; when the
 * author saves a quiz or the bank, they are moved with their questions (question-lineage.ts).
 *
 * Which edition a learner gets: the edition of the learner's language (the language rule,
 * `resolveLocale`, as stored on the account) when the course has it, else the course's default
 * language. A text missing in an edition falls back to the default language's text.
 */
export interface CourseEditionTexts {
  title?: string;
  summary?: string;
}
export interface ModuleEditionTexts {
  title?: string;
}
export interface LessonEditionTexts {
  title?: string;
  body?: string;
  /** Rendered and sanitised on the server when the body is saved. */
  bodyHtml?: string;
  /** The video's text alternative (transcript or description). */
  videoText?: string;
}
export interface QuestionEditionTexts {
  prompt?: string;
  feedback?: string;
  /** Option texts in the default edition's option order (an ordering question's items too). */
  options?: string[];
  /** Choice kinds: each option's feedback, in the default edition's option order. */
  optionFeedback?: string[];
  /** Matching: the text each option is paired with, in the default edition's option order. */
  matches?: string[];
  /** Short text: the answers accepted in this language (the default language's stay accepted too). */
  acceptedAnswers?: string[];
}
export interface QuizEditionTexts {
  title?: string;
  questions?: QuestionEditionTexts[];
}

/** `bank`: the course's question bank (one per version; its id is the course id). */
export type EditionItemKind = 'course' | 'module' | 'lesson' | 'quiz' | 'bank';

/** The language whose edition a learner reads. */
export function editionLocale(learnerLocale: string | null | undefined, defaultLocale: Locale, editions: readonly string[]): Locale {
  if (isLocale(learnerLocale) && (learnerLocale === defaultLocale || editions.includes(learnerLocale))) return learnerLocale;
  return defaultLocale;
}

function text(value: string | undefined | null): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A text in the edition, else the default's. */
export function pick(edition: string | undefined | null, fallback: string): string {
  return text(edition) ?? fallback;
}

export interface LocalizableQuestion {
  prompt: string;
  kind?: string;
  feedback?: string;
  options: readonly { text: string; feedback?: string; match?: string }[];
  acceptedAnswers?: readonly string[];
}

/**
 * The questions with the edition's prompts, option texts, option feedback, matches and feedback
 * (by position), the rest unchanged. Accepted short answers: the edition's first, then the
 * default language's (both are accepted; repeats dropped).
 */
export function localizeQuestions<Q extends LocalizableQuestion>(questions: readonly Q[], edition: QuizEditionTexts | null | undefined): Q[] {
  if (!edition?.questions) return [...questions];
  return questions.map((q, i) => {
    const t = edition.questions?.[i];
    if (!t) return q;
    const accepted = (t.acceptedAnswers ?? []).filter((a) => text(a) !== undefined);
    return {
      ...q,
      prompt: pick(t.prompt, q.prompt),
      ...(text(t.feedback) ?? q.feedback ? { feedback: pick(t.feedback, q.feedback ?? '') } : {}),
      options: q.options.map((o, j) => ({
        ...o,
        text: pick(t.options?.[j], o.text),
        ...(o.feedback !== undefined ? { feedback: pick(t.optionFeedback?.[j], o.feedback) } : {}),
        ...(o.match !== undefined ? { match: pick(t.matches?.[j], o.match) } : {}),
      })),
      ...(q.acceptedAnswers !== undefined && accepted.length > 0 ? { acceptedAnswers: [...new Set([...accepted, ...q.acceptedAnswers])] } : {}),
    };
  });
}

/** One text an edition lacks, named for the builder. */
export interface MissingText {
  kind: EditionItemKind;
  /** The item's id in the version (the course id for the course itself). */
  id: string;
  /**
   * e.g. `title`, `body`, `videoText`, `questions.2.prompt`, `questions.2.feedback`, `questions.2.options.1`,
   * `questions.2.options.1.feedback`, `questions.2.options.1.match`, `questions.2.acceptedAnswers`
   */
  field: string;
}

export interface DefaultTexts {
  course: { id: string; title: string; summary: string };
  modules: { id: string; title: string }[];
  lessons: { id: string; title: string; body: string; video_text?: string | null }[];
  quizzes: { id: string; title: string; questions: LocalizableQuestion[] }[];
  /** The course's question bank (absent or empty: none). */
  bank?: { id: string; questions: LocalizableQuestion[] };
}

export interface EditionTextsById {
  course?: CourseEditionTexts;
  modules: Map<string, ModuleEditionTexts>;
  lessons: Map<string, LessonEditionTexts>;
  quizzes: Map<string, QuizEditionTexts>;
  bank?: QuizEditionTexts;
}

/**
 * Every text of the default edition that the edition lacks. A summary or a feedback that is
 * empty in the default edition is not asked for.
 */
export function missingTexts(defaults: DefaultTexts, edition: EditionTextsById): MissingText[] {
  const missing: MissingText[] = [];
  const need = (kind: EditionItemKind, id: string, field: string, def: string | undefined, value: string | undefined) => {
    if (text(def) && !text(value)) missing.push({ kind, id, field });
  };
  need('course', defaults.course.id, 'title', defaults.course.title, edition.course?.title);
  need('course', defaults.course.id, 'summary', defaults.course.summary, edition.course?.summary);
  for (const m of defaults.modules) need('module', m.id, 'title', m.title, edition.modules.get(m.id)?.title);
  for (const l of defaults.lessons) {
    const t = edition.lessons.get(l.id);
    need('lesson', l.id, 'title', l.title, t?.title);
    need('lesson', l.id, 'body', l.body, t?.body);
    need('lesson', l.id, 'videoText', l.video_text ?? undefined, t?.videoText);
  }
  const questions = (kind: EditionItemKind, id: string, list: readonly LocalizableQuestion[], t: QuizEditionTexts | undefined) => {
    list.forEach((question, i) => {
      const tq = t?.questions?.[i];
      need(kind, id, `questions.${i}.prompt`, question.prompt, tq?.prompt);
      need(kind, id, `questions.${i}.feedback`, question.feedback, tq?.feedback);
      question.options.forEach((o, j) => {
        need(kind, id, `questions.${i}.options.${j}`, o.text, tq?.options?.[j]);
        need(kind, id, `questions.${i}.options.${j}.feedback`, o.feedback, tq?.optionFeedback?.[j]);
        need(kind, id, `questions.${i}.options.${j}.match`, o.match, tq?.matches?.[j]);
      });
      const accepted = (question.acceptedAnswers ?? []).find((a) => text(a) !== undefined);
      need(kind, id, `questions.${i}.acceptedAnswers`, accepted, (tq?.acceptedAnswers ?? []).find((a) => text(a) !== undefined));
    });
  };
  for (const q of defaults.quizzes) {
    const t = edition.quizzes.get(q.id);
    need('quiz', q.id, 'title', q.title, t?.title);
    questions('quiz', q.id, q.questions, t);
  }
  if (defaults.bank) questions('bank', defaults.bank.id, defaults.bank.questions, edition.bank);
  return missing;
}

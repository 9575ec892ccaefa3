import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CourseItemsRepository, DraftDeletionsRepository, EditionsRepository, type QuizContent, type StoredQuizQuestion } from '@kindling/db';
import { bankDrawShortfalls, type QuestionEditionTexts, questionContinuations, type QuizDraw, realignQuestionTexts, type QuizQuestionDefinition, validateQuizDefinition, validateQuizDraws } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { invalid, msg } from '@kindling/common';
import type { Actor } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CourseDraftService, editedRow } from './course-drafts.js';
import { authorQuizView } from './course-views.js';
import type { QuizBodyDto } from './dto/quiz.dto.js';
import type { AuthorQuizView, CreatedView } from './dto/responses.js';

/** A quiz as the routes and the course seeds give it. */
export interface QuizFields {
  title: string;
  passMark: number;
  maxAttempts?: number | null;
  shuffleQuestions?: boolean;
  shuffleOptions?: boolean;
  revealAnswers?: 'passed-or-exhausted' | 'never';
  timeLimitMinutes?: number | null;
  draws?: QuizDraw[] | null;
  questions: (Omit<QuizQuestionDefinition, 'options'> & { options?: QuizQuestionDefinition['options'] })[];
}

/**
 * What is stored for a quiz: validated questions (400 naming each question at fault), defaults
 * filled in. A question (option) continuing one of `previous` keeps its id; the others get new ones.
 */
export function quizContent(quiz: QuizFields, previous: readonly StoredQuizQuestion[] = []): QuizContent {
  return {
    title: quiz.title.trim(),
    passMark: quiz.passMark,
    maxAttempts: quiz.maxAttempts ?? null,
    shuffleQuestions: quiz.shuffleQuestions ?? false,
    shuffleOptions: quiz.shuffleOptions ?? false,
    revealAnswers: quiz.revealAnswers ?? 'passed-or-exhausted',
    timeLimitMinutes: quiz.timeLimitMinutes ?? null,
    ...drawsOf(quiz, previous),
  };
}

/**
 * The questions (validated) and the draws (checked against them; bank draws are checked against
 * the bank by `requireBankDraws`). A quiz drawing from the bank may have no questions of its own.
 */
function drawsOf(quiz: QuizFields, previous: readonly StoredQuizQuestion[]): Pick<QuizContent, 'questions' | 'draws'> {
  const definitions = quiz.questions.map((q) => ({ ...q, options: q.options ?? [] }));
  const draws = (quiz.draws ?? []).map((d) => ({
    count: d.count, ...(d.tag?.trim() ? { tag: d.tag.trim() } : {}), ...(d.from === 'bank' ? { from: 'bank' as const } : {}),
  }));
  const fromBank = draws.some((d) => d.from === 'bank');
  const questions = fromBank && definitions.length === 0 ? [] : storedQuestions(definitions, previous);
  const problems = validateQuizDraws(draws.filter((d) => d.from !== 'bank'), definitions);
  if (problems.length > 0) throw invalid(problems);
  return { questions, draws };
}

/**
 * 400 naming the quiz for each bank draw asking for more questions than the bank holds (with
 * its tag); `quizzes` are checked against the same `bank`.
 */
export function requireBankDraws(quizzes: readonly { title: string; draws?: QuizDraw[] | null }[], bank: readonly StoredQuizQuestion[]): void {
  const problems = quizzes.flatMap((quiz) =>
    bankDrawShortfalls(quiz.draws, bank).map((s) =>
      s.tag === null
        ? msg('authoring.bank.drawTooLarge', { quiz: quiz.title, count: s.count, available: s.available })
        : msg('authoring.bank.drawTooLargeTag', { quiz: quiz.title, count: s.count, tag: s.tag, available: s.available })),
  );
  if (problems.length > 0) throw invalid(problems);
}

/** The bank's questions as stored: validated like a quiz's (messages name the question), ids as for a quiz. An empty bank is allowed. */
export function bankContent(questions: QuizFields['questions'], previous: readonly StoredQuizQuestion[] = []): StoredQuizQuestion[] {
  if (questions.length === 0) return [];
  return storedQuestions(questions.map((q) => ({ ...q, options: q.options ?? [] })), previous);
}

function trimmed(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}

/**
 * Validates the questions (messages name the question) and gives every question and option an
 * id: the stored one it continues (`questionContinuations`), else a new one.
 */
function storedQuestions(questions: QuizQuestionDefinition[], previous: readonly StoredQuizQuestion[]): StoredQuizQuestion[] {
  const problems = validateQuizDefinition(questions);
  if (problems.length > 0) throw invalid(problems);
  const continued = questionContinuations(previous, questions);
  return questions.map((q, k) => {
    const feedback = trimmed(q.feedback);
    const tags = [...new Set((q.tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
    return {
      id: continued[k]!.id ?? randomUUID(),
      prompt: q.prompt.trim(),
      kind: q.kind,
      options: q.options.map((option, j) => {
        const match = q.kind === 'matching' ? trimmed(option.match) : undefined;
        const optionFeedback = trimmed(option.feedback);
        return {
          id: continued[k]!.options[j]!.id ?? randomUUID(),
          text: option.text.trim(),
          correct: option.correct === true,
          ...(match !== undefined ? { match, matchId: randomUUID() } : {}),
          ...(optionFeedback !== undefined ? { feedback: optionFeedback } : {}),
        };
      }),
      ...(q.kind === 'short-text' ? { acceptedAnswers: (q.acceptedAnswers ?? []).map((a) => a.trim()) } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(feedback !== undefined ? { feedback } : {}),
    };
  });
}

/**
 * After a quiz's (or the bank's) questions were replaced: every language edition's question
 * texts follow the questions they were written for, so a removed, inserted or moved question never
 * shows a learner another question's translation.
 */
export async function realignEditions(
  editions: EditionsRepository,
  versionId: string,
  kind: 'quiz' | 'bank',
  itemId: string,
  previous: readonly StoredQuizQuestion[],
  next: readonly StoredQuizQuestion[],
  em: EntityManager,
): Promise<void> {
  const continued = questionContinuations(previous, next);
  const unchanged = previous.length === next.length && continued.every((c, i) => c.from === i && c.options.every((o, j) => o.from === j));
  if (unchanged) return;
  await editions.realignQuestionTexts<QuestionEditionTexts | null>(versionId, kind, itemId, (texts) => realignQuestionTexts(texts, continued), em);
}

/** Writing quizzes on the course's draft (see course-drafts.ts). */
@Injectable()
export class QuizAuthoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafts: CourseDraftService,
    private readonly items: CourseItemsRepository,
    private readonly deletions: DraftDeletionsRepository,
    private readonly editions: EditionsRepository,
  ) {}

  async addQuiz(actor: Actor, moduleId: string, dto: QuizBodyDto): Promise<CreatedView> {
    const scope = authorScopeOf(actor, 'module');
    const content = quizContent(dto);
    return this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('module', moduleId, scope, em);
      requireBankDraws([content], await this.items.questionBank(item.draftVersionId, em));
      return { id: await this.items.insertQuiz(item.draftVersionId, item.id, content, em) };
    });
  }

  /**
   * Replaces the quiz's settings and questions (the same body as creating it). The language
   * editions' question texts follow their questions (see `questionContinuations`).
   */
  async updateQuiz(actor: Actor, quizId: string, dto: QuizBodyDto): Promise<AuthorQuizView> {
    const scope = authorScopeOf(actor, 'quiz');
    quizContent(dto); // a body at fault answers 400 before anything is opened
    return this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('quiz', quizId, scope, em);
      const previous = (await this.items.quizQuestionsForUpdate(item.id, em)) ?? [];
      const content = quizContent(dto, previous);
      requireBankDraws([content], await this.items.questionBank(item.draftVersionId, em));
      const row = editedRow(await this.items.replaceQuiz(item.id, content, em));
      await realignEditions(this.editions, item.draftVersionId, 'quiz', item.id, previous, content.questions, em);
      return authorQuizView(row);
    });
  }

  async deleteQuiz(actor: Actor, quizId: string): Promise<void> {
    const scope = authorScopeOf(actor, 'quiz');
    await this.dataSource.transaction(async (em) => {
      const item = await this.drafts.draftItem('quiz', quizId, scope, em);
      // Kept for undo while the draft is open (DraftDeletionsService.restore).
      await this.deletions.snapshot({ courseId: item.courseId, versionId: item.draftVersionId, kind: 'quiz', itemId: item.id, deletedBy: actor.userId }, em);
      await this.items.deleteQuiz(item.id, em);
    });
  }
}

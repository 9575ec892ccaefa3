import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type AttemptQuizRow, type AttemptRow, AttemptsRepository, EditionsRepository, type PresentedQuestion, type StartAttemptRow,
  type StoredQuizQuestion, type SubmitOwnAttemptRow, type SubmittedAnswer,
} from '@kindling/db';
import {
  type AttemptGrade, drawQuestions, gradeAttempt, localizeQuestions, type QuizEditionTexts, revealsCorrectAnswers, scrambledOrder, shuffledChoices,
  shuffleForAttempt, validateAnswersShape,
} from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, invalid, isUuid, msg, notFound } from '@kindling/common';
import { CompletionService } from './completion.service.js';
import type {
  AttemptResultDto, AttemptViewDto, QuestionViewDto, ReviewQuestionDto, SubmissionDto, SubmissionResultDto,
} from './dto/attempt.dto.js';
import { PRE_FIRST, WITHDRAWN_LEARN } from './progress.service.js';

/**
 * Quiz attempts: started with questions but no answers, submitted once, graded on the server,
 * then reviewed (right/wrong and feedback per question; the correct options only under the
 * rule in libs/domain `revealsCorrectAnswers`). Texts come in the learner's language edition.
 */
@Injectable()
export class AttemptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attempts: AttemptsRepository,
    private readonly completion: CompletionService,
    private readonly editions: EditionsRepository,
  ) {}

  /**
   * Starts an attempt, or returns the attempt of this quiz still open, in one database round
   * trip (start_attempt): the function locks the caller's enrolment (so parallel starts are
   * numbered one after the other and the maximum holds), checks it and the quiz, and inserts the
   * order drawn and shuffled here from this process's copy of the quiz (`attemptOrder`: the
   * draw from the pool and every kind's presentation, seeded by the attempt id). A copy that is
   * missing or not current (its key, which covers draws and the time limit, differs) costs one
   * more trip: the answer carries the stored quiz. `expiresAt` comes from the row's `started_at`.
   */
  async start(userId: string, enrolmentId: string, quizId: string): Promise<AttemptViewDto> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    const id = randomUUID();
    let row: StartAttemptRow | undefined;
    for (let tries = 0; tries < 3 && (!row || row.outcome === 'stale'); tries++) {
      const held = isUuid(quizId) ? this.quizCopies.get(quizId) : undefined;
      row = await this.attempts.startOwn(enrolmentId, userId, isUuid(quizId) ? quizId : null, {
        id,
        presented: held ? attemptOrder(held.quiz, id) : null,
        quizKey: held?.key ?? null,
      });
      if (row.quiz && row.quiz_key) this.holdQuiz(row.quiz, row.quiz_key);
    }
    const held = this.quizCopies.get(quizId);
    switch (row!.outcome) {
      case 'ok':
      case 'open':
        break;
      case 'enrolment_not_found':
        throw notFound('enrolment');
      case 'withdrawn':
        throw conflict(WITHDRAWN_LEARN);
      case 'pre_first':
        throw conflict(PRE_FIRST);
      case 'quiz_not_found':
        throw notFound('quiz');
      case 'no_attempts_left':
        throw conflict(msg('errors.learning.noAttemptsLeft', { max: held?.quiz.max_attempts ?? row!.used ?? 0 }));
      default:
        throw new Error(`start_attempt answered ${row!.outcome} three times: the quiz keeps changing`);
    }
    const texts = row!.texts as PoolEditionTexts | null;
    this.holdTexts(row!.attempt_id!, texts);
    const quiz = { ...held!.quiz, questions: localizePool(held!.quiz.questions, texts) };
    return {
      id: row!.attempt_id!,
      questions: present(quiz, row!.presented!),
      attemptsLeft: left(quiz, row!.used!),
      expiresAt: expiresAt(quiz, row!.started_at ?? new Date()),
    };
  }

  /** This process's copies of quizzes (by id, with the database's key of the row), for start. */
  private readonly quizCopies = new Map<string, { quiz: AttemptQuizRow; key: string }>();

  /** Question id → quiz id of the held copies (to find the quiz a submission's answers belong to). */
  private readonly quizOfQuestion = new Map<string, string>();

  /**
   * The learner's edition texts of attempts started here (by attempt id), what a submission is
   * graded with first: short-text answers are accepted in the learner's edition's language too.
   */
  private readonly attemptTexts = new Map<string, PoolEditionTexts | null>();

  private holdTexts(attemptId: string, texts: PoolEditionTexts | null): void {
    if (!this.attemptTexts.has(attemptId) && this.attemptTexts.size >= MAX_ATTEMPT_TEXTS) {
      this.attemptTexts.delete(this.attemptTexts.keys().next().value!);
    }
    this.attemptTexts.set(attemptId, texts);
  }

  private holdQuiz(quiz: AttemptQuizRow, key: string): void {
    if (!this.quizCopies.has(quiz.id) && this.quizCopies.size >= MAX_QUIZ_COPIES) {
      const oldest = this.quizCopies.keys().next().value!;
      for (const q of this.quizCopies.get(oldest)!.quiz.questions) this.quizOfQuestion.delete(q.id);
      this.quizCopies.delete(oldest);
    }
    this.quizCopies.set(quiz.id, { quiz, key });
    // Bank questions are shared by the quizzes drawing from the bank: only a quiz's own questions name it.
    for (const q of quiz.questions) if (!q.bank) this.quizOfQuestion.set(q.id, quiz.id);
  }

  /** The open attempt again (for a page reload), or its result once submitted. */
  async get(userId: string, attemptId: string): Promise<AttemptViewDto | AttemptResultDto> {
    const { attempt, quiz, used } = await this.load(userId, attemptId);
    if (attempt.submitted_at === null) {
      return { id: attempt.id, questions: present(quiz, attempt.presented), attemptsLeft: left(quiz, used), expiresAt: expiresAt(quiz, attempt.started_at) };
    }
    const questions = shownQuestions(quiz, attempt.presented);
    const grade = gradeAttempt(questions, attempt.answers ?? [], Number(quiz.pass_mark));
    const passed = attempt.passed === true;
    return {
      id: attempt.id,
      scorePercent: Number(attempt.score_percent),
      passed,
      expired: attempt.expired,
      attemptsLeft: left(quiz, used),
      submittedAt: attempt.submitted_at.toISOString(),
      ...reviewOf(quiz, attempt, grade, passed || attempt.passed_before, left(quiz, used)),
    };
  }

  /**
   * Grades and records a submission. Exactly one submission wins: the UPDATE only touches an
   * attempt that is still open, so a second or concurrent submission finds nothing and gets 409.
   *
   * One database round trip in the common case (submit_own_attempt): the answers are graded
   * here against this process's copy of the quiz they belong to, on the questions this attempt
   * drew (the draw is seeded by the attempt id; no draws: every question); the function checks
   * the assumptions (the attempt's quiz, the copy's key, exactly those questions shown) before it
   * writes, and applies the time limit itself (late: written as expired, score 0, not passed).
   * When an assumption does not hold, the function answers `regrade` with the stored quiz and
   * the questions shown, and the submission is graded from those and sent again with them: a
   * second trip, with the same checks (so a late submission is recorded as expired either way).
   */
  async submit(userId: string, attemptId: string, body: SubmissionDto): Promise<SubmissionResultDto> {
    if (!isUuid(attemptId)) throw notFound('attempt');
    const answers = body.answers as SubmittedAnswer[];
    // The first guess: this process's copy of the quiz the answers belong to, and the questions
    // this attempt drew from it (the draw is seeded by the attempt id, as start did).
    const held = this.quizOfAnswers(answers);
    // Graded in the learner's edition as start saw it (no edition texts when this process did not start it).
    let texts = this.attemptTexts.get(attemptId) ?? null;
    let guess = held ? graded(held, drawQuestions(localizePool(held.quiz.questions, texts), held.quiz.draws, attemptId), answers) : null;
    let row: SubmitOwnAttemptRow;
    for (let tries = 0; ; tries++) {
      row = await this.attempts.submitOwnGraded(
        attemptId,
        userId,
        { quizId: guess?.quiz.id ?? null, quizKey: guess?.key ?? null, shown: guess?.shown ?? null, checkTexts: guess?.shortText === true, texts },
        { answers, scorePercent: guess?.grade.scorePercent ?? 0, passed: guess?.grade.passed === true },
        guess ? { quizId: guess.quiz.id, scorePercent: guess.grade.scorePercent, passed: guess.grade.passed === true, passMark: Number(guess.quiz.pass_mark) } : {},
        TIME_LIMIT_GRACE_MS,
      );
      if (row.quiz && row.quiz_key) this.holdQuiz(row.quiz, row.quiz_key);
      if (row.outcome !== 'regrade') break;
      if (tries >= 2) throw new Error('submit_own_attempt answered regrade three times: the quiz keeps changing');
      // The uncommon case (no copy, a stale one, or answers that do not fit the guess): grade
      // from the stored quiz and the questions this attempt shows, and write with those (a second trip).
      const stored = { quiz: row.quiz!, key: row.quiz_key! };
      texts = (row.texts as PoolEditionTexts | null) ?? null;
      const questions = shownQuestions({ ...stored.quiz, questions: localizePool(stored.quiz.questions, texts) }, row.presented!);
      const problems = validateAnswersShape(questions, answers);
      if (problems.length > 0) throw invalid(problems);
      guess = graded(stored, questions, answers);
    }
    this.attemptTexts.delete(attemptId);
    switch (row.outcome) {
      case 'ok':
        break;
      case 'withdrawn':
        throw conflict(msg('errors.learning.withdrawn'));
      case 'already_submitted':
        throw conflict(msg('errors.learning.attemptSubmitted'));
      default:
        throw notFound('attempt');
    }
    texts = row.texts as PoolEditionTexts | null;
    const stored = guess!.quiz;
    const quiz = { ...stored, questions: localizePool(stored.questions, texts) };
    const attempt = { presented: row.presented! };
    const used = row.used!;
    const grade = guess!.grade;
    // Time limit, enforced by submit_own_attempt on the database's clock: a late submission is
    // recorded as expired (score 0, not passed); the review still says which answers were right.
    const expired = row.expired;
    const scorePercent = expired ? 0 : grade.scorePercent;
    const passed = !expired && grade.passed === true;
    if (row.may_complete) {
      await this.dataSource.transaction((em) => this.completion.evaluate(em, row.enrolment_id!, userId));
    }
    return {
      scorePercent,
      passed,
      expired,
      attemptsLeft: left(quiz, used),
      ...reviewOf(quiz, attempt, grade, passed || row.passed_before === true, left(quiz, used)),
    };
  }

  /** The held copy of the quiz the first answer's question belongs to (question ids are unique across quizzes). */
  private quizOfAnswers(answers: SubmissionDto['answers']): { quiz: AttemptQuizRow; key: string } | undefined {
    const questionId = Array.isArray(answers) ? answers.find((a) => this.quizOfQuestion.has(a?.questionId))?.questionId : undefined;
    const quizId = questionId === undefined ? undefined : this.quizOfQuestion.get(questionId);
    const held = quizId === undefined ? undefined : this.quizCopies.get(quizId);
    return held && held.quiz.questions.some((q) => q.id === questionId) ? held : undefined;
  }

  private async load(userId: string, attemptId: string): Promise<{ attempt: AttemptRow; quiz: AttemptQuizRow; used: number }> {
    if (!isUuid(attemptId)) throw notFound('attempt');
    const row = await this.attempts.findOwn(attemptId, userId);
    if (!row) throw notFound('attempt');
    const quiz = { ...row.quiz, questions: await this.localized(userId, row.version_id, row.quiz_id, row.quiz.questions) };
    return { attempt: row, quiz, used: row.used };
  }

  /** The questions with the texts of the learner's language edition (structure and correct flags unchanged). */
  private async localized(userId: string, versionId: string, quizId: string, questions: StoredQuizQuestion[], em?: EntityManager): Promise<StoredQuizQuestion[]> {
    const [edition, bank] = await Promise.all([
      this.editions.forReader(userId, versionId, { kinds: ['quiz'], itemId: quizId }, em),
      questions.some((q) => q.bank) ? this.editions.forReader(userId, versionId, { kinds: ['bank'] }, em) : null,
    ]);
    const texts = edition.rows[0]?.texts as QuizEditionTexts | undefined;
    const bankTexts = bank?.rows[0]?.texts as QuizEditionTexts | undefined;
    return localizePool(questions, texts || bankTexts ? { ...texts, ...(bankTexts ? { bank: bankTexts } : {}) } : null);
  }
}

/** A quiz's edition texts with the course bank's under `bank` (quiz_edition_texts). */
type PoolEditionTexts = QuizEditionTexts & { bank?: QuizEditionTexts };

/**
 * The quiz's pool in the learner's edition: its own questions by their position in the quiz,
 * the bank's questions by their position in the bank (`bankIndex`).
 */
function localizePool(questions: StoredQuizQuestion[], texts: PoolEditionTexts | null | undefined): StoredQuizQuestion[] {
  if (!texts) return questions;
  const own = localizeQuestions(questions.filter((q) => !q.bank), texts);
  let next = 0;
  return questions.map((q) => {
    if (!q.bank) return own[next++]!;
    const t = texts.bank?.questions?.[q.bankIndex ?? -1];
    return t ? localizeQuestions([q], { questions: [t] })[0]! : q;
  });
}

/** Quizzes one API process keeps a copy of (the oldest copy goes first). */
const MAX_QUIZ_COPIES = 2_000;

/** Attempts whose edition texts one API process keeps until they are submitted (the oldest go first). */
const MAX_ATTEMPT_TEXTS = 20_000;

/**
 * The order an attempt with this id shows the quiz in: its draw from the pool, shuffled, with
 * each kind's presentation (`presentedOrder`). Seeded by the id, so it can be computed before the write.
 */
function attemptOrder(quiz: AttemptQuizRow, attemptId: string): PresentedQuestion[] {
  const ordered = shuffleForAttempt(
    drawQuestions(quiz.questions, quiz.draws, attemptId),
    { shuffleQuestions: quiz.shuffle_questions, shuffleOptions: quiz.shuffle_options },
    attemptId,
  );
  return ordered.map((q) => presentedOrder(q, quiz.questions, attemptId));
}

/** A grade of `answers` against `questions` of a quiz copy, with what submit_own_attempt checks it by. */
function graded(
  copy: { quiz: AttemptQuizRow; key: string },
  questions: StoredQuizQuestion[],
  answers: SubmittedAnswer[],
): { quiz: AttemptQuizRow; key: string; shown: string[]; shortText: boolean; grade: AttemptGrade } | null {
  if (validateAnswersShape(questions, answers).length > 0) return null;
  return {
    ...copy,
    shown: questions.map((q) => q.id),
    shortText: questions.some((q) => q.kind === 'short-text'),
    grade: gradeAttempt(questions, answers, Number(copy.quiz.pass_mark)),
  };
}

/** The quiz's questions that this attempt shows. */
function shownQuestions(quiz: AttemptQuizRow, presented: PresentedQuestion[]): StoredQuizQuestion[] {
  const shown = new Set(presented.map((p) => p.questionId));
  return quiz.questions.filter((q) => shown.has(q.id));
}

/**
 * The review of a submitted attempt, in the order presented: right or wrong, the feedback, the
 * options with the learner's choices, and which are correct only when the rule reveals them.
 */
function reviewOf(
  quiz: AttemptQuizRow,
  attempt: Pick<AttemptRow, 'presented'>,
  grade: AttemptGrade,
  passed: boolean,
  attemptsLeft: number | null,
): { answersRevealed: boolean; review: ReviewQuestionDto[] } {
  const answersRevealed = revealsCorrectAnswers(quiz.reveal_answers ?? 'passed-or-exhausted', { passed, attemptsLeft });
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const gradeOf = new Map(grade.perQuestion.map((g) => [g.questionId, g]));
  const review = attempt.presented.flatMap((p): ReviewQuestionDto[] => {
    const q = byId.get(p.questionId);
    const g = gradeOf.get(p.questionId);
    if (!q || !g) return [];
    const chosen = new Set(g.chosenOptionIds);
    const options = new Map(q.options.map((o) => [o.id, o]));
    // ordering: the options in the learner's order when answered, else as presented
    const order = q.kind === 'ordering' && g.answered ? g.chosenOptionIds : p.optionIds;
    const base: ReviewQuestionDto = {
      id: q.id,
      prompt: q.prompt,
      kind: q.kind,
      correct: g.correct,
      answered: g.answered,
      feedback: q.feedback ?? null,
      options: order.flatMap((id) => {
        const o = options.get(id);
        if (!o) return [];
        const isChosen = chosen.has(o.id) && q.kind !== 'ordering';
        const choiceKind = q.kind === 'single' || q.kind === 'multiple' || q.kind === 'true-false';
        return [{
          id: o.id,
          text: o.text,
          chosen: isChosen,
          correct: answersRevealed && choiceKind ? o.correct : null,
          feedback: isChosen ? (o.feedback ?? null) : null,
        }];
      }),
    };
    if (q.kind === 'ordering') base.correctOrder = answersRevealed ? q.options.map((o) => o.id) : null;
    if (q.kind === 'matching') {
      const matchOf = new Map(q.options.map((o) => [o.id, o.matchId]));
      base.choices = choicesOf(q, p);
      base.pairs = (g.pairs ?? []).map((pair) => ({
        optionId: pair.optionId,
        choiceId: pair.choiceId,
        correct: answersRevealed ? matchOf.get(pair.optionId) === pair.choiceId : null,
      }));
    }
    if (q.kind === 'short-text') {
      base.text = g.text ?? '';
      base.acceptedAnswers = answersRevealed ? [...(q.acceptedAnswers ?? [])] : null;
    }
    return [base];
  });
  return { answersRevealed, review };
}


function left(quiz: Pick<AttemptQuizRow, 'max_attempts'>, used: number): number | null {
  return quiz.max_attempts === null ? null : Math.max(0, quiz.max_attempts - used);
}

/** The questions as shown in this attempt: no correct flags, matches' pairing or accepted answers ever leave the server here. */
function present(quiz: AttemptQuizRow, presented: PresentedQuestion[]): QuestionViewDto[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  return presented.flatMap((p) => {
    const q = byId.get(p.questionId);
    if (!q) return [];
    const options = new Map(q.options.map((o) => [o.id, o]));
    const view: QuestionViewDto = {
      id: q.id,
      prompt: q.prompt,
      kind: q.kind,
      options: p.optionIds.flatMap((id) => {
        const o = options.get(id);
        return o ? [{ id: o.id, text: o.text }] : [];
      }),
    };
    if (q.kind === 'matching') view.choices = choicesOf(q, p);
    return [view];
  });
}

/** A matching question's choices (its matches under their own ids) in the order presented. */
function choicesOf(q: StoredQuizQuestion, p: PresentedQuestion): { id: string; text: string }[] {
  const byChoice = new Map(q.options.flatMap((o) => (o.matchId && o.match !== undefined ? [[o.matchId, o.match] as const] : [])));
  return (p.choiceIds ?? []).flatMap((id) => {
    const text = byChoice.get(id);
    return text === undefined ? [] : [{ id, text }];
  });
}

/**
 * What an attempt presents of one question: the options in the shuffled order (an ordering
 * question's always scrambled, never in the correct order), a matching question's choices shuffled.
 */
function presentedOrder(q: StoredQuizQuestion, all: StoredQuizQuestion[], seed: string): PresentedQuestion {
  const original = all.find((x) => x.id === q.id) ?? q;
  if (q.kind === 'ordering') {
    return { questionId: q.id, optionIds: scrambledOrder(original.options.map((o) => o.id), `${seed}\u0000${q.id}`) };
  }
  const optionIds = q.options.map((o) => o.id);
  if (q.kind === 'matching') {
    const choiceIds = shuffledChoices(q.options.flatMap((o) => (o.matchId ? [o.matchId] : [])), `${seed}\u0000${q.id}`);
    return { questionId: q.id, optionIds, choiceIds };
  }
  return { questionId: q.id, optionIds };
}

/** Grace after a time limit for the network and a slow phone. */
export const TIME_LIMIT_GRACE_MS = 30_000;

function expiresAt(quiz: Pick<AttemptQuizRow, 'time_limit_minutes'>, startedAt: Date): string | null {
  if (!quiz.time_limit_minutes) return null;
  return new Date(new Date(startedAt).getTime() + quiz.time_limit_minutes * 60_000).toISOString();
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type AttemptQuizRow, type AttemptRow, AttemptsRepository, EditionsRepository, type PresentedQuestion, ProgressRepository,
  type StoredQuizQuestion, type SubmittedAnswer,
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
import { assertCanLearn, lockOwnEnrolment } from './progress.service.js';

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
    private readonly progress: ProgressRepository,
    private readonly completion: CompletionService,
    private readonly editions: EditionsRepository,
  ) {}

  /**
   * Starts an attempt, or returns the attempt of this quiz still open. The enrolment row is
   * locked first, so parallel starts are numbered one after the other and the maximum holds.
   */
  async start(userId: string, enrolmentId: string, quizId: string): Promise<AttemptViewDto> {
    return this.dataSource.transaction(async (em) => {
      const enrolment = await lockOwnEnrolment(this.progress, em, enrolmentId, userId);
      assertCanLearn(enrolment);
      if (!isUuid(quizId)) throw notFound('quiz');
      const stored = await this.attempts.quizOfVersion(quizId, enrolment.course_version_id, em);
      if (!stored) throw notFound('quiz');
      const quiz = { ...stored, questions: await this.localized(userId, enrolment.course_version_id, quizId, stored.questions, em) };
      const attempts = await this.attempts.attemptsOf(enrolmentId, quizId, em);
      const used = attempts.length;
      const open = attempts.find((a) => a.submitted_at === null);
      if (open) {
        return { id: open.id, questions: present(quiz, open.presented), attemptsLeft: left(quiz, used), expiresAt: expiresAt(quiz, open.started_at) };
      }
      if (quiz.max_attempts !== null && used >= quiz.max_attempts) {
        throw conflict(msg('errors.learning.noAttemptsLeft', { max: quiz.max_attempts }));
      }
      const id = randomUUID();
      const ordered = shuffleForAttempt(
        drawQuestions(quiz.questions, quiz.draws, id),
        { shuffleQuestions: quiz.shuffle_questions, shuffleOptions: quiz.shuffle_options },
        id,
      );
      const presented: PresentedQuestion[] = ordered.map((q) => presentedOrder(q, quiz.questions, id));
      await this.attempts.insert({ id, enrolmentId, quizId, attemptNo: used + 1, presented }, em);
      await this.progress.recordActivity(enrolmentId, true, em);
      return { id, questions: present(quiz, presented), attemptsLeft: left(quiz, used + 1), expiresAt: expiresAt(quiz, new Date()) };
    });
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
   */
  async submit(userId: string, attemptId: string, body: SubmissionDto): Promise<SubmissionResultDto> {
    const { attempt, quiz, used } = await this.load(userId, attemptId);
    if (attempt.submitted_at !== null) throw conflict(msg('errors.learning.attemptSubmitted'));
    if (attempt.enrolment_status === 'withdrawn') throw conflict(msg('errors.learning.withdrawn'));
    const questions = shownQuestions(quiz, attempt.presented);
    const problems = validateAnswersShape(questions, body.answers);
    if (problems.length > 0) throw invalid(problems);
    const passMark = Number(quiz.pass_mark);
    const grade = gradeAttempt(questions, body.answers, passMark);
    // Time limit, enforced here: a late submission is recorded and graded as expired (score 0, not passed).
    const expired = isLate(quiz, attempt.started_at, new Date());
    const scorePercent = expired ? 0 : grade.scorePercent;
    const passed = !expired && grade.passed === true;
    // One write round trip (submit_attempt): lock, record, audit, activity and counters.
    const auditData = { enrolmentId: attempt.enrolment_id, quizId: attempt.quiz_id, scorePercent, passed, passMark, ...(expired ? { expired } : {}) };
    const row = await this.attempts.submitOwn(attemptId, userId, { answers: body.answers as SubmittedAnswer[], scorePercent, passed }, auditData);
    switch (row?.outcome) {
      case 'ok':
        break;
      case 'withdrawn':
        throw conflict(msg('errors.learning.withdrawn'));
      case 'already_submitted':
        throw conflict(msg('errors.learning.attemptSubmitted'));
      default:
        throw notFound('attempt');
    }
    if (expired) await this.attempts.markExpired(attemptId);
    if (row.may_complete) {
      await this.dataSource.transaction((em) => this.completion.evaluate(em, attempt.enrolment_id, userId));
    }
    return {
      scorePercent,
      passed,
      expired,
      attemptsLeft: left(quiz, used),
      ...reviewOf(quiz, attempt, grade, passed || attempt.passed_before, left(quiz, used)),
    };
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
    const edition = await this.editions.forReader(userId, versionId, { kinds: ['quiz'], itemId: quizId }, em);
    const texts = edition.rows[0]?.texts as QuizEditionTexts | undefined;
    return texts ? localizeQuestions(questions, texts) : questions;
  }
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

function isLate(quiz: Pick<AttemptQuizRow, 'time_limit_minutes'>, startedAt: Date, now: Date): boolean {
  if (!quiz.time_limit_minutes) return false;
  return now.getTime() > new Date(startedAt).getTime() + quiz.time_limit_minutes * 60_000 + TIME_LIMIT_GRACE_MS;
}

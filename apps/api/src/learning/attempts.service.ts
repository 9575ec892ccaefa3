import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type AttemptQuizRow, type AttemptRow, AttemptsRepository, EditionsRepository, type PresentedQuestion, type StartAttemptRow,
  type StoredQuizQuestion,
} from '@kindling/db';
import {
  type AttemptGrade, gradeAttempt, localizeQuestions, type QuizEditionTexts, revealsCorrectAnswers, shuffleForAttempt, validateAnswersShape,
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
   * order shuffled here from this process's copy of the quiz. A copy that is missing or not
   * current (its key differs) costs one more trip: the answer carries the stored quiz.
   */
  async start(userId: string, enrolmentId: string, quizId: string): Promise<AttemptViewDto> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    const id = randomUUID();
    let row: StartAttemptRow | undefined;
    for (let tries = 0; tries < 3 && (!row || row.outcome === 'stale'); tries++) {
      const held = isUuid(quizId) ? this.quizCopies.get(quizId) : undefined;
      row = await this.attempts.startOwn(enrolmentId, userId, isUuid(quizId) ? quizId : null, {
        id,
        presented: held ? presentedOrder(held.quiz, id) : null,
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
    const texts = row!.texts as QuizEditionTexts | null;
    const quiz = { ...held!.quiz, questions: texts ? localizeQuestions(held!.quiz.questions, texts) : held!.quiz.questions };
    return { id: row!.attempt_id!, questions: present(quiz, row!.presented!), attemptsLeft: left(quiz, row!.used!) };
  }

  /** This process's copies of quizzes (by id, with the database's key of the row), for start. */
  private readonly quizCopies = new Map<string, { quiz: AttemptQuizRow; key: string }>();

  /** Question id → quiz id of the held copies (to find the quiz a submission's answers belong to). */
  private readonly quizOfQuestion = new Map<string, string>();

  private holdQuiz(quiz: AttemptQuizRow, key: string): void {
    if (!this.quizCopies.has(quiz.id) && this.quizCopies.size >= MAX_QUIZ_COPIES) {
      const oldest = this.quizCopies.keys().next().value!;
      for (const q of this.quizCopies.get(oldest)!.quiz.questions) this.quizOfQuestion.delete(q.id);
      this.quizCopies.delete(oldest);
    }
    this.quizCopies.set(quiz.id, { quiz, key });
    for (const q of quiz.questions) this.quizOfQuestion.set(q.id, quiz.id);
  }

  /** The open attempt again (for a page reload), or its result once submitted. */
  async get(userId: string, attemptId: string): Promise<AttemptViewDto | AttemptResultDto> {
    const { attempt, quiz, used } = await this.load(userId, attemptId);
    if (attempt.submitted_at === null) return { id: attempt.id, questions: present(quiz, attempt.presented), attemptsLeft: left(quiz, used) };
    const questions = shownQuestions(quiz, attempt.presented);
    const grade = gradeAttempt(questions, attempt.answers ?? [], Number(quiz.pass_mark));
    const passed = attempt.passed === true;
    return {
      id: attempt.id,
      scorePercent: Number(attempt.score_percent),
      passed,
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
   * here against this process's copy of the quiz they belong to, as if the attempt showed every
   * question; the function checks that assumption (the attempt's quiz, the copy's key, the
   * number of questions shown) before it writes. When it does not hold, the function answers
   * with the stored quiz and the attempt, and the submission is graded from those and written
   * by submit_attempt: a second trip.
   */
  async submit(userId: string, attemptId: string, body: SubmissionDto): Promise<SubmissionResultDto> {
    if (!isUuid(attemptId)) throw notFound('attempt');
    const held = this.quizOfAnswers(body.answers);
    const fast = held && validateAnswersShape(held.quiz.questions, body.answers).length === 0
      ? gradeAttempt(held.quiz.questions, body.answers, Number(held.quiz.pass_mark))
      : null;
    const passMarkOf = (quiz: AttemptQuizRow) => Number(quiz.pass_mark);
    const row = await this.attempts.submitOwnGraded(
      attemptId,
      userId,
      { quizId: fast ? held!.quiz.id : null, quizKey: fast ? held!.key : null },
      { answers: body.answers, scorePercent: fast?.scorePercent ?? 0, passed: fast?.passed === true },
      fast ? { quizId: held!.quiz.id, scorePercent: fast.scorePercent, passed: fast.passed === true, passMark: passMarkOf(held!.quiz) } : {},
    );
    if (row.quiz && row.quiz_key) this.holdQuiz(row.quiz, row.quiz_key);
    switch (row.outcome) {
      case 'ok':
      case 'regrade':
        break;
      case 'withdrawn':
        throw conflict(msg('errors.learning.withdrawn'));
      case 'already_submitted':
        throw conflict(msg('errors.learning.attemptSubmitted'));
      default:
        throw notFound('attempt');
    }
    const stored = row.quiz ?? held!.quiz;
    const texts = row.texts as QuizEditionTexts | null;
    const quiz = { ...stored, questions: texts ? localizeQuestions(stored.questions, texts) : stored.questions };
    const attempt = { presented: row.presented! };
    const used = row.used!;
    let grade: AttemptGrade;
    let mayComplete = row.may_complete;
    if (row.outcome === 'ok') {
      grade = fast!;
    } else {
      // The uncommon case: grade from the stored quiz and the questions this attempt shows.
      const questions = shownQuestions(quiz, attempt.presented);
      const problems = validateAnswersShape(questions, body.answers);
      if (problems.length > 0) throw invalid(problems);
      const passMark = passMarkOf(quiz);
      grade = gradeAttempt(questions, body.answers, passMark);
      const auditData = { enrolmentId: row.enrolment_id, quizId: stored.id, scorePercent: grade.scorePercent, passed: grade.passed === true, passMark };
      const written = await this.attempts.submitOwn(attemptId, userId, { answers: body.answers, scorePercent: grade.scorePercent, passed: grade.passed === true }, auditData);
      switch (written?.outcome) {
        case 'ok':
          break;
        case 'withdrawn':
          throw conflict(msg('errors.learning.withdrawn'));
        case 'already_submitted':
          throw conflict(msg('errors.learning.attemptSubmitted'));
        default:
          throw notFound('attempt');
      }
      mayComplete = written.may_complete;
    }
    const passed = grade.passed === true;
    if (mayComplete) {
      await this.dataSource.transaction((em) => this.completion.evaluate(em, row.enrolment_id!, userId));
    }
    return {
      scorePercent: grade.scorePercent,
      passed,
      attemptsLeft: left(quiz, used),
      ...reviewOf(quiz, attempt, grade, passed || row.passed_before === true, left(quiz, used)),
    };
  }

  /** The held copy of the quiz the first answer's question belongs to (question ids are unique across quizzes). */
  private quizOfAnswers(answers: SubmissionDto['answers']): { quiz: AttemptQuizRow; key: string } | undefined {
    const questionId = Array.isArray(answers) ? answers[0]?.questionId : undefined;
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
    const edition = await this.editions.forReader(userId, versionId, { kinds: ['quiz'], itemId: quizId }, em);
    const texts = edition.rows[0]?.texts as QuizEditionTexts | undefined;
    return texts ? localizeQuestions(questions, texts) : questions;
  }
}

/** Quizzes one API process keeps a copy of (the oldest copy goes first). */
const MAX_QUIZ_COPIES = 2_000;

/** The order an attempt with this id shows the quiz in (seeded by the id, so it can be computed before the write). */
function presentedOrder(quiz: AttemptQuizRow, attemptId: string): PresentedQuestion[] {
  const ordered = shuffleForAttempt(quiz.questions, { shuffleQuestions: quiz.shuffle_questions, shuffleOptions: quiz.shuffle_options }, attemptId);
  return ordered.map((q) => ({ questionId: q.id, optionIds: q.options.map((o) => o.id) }));
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
    return [
      {
        id: q.id,
        prompt: q.prompt,
        kind: q.kind,
        correct: g.correct,
        answered: g.answered,
        feedback: q.feedback ?? null,
        options: p.optionIds.flatMap((id) => {
          const o = options.get(id);
          return o ? [{ id: o.id, text: o.text, chosen: chosen.has(o.id), correct: answersRevealed ? o.correct : null }] : [];
        }),
      },
    ];
  });
  return { answersRevealed, review };
}


function left(quiz: Pick<AttemptQuizRow, 'max_attempts'>, used: number): number | null {
  return quiz.max_attempts === null ? null : Math.max(0, quiz.max_attempts - used);
}

/** The questions as shown in this attempt: no correct flags ever leave the server here. */
function present(quiz: AttemptQuizRow, presented: PresentedQuestion[]): QuestionViewDto[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  return presented.flatMap((p) => {
    const q = byId.get(p.questionId);
    if (!q) return [];
    const options = new Map(q.options.map((o) => [o.id, o]));
    return [
      {
        id: q.id,
        prompt: q.prompt,
        kind: q.kind,
        options: p.optionIds.flatMap((id) => {
          const o = options.get(id);
          return o ? [{ id: o.id, text: o.text }] : [];
        }),
      },
    ];
  });
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AttemptQuizRow, type AttemptRow, AttemptsRepository, type PresentedQuestion, ProgressRepository, recordAudit } from '@kindling/db';
import { gradeAttempt, shuffleForAttempt, validateAnswersShape } from '@kindling/domain';
import { DataSource } from 'typeorm';
import { conflict, invalid, isUuid, notFound, msg } from '@kindling/common';
import { CompletionService } from './completion.service.js';
import type { AttemptResultDto, AttemptViewDto, QuestionViewDto, SubmissionDto, SubmissionResultDto } from './dto/attempt.dto.js';
import { assertCanLearn, lockOwnEnrolment } from './progress.service.js';

/** Quiz attempts: started with questions but no answers, submitted once, graded on the server. */
@Injectable()
export class AttemptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attempts: AttemptsRepository,
    private readonly progress: ProgressRepository,
    private readonly completion: CompletionService,
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
      const quiz = await this.attempts.quizOfVersion(quizId, enrolment.course_version_id, em);
      if (!quiz) throw notFound('quiz');
      const attempts = await this.attempts.attemptsOf(enrolmentId, quizId, em);
      const used = attempts.length;
      const open = attempts.find((a) => a.submitted_at === null);
      if (open) return { id: open.id, questions: present(quiz, open.presented), attemptsLeft: left(quiz, used) };
      if (quiz.max_attempts !== null && used >= quiz.max_attempts) {
        throw conflict(msg('errors.learning.noAttemptsLeft', { max: quiz.max_attempts }));
      }
      const id = randomUUID();
      const ordered = shuffleForAttempt(
        quiz.questions,
        { shuffleQuestions: quiz.shuffle_questions, shuffleOptions: quiz.shuffle_options },
        id,
      );
      const presented: PresentedQuestion[] = ordered.map((q) => ({ questionId: q.id, optionIds: q.options.map((o) => o.id) }));
      await this.attempts.insert({ id, enrolmentId, quizId, attemptNo: used + 1, presented }, em);
      await this.progress.recordActivity(enrolmentId, true, em);
      return { id, questions: present(quiz, presented), attemptsLeft: left(quiz, used + 1) };
    });
  }

  /** The open attempt again (for a page reload), or its result once submitted. */
  async get(userId: string, attemptId: string): Promise<AttemptViewDto | AttemptResultDto> {
    const { attempt, quiz, used } = await this.load(userId, attemptId);
    if (attempt.submitted_at === null) return { id: attempt.id, questions: present(quiz, attempt.presented), attemptsLeft: left(quiz, used) };
    return {
      id: attempt.id,
      scorePercent: Number(attempt.score_percent),
      passed: attempt.passed === true,
      attemptsLeft: left(quiz, used),
      submittedAt: attempt.submitted_at.toISOString(),
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
    const shown = new Set(attempt.presented.map((p) => p.questionId));
    const questions = quiz.questions.filter((q) => shown.has(q.id));
    const problems = validateAnswersShape(questions, body.answers);
    if (problems.length > 0) throw invalid(problems);
    const passMark = Number(quiz.pass_mark);
    const grade = gradeAttempt(questions, body.answers, passMark);
    const passed = grade.passed === true;
    return this.dataSource.transaction(async (em) => {
      const recorded = await this.attempts.recordSubmission(attemptId, { answers: body.answers, scorePercent: grade.scorePercent, passed }, em);
      if (!recorded) throw conflict(msg('errors.learning.attemptSubmitted'));
      await recordAudit(em, {
        organizationId: attempt.organization_id,
        actorId: userId,
        action: 'attempt.submitted',
        subjectType: 'quiz_attempt',
        subjectId: attemptId,
        data: { enrolmentId: attempt.enrolment_id, quizId: attempt.quiz_id, scorePercent: grade.scorePercent, passed, passMark },
      });
      await this.progress.recordActivity(attempt.enrolment_id, false, em);
      await this.completion.evaluate(em, attempt.enrolment_id, userId);
      return { scorePercent: grade.scorePercent, passed, attemptsLeft: left(quiz, used) };
    });
  }

  private async load(userId: string, attemptId: string): Promise<{ attempt: AttemptRow; quiz: AttemptQuizRow; used: number }> {
    if (!isUuid(attemptId)) throw notFound('attempt');
    const row = await this.attempts.findOwn(attemptId, userId);
    if (!row) throw notFound('attempt');
    return { attempt: row, quiz: row.quiz, used: row.used };
  }
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

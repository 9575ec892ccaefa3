import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { recordAudit, type StoredQuizQuestion } from '@kindling/db';
import { gradeAttempt, shuffleForAttempt, validateAnswersShape } from '@kindling/domain';
import { DataSource } from 'typeorm';
import { conflict, invalid, notFound } from '@kindling/common';
import { isUuid } from '@kindling/common';
import { CompletionService } from './completion.service.js';
import { rowsOf } from '@kindling/db';
import type { AttemptResultDto, AttemptViewDto, QuestionViewDto, SubmissionDto, SubmissionResultDto } from './dto/attempt.dto.js';
import { assertCanLearn, lockOwnEnrolment } from './progress.service.js';

interface PresentedQuestion {
  questionId: string;
  optionIds: string[];
}

interface QuizRow {
  id: string;
  pass_mark: string;
  max_attempts: number | null;
  shuffle_questions: boolean;
  shuffle_options: boolean;
  questions: StoredQuizQuestion[];
}

interface AttemptRow {
  id: string;
  enrolment_id: string;
  quiz_id: string;
  presented: PresentedQuestion[];
  submitted_at: Date | null;
  score_percent: string | null;
  passed: boolean | null;
  enrolment_status: 'active' | 'completed' | 'withdrawn';
  organization_id: string | null;
}

/** Quiz attempts: started with questions but no answers, submitted once, graded on the server. */
@Injectable()
export class AttemptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly completion: CompletionService,
  ) {}

  /**
   * Starts an attempt, or returns the attempt of this quiz still open. The enrolment row is
   * locked first, so parallel starts are numbered one after the other and the maximum holds.
   */
  async start(userId: string, enrolmentId: string, quizId: string): Promise<AttemptViewDto> {
    return this.dataSource.transaction(async (em) => {
      const enrolment = await lockOwnEnrolment(em, enrolmentId, userId);
      assertCanLearn(enrolment);
      if (!isUuid(quizId)) throw notFound('quiz');
      const quizzes: QuizRow[] = await em.query(
        `SELECT id, pass_mark, max_attempts, shuffle_questions, shuffle_options, questions FROM quizzes WHERE id = $1 AND course_version_id = $2`,
        [quizId, enrolment.course_version_id],
      );
      const quiz = quizzes[0];
      if (!quiz) throw notFound('quiz');
      const attempts: { id: string; presented: PresentedQuestion[]; submitted_at: Date | null }[] = await em.query(
        `SELECT id, presented, submitted_at FROM quiz_attempts WHERE enrolment_id = $1 AND quiz_id = $2 ORDER BY attempt_no`,
        [enrolmentId, quizId],
      );
      const used = attempts.length;
      const open = attempts.find((a) => a.submitted_at === null);
      if (open) return { id: open.id, questions: present(quiz, open.presented), attemptsLeft: left(quiz, used) };
      if (quiz.max_attempts !== null && used >= quiz.max_attempts) {
        throw conflict(`no attempts left: all ${quiz.max_attempts} attempts of this quiz are used`);
      }
      const id = randomUUID();
      const ordered = shuffleForAttempt(
        quiz.questions,
        { shuffleQuestions: quiz.shuffle_questions, shuffleOptions: quiz.shuffle_options },
        id,
      );
      const presented: PresentedQuestion[] = ordered.map((q) => ({ questionId: q.id, optionIds: q.options.map((o) => o.id) }));
      await em.query(
        `INSERT INTO quiz_attempts (id, enrolment_id, quiz_id, attempt_no, presented) VALUES ($1, $2, $3, $4, $5)`,
        [id, enrolmentId, quizId, used + 1, JSON.stringify(presented)],
      );
      await em.query(`UPDATE enrolments SET started_at = coalesce(started_at, now()), last_activity_at = now() WHERE id = $1`, [enrolmentId]);
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
    if (attempt.submitted_at !== null) throw conflict('this attempt is already submitted');
    if (attempt.enrolment_status === 'withdrawn') throw conflict('this enrolment is withdrawn');
    const shown = new Set(attempt.presented.map((p) => p.questionId));
    const questions = quiz.questions.filter((q) => shown.has(q.id));
    const problems = validateAnswersShape(questions, body.answers);
    if (problems.length > 0) throw invalid(problems);
    const passMark = Number(quiz.pass_mark);
    const grade = gradeAttempt(questions, body.answers, passMark);
    const passed = grade.passed === true;
    return this.dataSource.transaction(async (em) => {
      const result: unknown = await em.query(
        `UPDATE quiz_attempts SET answers = $2, score_percent = $3, passed = $4, submitted_at = now()
          WHERE id = $1 AND submitted_at IS NULL RETURNING id`,
        [attemptId, JSON.stringify(body.answers), grade.scorePercent, passed],
      );
      if (rowsOf<{ id: string }>(result).length === 0) throw conflict('this attempt is already submitted');
      await recordAudit(em, {
        organizationId: attempt.organization_id,
        actorId: userId,
        action: 'attempt.submitted',
        subjectType: 'quiz_attempt',
        subjectId: attemptId,
        data: { enrolmentId: attempt.enrolment_id, quizId: attempt.quiz_id, scorePercent: grade.scorePercent, passed, passMark },
      });
      await em.query(`UPDATE enrolments SET last_activity_at = now() WHERE id = $1`, [attempt.enrolment_id]);
      await this.completion.evaluate(em, attempt.enrolment_id, userId);
      return { scorePercent: grade.scorePercent, passed, attemptsLeft: left(quiz, used) };
    });
  }

  private async load(userId: string, attemptId: string): Promise<{ attempt: AttemptRow; quiz: QuizRow; used: number }> {
    if (!isUuid(attemptId)) throw notFound('attempt');
    const rows: (AttemptRow & { quiz: QuizRow; used: number })[] = await this.dataSource.query(
      `SELECT a.id, a.enrolment_id, a.quiz_id, a.presented, a.submitted_at, a.score_percent, a.passed,
              e.status AS enrolment_status, e.organization_id,
              json_build_object('id', q.id, 'pass_mark', q.pass_mark, 'max_attempts', q.max_attempts,
                'shuffle_questions', q.shuffle_questions, 'shuffle_options', q.shuffle_options, 'questions', q.questions) AS quiz,
              (SELECT count(*) FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id)::int AS used
         FROM quiz_attempts a
         JOIN enrolments e ON e.id = a.enrolment_id
         JOIN quizzes q ON q.id = a.quiz_id
        WHERE a.id = $1 AND e.user_id = $2`,
      [attemptId, userId],
    );
    const row = rows[0];
    if (!row) throw notFound('attempt');
    return { attempt: row, quiz: row.quiz, used: row.used };
  }
}

function left(quiz: Pick<QuizRow, 'max_attempts'>, used: number): number | null {
  return quiz.max_attempts === null ? null : Math.max(0, quiz.max_attempts - used);
}

/** The questions as shown in this attempt: no correct flags ever leave the server here. */
function present(quiz: QuizRow, presented: PresentedQuestion[]): QuestionViewDto[] {
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

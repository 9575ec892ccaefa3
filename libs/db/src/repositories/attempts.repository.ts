import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EnrolmentStatus, PresentedQuestion, RevealAnswers, StoredQuizDraw, StoredQuizQuestion, SubmittedAnswer } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** A quiz as an attempt needs it: the pass mark, the attempt limit, shuffling and the questions (with the correct flags). */
export interface AttemptQuizRow {
  id: string;
  /** numeric: a string from the quizzes row, a number inside AttemptRow's JSON `quiz`. */
  pass_mark: string | number;
  max_attempts: number | null;
  shuffle_questions: boolean;
  shuffle_options: boolean;
  reveal_answers: RevealAnswers;
  questions: StoredQuizQuestion[];
  time_limit_minutes: number | null;
  draws: StoredQuizDraw[] | null;
}

/** What `start_attempt` answered (see its migration StartAttemptFunction). */
export interface StartAttemptRow {
  outcome: 'ok' | 'open' | 'stale' | 'no_attempts_left' | 'enrolment_not_found' | 'withdrawn' | 'pre_first' | 'quiz_not_found';
  attempt_id: string | null;
  presented: PresentedQuestion[] | null;
  used: number | null;
  quiz_key: string | null;
  /** the quiz row, when the caller's key was not current */
  quiz: AttemptQuizRow | null;
  /** the learner's language edition of the quiz; null: the course's own language */
  texts: unknown;
  /** when the attempt started (`ok` and `open`; for the time limit's `expiresAt`) */
  started_at: Date | null;
}

/** What `submit_own_attempt` answered (see its migration SubmitOwnAttemptFunction). */
export interface SubmitOwnAttemptRow {
  outcome: 'ok' | 'regrade' | 'attempt_not_found' | 'already_submitted' | 'withdrawn';
  enrolment_id: string | null;
  presented: PresentedQuestion[] | null;
  used: number | null;
  passed_before: boolean | null;
  texts: unknown;
  may_complete: boolean;
  quiz_key: string | null;
  /** the quiz row, when the caller's key was not current (always with `regrade`) */
  quiz: AttemptQuizRow | null;
  started_at: Date | null;
  /** the quiz's time limit (and its grace) had passed: recorded, or to be recorded, as expired */
  expired: boolean;
}

/** An earlier attempt of the same quiz, in attempt order. */
export interface PriorAttemptRow {
  id: string;
  presented: PresentedQuestion[];
  started_at: Date;
  submitted_at: Date | null;
}

/** One attempt of the caller's, with its enrolment's state, its quiz and how many attempts of that quiz exist. */
export interface AttemptRow {
  id: string;
  enrolment_id: string;
  quiz_id: string;
  presented: PresentedQuestion[];
  started_at: Date;
  submitted_at: Date | null;
  expired: boolean;
  score_percent: string | null;
  passed: boolean | null;
  enrolment_status: EnrolmentStatus;
  organization_id: string | null;
  quiz: AttemptQuizRow;
  /** every attempt of this quiz in the enrolment, the open one included */
  used: number;
  /** whether an attempt of this quiz in the enrolment other than this one passed */
  passed_before: boolean;
  /** the course version the quiz belongs to (for the learner's language edition) */
  version_id: string;
  answers: SubmittedAnswer[] | null;
}

export interface NewAttempt {
  id: string;
  enrolmentId: string;
  quizId: string;
  attemptNo: number;
  presented: PresentedQuestion[];
}

export interface AttemptSubmission {
  answers: SubmittedAnswer[];
  scorePercent: number;
  passed: boolean;
}

/**
 * Quiz attempts (table quiz_attempts): started with the questions as presented, submitted once.
 * Whether a passed attempt completes the course is the completion rule's business
 * (ProgressRepository.recomputeCounters), not this repository's.
 */
/** One row of submit_attempt(…). */
export interface SubmitAttemptRow {
  outcome: 'ok' | 'attempt_not_found' | 'withdrawn' | 'already_submitted';
  status: string | null;
  progress_percent: number | null;
  may_complete: boolean;
}

@Injectable()
export class AttemptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The quiz when it belongs to the course version; null otherwise. */
  async quizOfVersion(quizId: string, versionId: string, db: Db = this.dataSource): Promise<AttemptQuizRow | null> {
    return queryFirst<AttemptQuizRow>(
      db,
      `SELECT id, pass_mark, max_attempts, shuffle_questions, shuffle_options, reveal_answers, quiz_pool(course_version_id, questions, draws) AS questions, time_limit_minutes, draws FROM quizzes WHERE id = $1 AND course_version_id = $2`,
      [quizId, versionId],
    );
  }

  /** The enrolment's attempts of one quiz, in attempt order. */
  async attemptsOf(enrolmentId: string, quizId: string, db: Db = this.dataSource): Promise<PriorAttemptRow[]> {
    return queryRows<PriorAttemptRow>(
      db,
      `SELECT id, presented, started_at, submitted_at FROM quiz_attempts WHERE enrolment_id = $1 AND quiz_id = $2 ORDER BY attempt_no`,
      [enrolmentId, quizId],
    );
  }

  async insert(attempt: NewAttempt, db: Db = this.dataSource): Promise<void> {
    await db.query(`INSERT INTO quiz_attempts (id, enrolment_id, quiz_id, attempt_no, presented) VALUES ($1, $2, $3, $4, $5)`, [
      attempt.id,
      attempt.enrolmentId,
      attempt.quizId,
      attempt.attemptNo,
      JSON.stringify(attempt.presented),
    ]);
  }

  /**
   * Starts an attempt in one round trip (start_attempt): the owner check and enrolment lock, the
   * open attempt or the insert of `presented` (computed by the caller from its copy of the quiz,
   * whose key it sends; a key that is not current writes nothing and answers `stale` with the quiz).
   */
  async startOwn(
    enrolmentId: string,
    userId: string,
    quizId: string | null,
    attempt: { id: string; presented: PresentedQuestion[] | null; quizKey: string | null },
  ): Promise<StartAttemptRow> {
    const row = await queryFirst<StartAttemptRow>(
      this.dataSource,
      `SELECT outcome, attempt_id, presented, used, quiz_key, quiz, texts, started_at FROM start_attempt($1, $2, $3, $4, $5, $6)`,
      [enrolmentId, userId, quizId, attempt.id, attempt.presented ? JSON.stringify(attempt.presented) : null, attempt.quizKey],
    );
    return row!;
  }

  /**
   * A submission graded by the caller against its copy of `guess.quizId` (key `guess.quizKey`)
   * for the questions `guess.shown` (the attempt's draw, or every question): one round trip
   * (submit_own_attempt) when the copy is current and those are the questions the attempt shows;
   * `regrade` with the stored quiz when not (nothing written). The time limit (with `graceMs`)
   * is checked there: a late submission is written as expired (score 0, not passed). With
   * `guess.checkTexts` (a short-text question is shown), `guess.texts` are the learner's edition
   * texts the grade used: `regrade` (with the learner's texts) when they are not.
   */
  async submitOwnGraded(
    attemptId: string,
    userId: string,
    guess: { quizId: string | null; quizKey: string | null; shown: string[] | null; checkTexts?: boolean; texts?: unknown },
    submission: AttemptSubmission,
    auditData: Record<string, unknown>,
    graceMs: number,
  ): Promise<SubmitOwnAttemptRow> {
    const row = await queryFirst<SubmitOwnAttemptRow>(
      this.dataSource,
      `SELECT outcome, enrolment_id, presented, used, passed_before, texts, may_complete, quiz_key, quiz, started_at, expired
         FROM submit_own_attempt($1::uuid, $2::uuid, $3::uuid, $4::text, $5::jsonb, $6::jsonb, $7::numeric, $8::boolean, $9::jsonb, $10::integer,
                                 $11::boolean, $12::jsonb)`,
      [
        attemptId, userId, guess.quizId, guess.quizKey, guess.shown ? JSON.stringify(guess.shown) : null,
        JSON.stringify(submission.answers), submission.scorePercent, submission.passed, JSON.stringify(auditData), graceMs,
        guess.checkTexts === true, guess.texts === undefined || guess.texts === null ? null : JSON.stringify(guess.texts),
      ],
    );
    return row!;
  }

  /** The attempt when it belongs to an enrolment of `userId`; null otherwise. */
  async findOwn(attemptId: string, userId: string, db: Db = this.dataSource): Promise<AttemptRow | null> {
    return queryFirst<AttemptRow>(
      db,
      `SELECT a.id, a.enrolment_id, a.quiz_id, a.presented, a.started_at, a.submitted_at, a.expired, a.score_percent, a.passed, a.answers,
              e.status AS enrolment_status, e.organization_id, q.course_version_id AS version_id,
              json_build_object('id', q.id, 'pass_mark', q.pass_mark, 'max_attempts', q.max_attempts,
                'shuffle_questions', q.shuffle_questions, 'shuffle_options', q.shuffle_options, 'reveal_answers', q.reveal_answers,
                'questions', quiz_pool(q.course_version_id, q.questions, q.draws), 'time_limit_minutes', q.time_limit_minutes, 'draws', q.draws) AS quiz,
              (SELECT count(*) FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id)::int AS used,
              EXISTS (SELECT 1 FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id
                         AND x.id <> a.id AND x.passed) AS passed_before
         FROM quiz_attempts a
         JOIN enrolments e ON e.id = a.enrolment_id
         JOIN quizzes q ON q.id = a.quiz_id
        WHERE a.id = $1 AND e.user_id = $2`,
      [attemptId, userId],
    );
  }

  /**
   * The whole submission write in one round trip (submit_attempt, migration
   * SubmitAttemptFunction): locks the caller's enrolment, records the graded submission while
   * the attempt is open, writes the `attempt.submitted` audit event with `auditData`, and updates
   * the counters in place. `may_complete`: run the completion path.
   */
  async submitOwn(
    attemptId: string,
    userId: string,
    submission: AttemptSubmission,
    auditData: Record<string, unknown>,
    db: Db = this.dataSource,
  ): Promise<SubmitAttemptRow | null> {
    return queryFirst<SubmitAttemptRow>(
      db,
      `SELECT outcome, status, progress_percent, may_complete FROM submit_attempt($1::uuid, $2::uuid, $3::jsonb, $4::numeric, $5::boolean, $6::jsonb)`,
      [attemptId, userId, JSON.stringify(submission.answers), submission.scorePercent, submission.passed, JSON.stringify(auditData)],
    );
  }

  /**
   * Records the graded submission. Only an attempt still open is touched, so exactly one
   * submission wins: false when the attempt was already submitted.
   */
  async recordSubmission(attemptId: string, submission: AttemptSubmission, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `UPDATE quiz_attempts SET answers = $2, score_percent = $3, passed = $4, submitted_at = now()
        WHERE id = $1 AND submitted_at IS NULL RETURNING id`,
      [attemptId, JSON.stringify(submission.answers), submission.scorePercent, submission.passed],
    );
    return rows.length > 0;
  }
}

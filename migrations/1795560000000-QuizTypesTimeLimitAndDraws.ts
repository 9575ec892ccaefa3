import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22, point 5: richer quizzes.
 *
 * The new question kinds (true/false, ordering, matching, short text), per-option feedback,
 * accepted answers and tags live in the `questions` JSON and need no schema change; grading
 * stays in the API (libs/domain `gradeAttempt`), and `submit_attempt` only records the score,
 * so it is unchanged.
 *
 * - `quizzes.time_limit_minutes`: optional limit from an attempt's `started_at` to its
 *   submission (enforced by the API: a late submission is graded as expired, score 0).
 * - `quizzes.draws`: optional random draws per attempt from the quiz's questions
 *   (`[{count, tag?}]`); the drawn questions are the attempt's `presented` questions.
 * - `quiz_attempts.expired`: the submission came after the time limit.
 */
export class QuizTypesTimeLimitAndDraws1795560000000 implements MigrationInterface {
  name = 'QuizTypesTimeLimitAndDraws1795560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE quizzes
         ADD COLUMN time_limit_minutes integer
           CONSTRAINT ck_quizzes_time_limit CHECK (time_limit_minutes IS NULL OR (time_limit_minutes > 0 AND time_limit_minutes <= 600)),
         ADD COLUMN draws jsonb
           CONSTRAINT ck_quizzes_draws CHECK (draws IS NULL OR jsonb_typeof(draws) = 'array')`,
    );
    await q.query(`ALTER TABLE quiz_attempts ADD COLUMN expired boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quiz_attempts DROP COLUMN expired`);
    await q.query(`ALTER TABLE quizzes DROP COLUMN time_limit_minutes, DROP COLUMN draws`);
  }
}

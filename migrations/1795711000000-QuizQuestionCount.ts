import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22 point 5: the number of questions an attempt at a quiz asks, as the outlines show it.
 * `jsonb_array_length(questions)` counted only the quiz's own questions, so a quiz drawing from
 * the course's question bank (possibly with no own questions) showed 0, and a quiz drawing N of
 * its own questions showed all of them.
 *
 * `quiz_question_count(questions, draws)` follows drawQuestions (libs/domain/src/quiz/shuffle.ts):
 * - no draws: every own question;
 * - draws from the quiz's own questions: their counts (never more than the quiz holds), plus the
 *   bank draws' counts;
 * - only bank draws: every own question plus the bank draws' counts.
 * Publishing and the bank's save refuse bank draws larger than the bank, so the counts are asked.
 */
export class QuizQuestionCount1795711000000 implements MigrationInterface {
  name = 'QuizQuestionCount1795711000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION quiz_question_count(p_questions jsonb, p_draws jsonb) RETURNS integer
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
                 WHEN d.n = 0 THEN o.n
                 WHEN d.own_draws = 0 THEN o.n + d.bank_count
                 ELSE least(d.own_count, o.n) + d.bank_count
               END
          FROM (SELECT coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(p_questions) = 'array' THEN p_questions END), 0) AS n) o,
               (SELECT count(*)::int AS n,
                       count(*) FILTER (WHERE x ->> 'from' IS DISTINCT FROM 'bank')::int AS own_draws,
                       coalesce(sum((x ->> 'count')::int) FILTER (WHERE x ->> 'from' IS DISTINCT FROM 'bank'), 0)::int AS own_count,
                       coalesce(sum((x ->> 'count')::int) FILTER (WHERE x ->> 'from' = 'bank'), 0)::int AS bank_count
                  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_draws) = 'array' THEN p_draws ELSE '[]'::jsonb END) x) d
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS quiz_question_count(jsonb, jsonb)`);
  }
}

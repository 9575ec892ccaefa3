import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CompleteLessonFunction1795330884412 } from './1795330884412-CompleteLessonFunction.js';

/**
 * One completion rule (issue 19, point 3): the progress formula and the completion rule live
 * here, in SQL, once; TypeScript only reads their results.
 *
 * Before, the rule was written three times: `evaluateCompletion` in libs/domain, the UPDATE of
 * `recomputeCounters` in the API, and the PL/pgSQL `complete_lesson`. Now:
 *
 * - `enrolment_progress_percent(…)`: the progress formula, floor(100 × items done ÷ items
 *   required) over lessons and quizzes, so 100 only when every item is done; 100 for a course
 *   with no lessons and no quizzes; counts capped at the totals.
 * - `enrolment_counters(enrolment, version)`: the counters of one enrolment derived from the
 *   facts (lessons of the version, its lesson completions, quizzes of the version, quizzes with
 *   a passed attempt, the best score on the version's last quiz in outline order — modules by
 *   position, within a module quizzes after lessons, by position) and its progress. Plain SQL
 *   functions: PostgreSQL inlines them into the statement that calls them, so they cost what
 *   the sub-selects cost.
 * - `enrolment_requirements_met(…)`: complete when every lesson is completed, every quiz
 *   passed, the pre and post self-assessments are submitted (when the course has an
 *   instrument) and the whole minutes of learning time reach `min_minutes` (when set above 0).
 *   The caller adds `status = 'active'`.
 * - `recompute_enrolments(ids)`: the recompute path (CompletionService, a post
 *   self-assessment, a cohort's version migration) — one UPDATE of the counters from
 *   `enrolment_counters`, returning them with `requirements_met`.
 * - `complete_lesson(enrolment, user, lesson)`: the hot write, still one round trip and one
 *   UPDATE; its counters now come from `enrolment_counters` and its `may_complete` from
 *   `enrolment_requirements_met`.
 *
 * The PL/pgSQL functions cache their statements' plans per connection.
 */
export class OneCompletionRule1795350400000 implements MigrationInterface {
  name = 'OneCompletionRule1795350400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION enrolment_progress_percent(
        p_lessons_completed integer, p_lessons_total integer, p_quizzes_passed integer, p_quizzes_total integer)
      RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN p_lessons_total + p_quizzes_total = 0 THEN 100
          ELSE floor(100.0 * (LEAST(p_lessons_completed, p_lessons_total) + LEAST(p_quizzes_passed, p_quizzes_total))
                     / (p_lessons_total + p_quizzes_total))::int END
      $$`);

    await q.query(`
      CREATE FUNCTION enrolment_counters(p_enrolment uuid, p_version uuid)
      RETURNS TABLE (lessons_total integer, lessons_completed integer, quizzes_total integer, quizzes_passed integer,
                     items_total integer, items_done integer, progress_percent integer, best_final_score numeric)
      LANGUAGE sql STABLE AS $$
        SELECT f.lessons_total, f.lessons_completed, f.quizzes_total, f.quizzes_passed,
               f.lessons_total + f.quizzes_total,
               LEAST(f.lessons_completed, f.lessons_total) + LEAST(f.quizzes_passed, f.quizzes_total),
               enrolment_progress_percent(f.lessons_completed, f.lessons_total, f.quizzes_passed, f.quizzes_total),
               f.best_final
          FROM (SELECT
                  (SELECT count(*) FROM lessons l WHERE l.course_version_id = p_version)::int AS lessons_total,
                  (SELECT count(*) FROM lesson_completions lc JOIN lessons l ON l.id = lc.lesson_id
                    WHERE lc.enrolment_id = p_enrolment AND l.course_version_id = p_version)::int AS lessons_completed,
                  (SELECT count(*) FROM quizzes q WHERE q.course_version_id = p_version)::int AS quizzes_total,
                  (SELECT count(DISTINCT a.quiz_id) FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id
                    WHERE a.enrolment_id = p_enrolment AND a.passed AND q.course_version_id = p_version)::int AS quizzes_passed,
                  (SELECT max(a.score_percent) FROM quiz_attempts a
                    WHERE a.enrolment_id = p_enrolment AND a.submitted_at IS NOT NULL
                      AND a.quiz_id = (SELECT q.id FROM quizzes q JOIN modules m ON m.id = q.module_id
                                        WHERE q.course_version_id = p_version
                                        ORDER BY m.position DESC, q.position DESC, q.id DESC LIMIT 1)) AS best_final
                -- OFFSET 0 keeps this sub-select a unit: flattened, every use of a fact above
                -- would repeat its sub-select (the formula reads lessons_total five times).
                OFFSET 0) f
      $$`);

    await q.query(`
      CREATE FUNCTION enrolment_requirements_met(
        p_lessons_completed integer, p_lessons_total integer, p_quizzes_passed integer, p_quizzes_total integer,
        p_self_assessment boolean, p_pre_done boolean, p_post_done boolean, p_min_minutes integer, p_learning_seconds integer)
      RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT p_lessons_completed >= p_lessons_total AND p_quizzes_passed >= p_quizzes_total
           AND (NOT p_self_assessment OR (p_pre_done AND p_post_done))
           AND (coalesce(p_min_minutes, 0) <= 0 OR floor(p_learning_seconds / 60.0) >= p_min_minutes)
      $$`);

    await q.query(`
      CREATE FUNCTION recompute_enrolments(p_ids uuid[])
      RETURNS TABLE (id uuid, status text, user_id uuid, organization_id uuid, completed_at timestamptz,
                     lessons_total integer, lessons_completed integer, quizzes_total integer, quizzes_passed integer,
                     progress_percent integer, learning_seconds integer, pre_done boolean, post_done boolean,
                     instrument_id uuid, min_minutes integer, requirements_met boolean)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
        UPDATE enrolments en SET
               lessons_total = c.lessons_total,
               lessons_completed = c.lessons_completed,
               items_total = c.items_total,
               items_done = c.items_done,
               progress_percent = c.progress_percent,
               best_final_score = c.best_final_score
          FROM enrolments e
          CROSS JOIN LATERAL enrolment_counters(e.id, e.course_version_id) c
          JOIN course_versions v ON v.id = e.course_version_id
         WHERE e.id = ANY(p_ids) AND en.id = e.id
        RETURNING en.id, en.status, en.user_id, en.organization_id, en.completed_at,
                  c.lessons_total, c.lessons_completed, c.quizzes_total, c.quizzes_passed,
                  en.progress_percent::integer, en.learning_seconds, en.pre_done, en.post_done,
                  v.instrument_id, v.min_minutes,
                  enrolment_requirements_met(c.lessons_completed, c.lessons_total, c.quizzes_passed, c.quizzes_total,
                    v.instrument_id IS NOT NULL, en.pre_done, en.post_done, v.min_minutes, en.learning_seconds);
      END
      $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION complete_lesson(p_enrolment uuid, p_user uuid, p_lesson uuid)
      RETURNS TABLE (outcome text, status text, progress_percent integer, may_complete boolean)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        v_status text;
        v_pre boolean;
        v_version uuid;
        v_instrument uuid;
        v_min_minutes integer;
        v_progress integer;
        v_met boolean;
      BEGIN
        SELECT e.status, e.pre_done, e.course_version_id, v.instrument_id, v.min_minutes
          INTO v_status, v_pre, v_version, v_instrument, v_min_minutes
          FROM enrolments e JOIN course_versions v ON v.id = e.course_version_id
         WHERE e.id = p_enrolment AND e.user_id = p_user
           FOR UPDATE OF e;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'enrolment_not_found'::text, NULL::text, NULL::integer, false;
          RETURN;
        END IF;
        IF v_status = 'withdrawn' THEN
          RETURN QUERY SELECT 'withdrawn'::text, v_status, NULL::integer, false;
          RETURN;
        END IF;
        IF v_instrument IS NOT NULL AND NOT v_pre THEN
          RETURN QUERY SELECT 'pre_first'::text, v_status, NULL::integer, false;
          RETURN;
        END IF;
        IF p_lesson IS NULL OR NOT EXISTS (SELECT 1 FROM lessons l WHERE l.id = p_lesson AND l.course_version_id = v_version) THEN
          RETURN QUERY SELECT 'lesson_not_found'::text, v_status, NULL::integer, false;
          RETURN;
        END IF;

        INSERT INTO lesson_completions (enrolment_id, lesson_id) VALUES (p_enrolment, p_lesson)
          ON CONFLICT ON CONSTRAINT pk_lesson_completions DO NOTHING;

        UPDATE enrolments en SET
               last_lesson_id = p_lesson,
               started_at = coalesce(en.started_at, now()),
               last_activity_at = now(),
               lessons_total = c.lessons_total,
               lessons_completed = c.lessons_completed,
               items_total = c.items_total,
               items_done = c.items_done,
               progress_percent = c.progress_percent,
               best_final_score = c.best_final_score
          FROM enrolment_counters(p_enrolment, v_version) c
         WHERE en.id = p_enrolment
        RETURNING en.status, c.progress_percent,
                  enrolment_requirements_met(c.lessons_completed, c.lessons_total, c.quizzes_passed, c.quizzes_total,
                    v_instrument IS NOT NULL, en.pre_done, en.post_done, v_min_minutes, en.learning_seconds)
          INTO v_status, v_progress, v_met;

        RETURN QUERY SELECT 'ok'::text, v_status, v_progress, v_status = 'active' AND v_met;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS complete_lesson(uuid, uuid, uuid)`);
    await new CompleteLessonFunction1795330884412().up(q);
    await q.query(`DROP FUNCTION IF EXISTS recompute_enrolments(uuid[])`);
    await q.query(`DROP FUNCTION IF EXISTS enrolment_requirements_met(integer, integer, integer, integer, boolean, boolean, boolean, integer, integer)`);
    await q.query(`DROP FUNCTION IF EXISTS enrolment_counters(uuid, uuid)`);
    await q.query(`DROP FUNCTION IF EXISTS enrolment_progress_percent(integer, integer, integer, integer)`);
  }
}

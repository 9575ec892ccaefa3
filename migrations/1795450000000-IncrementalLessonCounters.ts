import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, point 2: the hot write keeps the counters incrementally.
 *
 * `complete_lesson` derived every counter from the facts on every call (`enrolment_counters`:
 * five sub-selects over lessons, completions, quizzes and attempts). A lesson completion only
 * ever changes `lessons_completed` (by 0 or 1), and with it `items_done` and
 * `progress_percent`; the totals, the quizzes and the final score stay as they were. So the
 * completion row and the counters are now written by ONE statement: the INSERT … ON CONFLICT DO
 * NOTHING sits in a CTE whose `RETURNING` row count (0 or 1) the UPDATE adds to the stored
 * counters. The progress formula and the completion rule are still the SQL functions of
 * OneCompletionRule (`enrolment_progress_percent`, `enrolment_requirements_met`), fed with the
 * stored counters:
 *
 *   quizzes done (capped)   = items_done − LEAST(lessons_completed, lessons_total)
 *   quizzes total           = items_total − lessons_total
 *
 * which is exact whenever the stored counters are (they are written only by this function, by
 * `recompute_enrolments` and at enrolment). `enrolment_counter_drift(ids)` compares stored and
 * derived counters for a batch of enrolments in one snapshot; the worker's counter check runs it
 * over every enrolment periodically, reports drift and repairs it with `recompute_enrolments`.
 */
export class IncrementalLessonCounters1795450000000 implements MigrationInterface {
  name = 'IncrementalLessonCounters1795450000000';

  async up(q: QueryRunner): Promise<void> {
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

        -- One statement: the fact and the counters it changes.
        WITH added AS (
          INSERT INTO lesson_completions (enrolment_id, lesson_id) VALUES (p_enrolment, p_lesson)
            ON CONFLICT ON CONSTRAINT pk_lesson_completions DO NOTHING
          RETURNING 1
        ), n AS (SELECT count(*)::int AS added FROM added)
        UPDATE enrolments en SET
               last_lesson_id = p_lesson,
               started_at = coalesce(en.started_at, now()),
               last_activity_at = now(),
               lessons_completed = en.lessons_completed + n.added,
               items_done = LEAST(en.lessons_completed + n.added, en.lessons_total)
                            + (en.items_done - LEAST(en.lessons_completed, en.lessons_total)),
               progress_percent = enrolment_progress_percent(
                 en.lessons_completed + n.added, en.lessons_total,
                 en.items_done - LEAST(en.lessons_completed, en.lessons_total), en.items_total - en.lessons_total)
          FROM n
         WHERE en.id = p_enrolment
        RETURNING en.status, en.progress_percent::integer,
                  enrolment_requirements_met(en.lessons_completed, en.lessons_total,
                    en.items_done - LEAST(en.lessons_completed, en.lessons_total), en.items_total - en.lessons_total,
                    v_instrument IS NOT NULL, en.pre_done, en.post_done, v_min_minutes, en.learning_seconds)
          INTO v_status, v_progress, v_met;

        RETURN QUERY SELECT 'ok'::text, v_status, v_progress, v_status = 'active' AND v_met;
      END
      $$`);

    // The consistency check: stored against derived counters, one snapshot, drifted rows only.
    await q.query(`
      CREATE FUNCTION enrolment_counter_drift(p_ids uuid[])
      RETURNS TABLE (id uuid, organization_id uuid,
                     stored_lessons_total integer, stored_lessons_completed integer, stored_items_total integer,
                     stored_items_done integer, stored_progress_percent integer, stored_best_final_score numeric,
                     lessons_total integer, lessons_completed integer, items_total integer,
                     items_done integer, progress_percent integer, best_final_score numeric)
      LANGUAGE sql STABLE AS $$
        SELECT e.id, e.organization_id,
               e.lessons_total, e.lessons_completed, e.items_total, e.items_done, e.progress_percent::integer, e.best_final_score,
               c.lessons_total, c.lessons_completed, c.items_total, c.items_done, c.progress_percent, c.best_final_score
          FROM enrolments e
         CROSS JOIN LATERAL enrolment_counters(e.id, e.course_version_id) c
         WHERE e.id = ANY(p_ids)
           AND (e.lessons_total, e.lessons_completed, e.items_total, e.items_done, e.progress_percent::integer, e.best_final_score)
               IS DISTINCT FROM (c.lessons_total, c.lessons_completed, c.items_total, c.items_done, c.progress_percent, c.best_final_score)
         ORDER BY e.id
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS enrolment_counter_drift(uuid[])`);
    // complete_lesson as OneCompletionRule wrote it (counters derived from the facts).
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
}

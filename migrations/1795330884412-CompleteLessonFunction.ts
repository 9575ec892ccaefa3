import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * complete_lesson(enrolment, user, lesson): the lesson-completion write in one round trip.
 *
 * Locks the caller's own enrolment (FOR UPDATE, joined to its course version), checks the
 * rules in the API's order (unknown or someone else's enrolment, withdrawn, pre
 * self-assessment first, lesson of another version), inserts the completion (idempotent),
 * and in ONE UPDATE records last_lesson_id / started_at / last_activity_at and recomputes the
 * enrolment's counters from the facts — the same derivation as recomputeCounters in
 * apps/api/src/learning/counters.ts. Returns the outcome, the status, the progress and
 * `may_complete`: whether the fresh counters, the self-assessments and the learning time
 * say the enrolment could now be complete. Only then does the API run the full
 * CompletionService.evaluate path (lock, outbox row, audit event) in a transaction.
 *
 * A PL/pgSQL function caches the plans of its statements per connection, so nothing here is
 * re-planned per request. In READ COMMITTED each statement after the lock sees what committed
 * before it, so a write that waited for another write to the same enrolment counts its lesson.
 */
export class CompleteLessonFunction1795330884412 implements MigrationInterface {
  name = 'CompleteLessonFunction1795330884412';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION complete_lesson(p_enrolment uuid, p_user uuid, p_lesson uuid)
      RETURNS TABLE (outcome text, status text, progress_percent integer, may_complete boolean)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        v_status text;
        v_pre boolean;
        v_post boolean;
        v_version uuid;
        v_instrument uuid;
        v_min_minutes integer;
        v_lessons_total integer;
        v_lessons_done integer;
        v_quizzes_total integer;
        v_quizzes_passed integer;
        v_best numeric;
        v_final_quiz uuid;
        v_progress integer;
        v_learning integer;
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

        SELECT count(*)::int INTO v_lessons_total FROM lessons l WHERE l.course_version_id = v_version;
        SELECT count(*)::int INTO v_lessons_done
          FROM lesson_completions lc JOIN lessons l ON l.id = lc.lesson_id
         WHERE lc.enrolment_id = p_enrolment AND l.course_version_id = v_version;
        SELECT count(*)::int INTO v_quizzes_total FROM quizzes q WHERE q.course_version_id = v_version;
        SELECT count(DISTINCT a.quiz_id)::int INTO v_quizzes_passed
          FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id
         WHERE a.enrolment_id = p_enrolment AND a.passed AND q.course_version_id = v_version;
        SELECT q.id INTO v_final_quiz
          FROM quizzes q JOIN modules m ON m.id = q.module_id
         WHERE q.course_version_id = v_version
         ORDER BY m.position DESC, q.position DESC, q.id DESC LIMIT 1;
        v_best := NULL;
        IF v_final_quiz IS NOT NULL THEN
          SELECT max(a.score_percent) INTO v_best FROM quiz_attempts a
           WHERE a.enrolment_id = p_enrolment AND a.submitted_at IS NOT NULL AND a.quiz_id = v_final_quiz;
        END IF;

        v_progress := CASE WHEN v_lessons_total + v_quizzes_total = 0 THEN 100
          ELSE floor(100.0 * (LEAST(v_lessons_done, v_lessons_total) + LEAST(v_quizzes_passed, v_quizzes_total))
                     / (v_lessons_total + v_quizzes_total))::int END;

        UPDATE enrolments en SET
               last_lesson_id = p_lesson,
               started_at = coalesce(en.started_at, now()),
               last_activity_at = now(),
               lessons_total = v_lessons_total,
               lessons_completed = v_lessons_done,
               items_total = v_lessons_total + v_quizzes_total,
               items_done = LEAST(v_lessons_done, v_lessons_total) + LEAST(v_quizzes_passed, v_quizzes_total),
               progress_percent = v_progress,
               best_final_score = v_best
         WHERE en.id = p_enrolment
        RETURNING en.status, en.pre_done, en.post_done, en.learning_seconds INTO v_status, v_pre, v_post, v_learning;

        RETURN QUERY SELECT 'ok'::text, v_status, v_progress,
          v_status = 'active'
          AND v_lessons_done >= v_lessons_total AND v_quizzes_passed >= v_quizzes_total
          AND (v_instrument IS NULL OR (v_pre AND v_post))
          AND (coalesce(v_min_minutes, 0) <= 0 OR floor(v_learning / 60.0) >= v_min_minutes);
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS complete_lesson(uuid, uuid, uuid)`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, point 3: a quiz submission in one write round trip, with the counters kept
 * incrementally (as `complete_lesson` does since IncrementalLessonCounters).
 *
 * `submit_attempt(attempt, user, answers, score, passed, audit)` locks the caller's enrolment
 * (the owner check is the statement's own: e.user_id = caller), records the graded submission
 * only while the attempt is open (exactly one submission wins), writes the `attempt.submitted`
 * audit event, marks activity and updates the counters in place:
 *
 * - `items_done` / `progress_percent` grow by one when this is the first passed attempt of a
 *   quiz of the enrolment's version (quizzes done = items_done − LEAST(lessons_completed,
 *   lessons_total), quizzes total = items_total − lessons_total, as in complete_lesson);
 * - `best_final_score` becomes the greater of itself and this score when the quiz is the
 *   version's final quiz (the last in outline order, as enrolment_counters picks it).
 *
 * It answers the outcome, the status, the progress and `may_complete` (active and the
 * completion rule met): only then does the API run the completion path.
 */
export class SubmitAttemptFunction1795451000000 implements MigrationInterface {
  name = 'SubmitAttemptFunction1795451000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION submit_attempt(p_attempt uuid, p_user uuid, p_answers jsonb, p_score numeric, p_passed boolean, p_audit jsonb)
      RETURNS TABLE (outcome text, status text, progress_percent integer, may_complete boolean)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        v_enrolment uuid;
        v_org uuid;
        v_status text;
        v_version uuid;
        v_instrument uuid;
        v_min_minutes integer;
        v_quiz uuid;
        v_quiz_version uuid;
        v_had_pass boolean;
        v_final boolean;
        v_score numeric;
        v_progress integer;
        v_met boolean;
      BEGIN
        SELECT e.id, e.organization_id, e.status, e.course_version_id, v.instrument_id, v.min_minutes, a.quiz_id
          INTO v_enrolment, v_org, v_status, v_version, v_instrument, v_min_minutes, v_quiz
          FROM quiz_attempts a
          JOIN enrolments e ON e.id = a.enrolment_id
          JOIN course_versions v ON v.id = e.course_version_id
         WHERE a.id = p_attempt AND e.user_id = p_user
           FOR UPDATE OF e;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'attempt_not_found'::text, NULL::text, NULL::integer, false;
          RETURN;
        END IF;
        IF v_status = 'withdrawn' THEN
          RETURN QUERY SELECT 'withdrawn'::text, v_status, NULL::integer, false;
          RETURN;
        END IF;

        SELECT EXISTS (SELECT 1 FROM quiz_attempts x WHERE x.enrolment_id = v_enrolment AND x.quiz_id = v_quiz AND x.passed)
          INTO v_had_pass;

        UPDATE quiz_attempts SET answers = p_answers, score_percent = p_score, passed = p_passed, submitted_at = now()
         WHERE id = p_attempt AND submitted_at IS NULL
        RETURNING score_percent INTO v_score;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'already_submitted'::text, v_status, NULL::integer, false;
          RETURN;
        END IF;

        INSERT INTO audit_events (organization_id, actor_id, action, subject_type, subject_id, data)
        VALUES (v_org, p_user, 'attempt.submitted', 'quiz_attempt', p_attempt::text, p_audit);

        SELECT q.course_version_id INTO v_quiz_version FROM quizzes q WHERE q.id = v_quiz;
        v_final := v_quiz_version = v_version AND v_quiz = (
          SELECT q.id FROM quizzes q JOIN modules m ON m.id = q.module_id
           WHERE q.course_version_id = v_version
           ORDER BY m.position DESC, q.position DESC, q.id DESC LIMIT 1);

        UPDATE enrolments en SET
               last_activity_at = now(),
               items_done = CASE WHEN p_passed AND NOT v_had_pass AND v_quiz_version = v_version
                                 THEN en.items_done + 1 ELSE en.items_done END,
               progress_percent = enrolment_progress_percent(
                 en.lessons_completed, en.lessons_total,
                 en.items_done - LEAST(en.lessons_completed, en.lessons_total)
                   + CASE WHEN p_passed AND NOT v_had_pass AND v_quiz_version = v_version THEN 1 ELSE 0 END,
                 en.items_total - en.lessons_total),
               best_final_score = CASE WHEN v_final THEN GREATEST(en.best_final_score, v_score) ELSE en.best_final_score END
         WHERE en.id = v_enrolment
        RETURNING en.status, en.progress_percent::integer,
                  enrolment_requirements_met(en.lessons_completed, en.lessons_total,
                    en.items_done - LEAST(en.lessons_completed, en.lessons_total), en.items_total - en.lessons_total,
                    v_instrument IS NOT NULL, en.pre_done, en.post_done, v_min_minutes, en.learning_seconds)
          INTO v_status, v_progress, v_met;

        RETURN QUERY SELECT 'ok'::text, v_status, v_progress, v_status = 'active' AND v_met;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS submit_attempt(uuid, uuid, jsonb, numeric, boolean, jsonb)`);
  }
}

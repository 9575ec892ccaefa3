import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SubmitAttemptFunction1795451000000 } from './1795451000000-SubmitAttemptFunction.js';

/**
 * A pass submitted on an attempt that was open when the enrolment moved to a newer course version
 * (a manager's cohort version migration; the learner's own upgrade refuses while an attempt is
 * open) did not count: the learner was told "passed", but `submit_attempt` only counted attempts
 * at quizzes of the enrolment's current version, and the migration had carried only the passes
 * that existed when it ran. The quiz stayed "not passed" in the new version, the progress without
 * it, and the course could not complete until the learner passed the same quiz again.
 *
 * `submit_attempt` now does for such a pass what the migration does for earlier ones
 * (EnrolmentsRepository.carryPassedAttempts): the attempt is recorded on its own quiz as before,
 * and copied to the quiz of the same lineage in the enrolment's version (numbered after the
 * attempts there), which it then counts for — `items_done`, `progress_percent` and, on the final
 * quiz, `best_final_score`, exactly as `enrolment_counters` derives them from the copy. A failed
 * attempt on an earlier version's quiz, or one whose quiz has no counterpart, still counts for
 * nothing (the migration carries only passes). Attempts at the enrolment's own version: unchanged.
 */
export class PassesOfAttemptsOpenAcrossVersionMoves1795740000000 implements MigrationInterface {
  name = 'PassesOfAttemptsOpenAcrossVersionMoves1795740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION submit_attempt(p_attempt uuid, p_user uuid, p_answers jsonb, p_score numeric, p_passed boolean, p_audit jsonb)
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
        v_counted uuid;
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

        -- The quiz of the enrolment's version this submission counts for: its own, or for a pass
        -- at an earlier version's quiz the quiz of the same lineage (NULL: it counts for none).
        SELECT CASE WHEN q.course_version_id = v_version THEN q.id
                    WHEN p_passed THEN (SELECT n.id FROM quizzes n WHERE n.course_version_id = v_version AND n.lineage_id = q.lineage_id)
               END
          INTO v_counted
          FROM quizzes q WHERE q.id = v_quiz;

        SELECT EXISTS (SELECT 1 FROM quiz_attempts x WHERE x.enrolment_id = v_enrolment AND x.quiz_id = v_counted AND x.passed)
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

        -- A pass at an earlier version's quiz is carried as the version move carries passes.
        IF v_counted IS NOT NULL AND v_counted <> v_quiz THEN
          INSERT INTO quiz_attempts (enrolment_id, quiz_id, attempt_no, presented, answers, score_percent, passed, started_at, submitted_at)
          SELECT a.enrolment_id, v_counted,
                 coalesce((SELECT max(x.attempt_no) FROM quiz_attempts x WHERE x.enrolment_id = v_enrolment AND x.quiz_id = v_counted), 0) + 1,
                 a.presented, a.answers, a.score_percent, a.passed, a.started_at, a.submitted_at
            FROM quiz_attempts a
           WHERE a.id = p_attempt;
        END IF;

        v_final := coalesce(v_counted = (
          SELECT q.id FROM quizzes q JOIN modules m ON m.id = q.module_id
           WHERE q.course_version_id = v_version
           ORDER BY m.position DESC, q.position DESC, q.id DESC LIMIT 1), false);

        UPDATE enrolments en SET
               last_activity_at = now(),
               items_done = CASE WHEN p_passed AND NOT v_had_pass AND v_counted IS NOT NULL
                                 THEN en.items_done + 1 ELSE en.items_done END,
               progress_percent = enrolment_progress_percent(
                 en.lessons_completed, en.lessons_total,
                 en.items_done - LEAST(en.lessons_completed, en.lessons_total)
                   + CASE WHEN p_passed AND NOT v_had_pass AND v_counted IS NOT NULL THEN 1 ELSE 0 END,
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
    await new SubmitAttemptFunction1795451000000().up(q);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { StartAttemptFunction1795521000000 } from './1795521000000-StartAttemptFunction.js';
import { SubmitOwnAttemptFunction1795522000000 } from './1795522000000-SubmitOwnAttemptFunction.js';

/**
 * Merge of issue 20 point 3 (one round trip per quiz start and submission) with issue 22
 * point 5 (random draws per attempt and an optional time limit, QuizTypesTimeLimitAndDraws).
 * Replaces `start_attempt` and `submit_own_attempt` (their return types change, so drop and create):
 *
 * - The quiz copy the API holds (and whose md5 is the key it sends back) now carries
 *   `time_limit_minutes` and `draws`: a copy without them could shuffle or grade a quiz whose
 *   draws changed, and the key would not notice.
 * - `start_attempt` answers the attempt's `started_at` too (the API shows `expiresAt` from it,
 *   also for an attempt still open). The order the API sends is its draw from the pool
 *   (seeded by the attempt id) shuffled, so draws need no second trip.
 * - `submit_own_attempt(attempt, user, quiz, quiz_key, shown, answers, score, passed, audit, grace_ms)`
 *   takes `shown`, the question ids the API graded (the pool's draw for this attempt id, or
 *   every question), instead of assuming every question was shown: the grade is written only
 *   when they are exactly the questions the attempt presents (else `regrade`, as before).
 *   The time limit is enforced here, on the database's clock: past `started_at` + limit +
 *   `grace_ms`, the submission is recorded as expired (score 0, not passed, `expired` set,
 *   audited with `expired: true`) in the same statement. Every answer past the owner check
 *   carries `started_at` and `expired` (whether the limit has passed now), so the API's
 *   second trip (`regrade`) grades late submissions the same way.
 */
export class QuizAttemptFunctionsForDrawsAndTimeLimit1795570000000 implements MigrationInterface {
  name = 'QuizAttemptFunctionsForDrawsAndTimeLimit1795570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS start_attempt(uuid, uuid, uuid, uuid, jsonb, text)`);
    await q.query(`DROP FUNCTION IF EXISTS submit_own_attempt(uuid, uuid, uuid, text, jsonb, numeric, boolean, jsonb)`);
    await q.query(`
      CREATE FUNCTION start_attempt(p_enrolment uuid, p_user uuid, p_quiz uuid, p_id uuid, p_presented jsonb, p_quiz_key text)
      RETURNS TABLE (outcome text, attempt_id uuid, presented jsonb, used integer, quiz_key text, quiz jsonb, texts jsonb,
                     started_at timestamptz)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        v_status text;
        v_pre_done boolean;
        v_version uuid;
        v_instrument uuid;
        v_locale text;
        v_quiz jsonb;
        v_lineage uuid;
        v_max integer;
        v_key text;
        v_texts jsonb;
        v_used integer;
        v_open_id uuid;
        v_open_presented jsonb;
        v_open_started timestamptz;
        v_send jsonb;
        v_started timestamptz;
      BEGIN
        SELECT e.status, e.pre_done, e.course_version_id, v.instrument_id, v.locale
          INTO v_status, v_pre_done, v_version, v_instrument, v_locale
          FROM enrolments e
          JOIN course_versions v ON v.id = e.course_version_id
         WHERE e.id = p_enrolment AND e.user_id = p_user
           FOR UPDATE OF e;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'enrolment_not_found'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::text, NULL::jsonb, NULL::jsonb, NULL::timestamptz;
          RETURN;
        END IF;
        IF v_status = 'withdrawn' THEN
          RETURN QUERY SELECT 'withdrawn'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::text, NULL::jsonb, NULL::jsonb, NULL::timestamptz;
          RETURN;
        END IF;
        IF v_instrument IS NOT NULL AND NOT v_pre_done THEN
          RETURN QUERY SELECT 'pre_first'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::text, NULL::jsonb, NULL::jsonb, NULL::timestamptz;
          RETURN;
        END IF;

        SELECT jsonb_build_object('id', qz.id, 'pass_mark', qz.pass_mark, 'max_attempts', qz.max_attempts,
                 'shuffle_questions', qz.shuffle_questions, 'shuffle_options', qz.shuffle_options,
                 'reveal_answers', qz.reveal_answers, 'questions', qz.questions,
                 'time_limit_minutes', qz.time_limit_minutes, 'draws', qz.draws),
               qz.lineage_id, qz.max_attempts
          INTO v_quiz, v_lineage, v_max
          FROM quizzes qz
         WHERE qz.id = p_quiz AND qz.course_version_id = v_version;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'quiz_not_found'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::text, NULL::jsonb, NULL::jsonb, NULL::timestamptz;
          RETURN;
        END IF;
        v_key := md5(v_quiz::text);
        v_send := CASE WHEN p_quiz_key IS DISTINCT FROM v_key THEN v_quiz END;

        SELECT t.texts INTO v_texts
          FROM course_edition_texts t JOIN users u ON u.id = p_user
         WHERE t.course_version_id = v_version AND t.locale = u.locale AND u.locale <> v_locale
           AND t.item_kind = 'quiz' AND t.lineage_id = v_lineage;

        SELECT count(*)::int INTO v_used FROM quiz_attempts a WHERE a.enrolment_id = p_enrolment AND a.quiz_id = p_quiz;
        SELECT a.id, a.presented, a.started_at INTO v_open_id, v_open_presented, v_open_started
          FROM quiz_attempts a
         WHERE a.enrolment_id = p_enrolment AND a.quiz_id = p_quiz AND a.submitted_at IS NULL
         ORDER BY a.attempt_no LIMIT 1;
        IF v_open_id IS NOT NULL THEN
          RETURN QUERY SELECT 'open'::text, v_open_id, v_open_presented, v_used, v_key, v_send, v_texts, v_open_started;
          RETURN;
        END IF;
        IF v_max IS NOT NULL AND v_used >= v_max THEN
          RETURN QUERY SELECT 'no_attempts_left'::text, NULL::uuid, NULL::jsonb, v_used, v_key, v_send, v_texts, NULL::timestamptz;
          RETURN;
        END IF;
        IF v_send IS NOT NULL OR p_presented IS NULL OR p_id IS NULL THEN
          RETURN QUERY SELECT 'stale'::text, NULL::uuid, NULL::jsonb, v_used, v_key, v_quiz, v_texts, NULL::timestamptz;
          RETURN;
        END IF;

        INSERT INTO quiz_attempts (id, enrolment_id, quiz_id, attempt_no, presented)
        VALUES (p_id, p_enrolment, p_quiz, v_used + 1, p_presented)
        RETURNING quiz_attempts.started_at INTO v_started;
        UPDATE enrolments SET started_at = coalesce(started_at, now()), last_activity_at = now() WHERE id = p_enrolment;
        RETURN QUERY SELECT 'ok'::text, p_id, p_presented, v_used + 1, v_key, NULL::jsonb, v_texts, v_started;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION submit_own_attempt(p_attempt uuid, p_user uuid, p_quiz uuid, p_quiz_key text, p_shown jsonb, p_answers jsonb,
                                         p_score numeric, p_passed boolean, p_audit jsonb, p_grace_ms integer)
      RETURNS TABLE (outcome text, enrolment_id uuid, presented jsonb, used integer, passed_before boolean, texts jsonb,
                     may_complete boolean, quiz_key text, quiz jsonb, started_at timestamptz, expired boolean)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        v_enrolment uuid;
        v_quiz_id uuid;
        v_presented jsonb;
        v_submitted timestamptz;
        v_started timestamptz;
        v_limit integer;
        v_status text;
        v_quiz jsonb;
        v_key text;
        v_used integer;
        v_passed_before boolean;
        v_texts jsonb;
        v_expired boolean;
        v_outcome text;
        v_may_complete boolean;
      BEGIN
        SELECT a.enrolment_id, a.quiz_id, a.presented, a.submitted_at, a.started_at, qz.time_limit_minutes, e.status,
               jsonb_build_object('id', qz.id, 'pass_mark', qz.pass_mark, 'max_attempts', qz.max_attempts,
                 'shuffle_questions', qz.shuffle_questions, 'shuffle_options', qz.shuffle_options,
                 'reveal_answers', qz.reveal_answers, 'questions', qz.questions,
                 'time_limit_minutes', qz.time_limit_minutes, 'draws', qz.draws),
               (SELECT count(*) FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id)::int,
               EXISTS (SELECT 1 FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id
                          AND x.id <> a.id AND x.passed),
               (SELECT t.texts FROM course_edition_texts t JOIN users u ON u.id = p_user
                 WHERE t.course_version_id = qz.course_version_id AND t.locale = u.locale AND u.locale <> v.locale
                   AND t.item_kind = 'quiz' AND t.lineage_id = qz.lineage_id)
          INTO v_enrolment, v_quiz_id, v_presented, v_submitted, v_started, v_limit, v_status, v_quiz, v_used, v_passed_before, v_texts
          FROM quiz_attempts a
          JOIN enrolments e ON e.id = a.enrolment_id
          JOIN quizzes qz ON qz.id = a.quiz_id
          JOIN course_versions v ON v.id = qz.course_version_id
         WHERE a.id = p_attempt AND e.user_id = p_user;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'attempt_not_found'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::boolean, NULL::jsonb,
                              false, NULL::text, NULL::jsonb, NULL::timestamptz, false;
          RETURN;
        END IF;
        v_key := md5(v_quiz::text);
        v_expired := v_limit IS NOT NULL
                     AND clock_timestamp() > v_started + make_interval(mins => v_limit) + make_interval(secs => coalesce(p_grace_ms, 0) / 1000.0);
        IF v_submitted IS NOT NULL THEN
          RETURN QUERY SELECT 'already_submitted'::text, v_enrolment, v_presented, v_used, v_passed_before, v_texts, false, v_key,
                              CASE WHEN p_quiz_key IS DISTINCT FROM v_key THEN v_quiz END, v_started, v_expired;
          RETURN;
        END IF;
        IF v_status = 'withdrawn' THEN
          RETURN QUERY SELECT 'withdrawn'::text, v_enrolment, v_presented, v_used, v_passed_before, v_texts, false, v_key,
                              CASE WHEN p_quiz_key IS DISTINCT FROM v_key THEN v_quiz END, v_started, v_expired;
          RETURN;
        END IF;
        -- The grade's assumptions: the API's copy is the stored quiz, and it graded exactly the questions shown.
        IF p_quiz IS DISTINCT FROM v_quiz_id OR p_quiz_key IS DISTINCT FROM v_key OR p_shown IS NULL
           OR jsonb_typeof(p_shown) <> 'array'
           OR (SELECT coalesce(array_agg(s ORDER BY s), '{}') FROM jsonb_array_elements_text(p_shown) s)
              IS DISTINCT FROM (SELECT coalesce(array_agg(p ->> 'questionId' ORDER BY p ->> 'questionId'), '{}')
                                  FROM jsonb_array_elements(v_presented) p) THEN
          RETURN QUERY SELECT 'regrade'::text, v_enrolment, v_presented, v_used, v_passed_before, v_texts, false, v_key, v_quiz,
                              v_started, v_expired;
          RETURN;
        END IF;

        SELECT s.outcome, s.may_complete INTO v_outcome, v_may_complete
          FROM submit_attempt(p_attempt, p_user, p_answers,
                              CASE WHEN v_expired THEN 0 ELSE p_score END,
                              p_passed AND NOT v_expired,
                              p_audit || jsonb_build_object('enrolmentId', v_enrolment)
                                || CASE WHEN v_expired THEN jsonb_build_object('scorePercent', 0, 'passed', false, 'expired', true)
                                        ELSE '{}'::jsonb END) s;
        IF v_outcome = 'ok' AND v_expired THEN
          UPDATE quiz_attempts SET expired = true WHERE id = p_attempt;
        END IF;
        RETURN QUERY SELECT v_outcome, v_enrolment, v_presented, v_used, v_passed_before, v_texts, coalesce(v_may_complete, false),
                            v_key, NULL::jsonb, v_started, v_expired;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS start_attempt(uuid, uuid, uuid, uuid, jsonb, text)`);
    await q.query(`DROP FUNCTION IF EXISTS submit_own_attempt(uuid, uuid, uuid, text, jsonb, jsonb, numeric, boolean, jsonb, integer)`);
    await new StartAttemptFunction1795521000000().up(q);
    await new SubmitOwnAttemptFunction1795522000000().up(q);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Short-text answers graded in the learner's language (issue 22 point 6): an edition carries its
 * own accepted answers (`questions.N.acceptedAnswers`), and a short-text answer is right when it
 * matches one of the learner's edition or one of the default language's.
 *
 * The API grades a submission before the database answers (one round trip), so it grades with
 * the edition texts it guessed (those start_attempt returned for the attempt). `submit_own_attempt`
 * gets them (`p_texts`) with `p_check_texts` (true when a short-text question is shown) and answers
 * `regrade` with the learner's texts when they differ from the guess, as it does for a stale quiz
 * copy. Otherwise unchanged from VideoTextAndQuestionBank1795710000000.
 */
export class ShortTextAnswersPerEdition1795712000000 implements MigrationInterface {
  name = 'ShortTextAnswersPerEdition1795712000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS submit_own_attempt(uuid, uuid, uuid, text, jsonb, jsonb, numeric, boolean, jsonb, integer)`);
    await q.query(`
      CREATE FUNCTION submit_own_attempt(p_attempt uuid, p_user uuid, p_quiz uuid, p_quiz_key text, p_shown jsonb, p_answers jsonb,
                                         p_score numeric, p_passed boolean, p_audit jsonb, p_grace_ms integer,
                                         p_check_texts boolean, p_texts jsonb)
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
                 'reveal_answers', qz.reveal_answers, 'questions', quiz_pool(qz.course_version_id, qz.questions, qz.draws),
                 'time_limit_minutes', qz.time_limit_minutes, 'draws', qz.draws),
               (SELECT count(*) FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id)::int,
               EXISTS (SELECT 1 FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id
                          AND x.id <> a.id AND x.passed),
               quiz_edition_texts(qz.course_version_id, qz.lineage_id, p_user, qz.draws)
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
        -- The grade's assumptions: the API's copy is the stored quiz, it graded exactly the questions shown,
        -- and (when a short-text question is shown) with the accepted answers of the learner's edition.
        IF p_quiz IS DISTINCT FROM v_quiz_id OR p_quiz_key IS DISTINCT FROM v_key OR p_shown IS NULL
           OR (p_check_texts AND p_texts IS DISTINCT FROM v_texts)
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
    await q.query(`DROP FUNCTION IF EXISTS submit_own_attempt(uuid, uuid, uuid, text, jsonb, jsonb, numeric, boolean, jsonb, integer, boolean, jsonb)`);
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
                 'reveal_answers', qz.reveal_answers, 'questions', quiz_pool(qz.course_version_id, qz.questions, qz.draws),
                 'time_limit_minutes', qz.time_limit_minutes, 'draws', qz.draws),
               (SELECT count(*) FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id)::int,
               EXISTS (SELECT 1 FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id
                          AND x.id <> a.id AND x.passed),
               quiz_edition_texts(qz.course_version_id, qz.lineage_id, p_user, qz.draws)
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
}

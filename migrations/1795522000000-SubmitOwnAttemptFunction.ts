import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, point 3: a quiz submission in ONE database round trip in the common case.
 *
 * Before, the API read the attempt with its quiz (and the learner's language edition) and then
 * called `submit_attempt`. Now it grades first, against its own copy of the quiz the answers
 * belong to (held by start_attempt's key), assuming the attempt shows every question of the
 * quiz, and `submit_own_attempt(attempt, user, quiz, quiz_key, answers, score, passed, audit)`:
 *
 * - finds the caller's attempt (owner check: e.user_id = caller): `attempt_not_found`;
 *   submitted: `already_submitted`; enrolment withdrawn: `withdrawn` (the API's order);
 * - when the grade's assumptions hold (the attempt is of `quiz`, the quiz row's key is
 *   `quiz_key`, the attempt shows as many questions as the quiz has) it calls `submit_attempt`
 *   (lock, record, audit with the enrolment id added, activity, counters) and answers its outcome;
 * - otherwise `regrade`, nothing written, with the quiz row: the API grades from it and calls
 *   `submit_attempt` itself (the second trip of the uncommon case).
 *
 * Every answer past the owner check carries what the review needs: the order shown, the
 * attempts used, whether an earlier attempt passed, and the learner's language edition texts.
 */
export class SubmitOwnAttemptFunction1795522000000 implements MigrationInterface {
  name = 'SubmitOwnAttemptFunction1795522000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION submit_own_attempt(p_attempt uuid, p_user uuid, p_quiz uuid, p_quiz_key text, p_answers jsonb,
                                         p_score numeric, p_passed boolean, p_audit jsonb)
      RETURNS TABLE (outcome text, enrolment_id uuid, presented jsonb, used integer, passed_before boolean, texts jsonb,
                     may_complete boolean, quiz_key text, quiz jsonb)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        v_enrolment uuid;
        v_quiz_id uuid;
        v_presented jsonb;
        v_submitted timestamptz;
        v_status text;
        v_quiz jsonb;
        v_key text;
        v_used integer;
        v_passed_before boolean;
        v_texts jsonb;
        v_outcome text;
        v_may_complete boolean;
      BEGIN
        SELECT a.enrolment_id, a.quiz_id, a.presented, a.submitted_at, e.status,
               jsonb_build_object('id', qz.id, 'pass_mark', qz.pass_mark, 'max_attempts', qz.max_attempts,
                 'shuffle_questions', qz.shuffle_questions, 'shuffle_options', qz.shuffle_options,
                 'reveal_answers', qz.reveal_answers, 'questions', qz.questions),
               (SELECT count(*) FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id)::int,
               EXISTS (SELECT 1 FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = a.quiz_id
                          AND x.id <> a.id AND x.passed),
               (SELECT t.texts FROM course_edition_texts t JOIN users u ON u.id = p_user
                 WHERE t.course_version_id = qz.course_version_id AND t.locale = u.locale AND u.locale <> v.locale
                   AND t.item_kind = 'quiz' AND t.lineage_id = qz.lineage_id)
          INTO v_enrolment, v_quiz_id, v_presented, v_submitted, v_status, v_quiz, v_used, v_passed_before, v_texts
          FROM quiz_attempts a
          JOIN enrolments e ON e.id = a.enrolment_id
          JOIN quizzes qz ON qz.id = a.quiz_id
          JOIN course_versions v ON v.id = qz.course_version_id
         WHERE a.id = p_attempt AND e.user_id = p_user;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'attempt_not_found'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::boolean, NULL::jsonb,
                              false, NULL::text, NULL::jsonb;
          RETURN;
        END IF;
        v_key := md5(v_quiz::text);
        IF v_submitted IS NOT NULL THEN
          RETURN QUERY SELECT 'already_submitted'::text, v_enrolment, v_presented, v_used, v_passed_before, v_texts, false, v_key,
                              CASE WHEN p_quiz_key IS DISTINCT FROM v_key THEN v_quiz END;
          RETURN;
        END IF;
        IF v_status = 'withdrawn' THEN
          RETURN QUERY SELECT 'withdrawn'::text, v_enrolment, v_presented, v_used, v_passed_before, v_texts, false, v_key,
                              CASE WHEN p_quiz_key IS DISTINCT FROM v_key THEN v_quiz END;
          RETURN;
        END IF;
        IF p_quiz IS DISTINCT FROM v_quiz_id OR p_quiz_key IS DISTINCT FROM v_key
           OR jsonb_array_length(v_presented) <> jsonb_array_length(v_quiz -> 'questions') THEN
          RETURN QUERY SELECT 'regrade'::text, v_enrolment, v_presented, v_used, v_passed_before, v_texts, false, v_key, v_quiz;
          RETURN;
        END IF;

        SELECT s.outcome, s.may_complete INTO v_outcome, v_may_complete
          FROM submit_attempt(p_attempt, p_user, p_answers, p_score, p_passed,
                              p_audit || jsonb_build_object('enrolmentId', v_enrolment)) s;
        RETURN QUERY SELECT v_outcome, v_enrolment, v_presented, v_used, v_passed_before, v_texts, coalesce(v_may_complete, false),
                            v_key, NULL::jsonb;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS submit_own_attempt(uuid, uuid, uuid, text, jsonb, numeric, boolean, jsonb)`);
  }
}

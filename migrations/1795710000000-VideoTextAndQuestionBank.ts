import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QuizAttemptFunctionsForDrawsAndTimeLimit1795570000000 } from './1795570000000-QuizAttemptFunctionsForDrawsAndTimeLimit.js';

/**
 * Issue 22, points 1 and 5: the video's text alternative and the course question bank.
 *
 * - `lessons.video_text`: the text alternative (transcript or description) of the lesson's
 *   video. Optional while drafting; publishing refuses a version with a video lesson without it.
 *   Copied with the lesson into new versions (CourseItemsRepository.copyVersion).
 * - `course_versions.question_bank`: the course's bank of questions (same shape as a quiz's
 *   `questions`, with tags), versioned with the course like the quizzes: a published version
 *   keeps its copy, a new draft copies it.
 * - A quiz draw `{count, tag?, from: 'bank'}` takes its questions from the version's bank.
 *   `quiz_pool(version, questions, draws)` is the quiz's own questions followed by the bank
 *   questions its bank draws can take (each marked `bank: true` with its `bankIndex`), and
 *   replaces `questions` in the quiz copy `start_attempt` and `submit_own_attempt` hand the API
 *   (so the copy's key covers the bank too). Attempts store the drawn ids in `presented`, so an
 *   attempt is graded against the bank of the version it took.
 * - Editions: the bank's texts are an edition row of kind `bank` (lineage: the course id);
 *   `quiz_edition_texts` gives the quiz's texts with the bank's under `bank`.
 */
export class VideoTextAndQuestionBank1795710000000 implements MigrationInterface {
  name = 'VideoTextAndQuestionBank1795710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lessons ADD COLUMN video_text text`);
    await q.query(
      `ALTER TABLE course_versions ADD COLUMN question_bank jsonb NOT NULL DEFAULT '[]'
         CONSTRAINT ck_course_versions_question_bank CHECK (jsonb_typeof(question_bank) = 'array')`,
    );
    await q.query(`ALTER TABLE course_edition_texts DROP CONSTRAINT ck_course_edition_texts_kind`);
    await q.query(
      `ALTER TABLE course_edition_texts ADD CONSTRAINT ck_course_edition_texts_kind CHECK (item_kind IN ('course','module','lesson','quiz','bank'))`,
    );
    await q.query(`
      CREATE FUNCTION quiz_pool(p_version uuid, p_questions jsonb, p_draws jsonb) RETURNS jsonb
      LANGUAGE sql STABLE AS $$
        SELECT coalesce(p_questions, '[]'::jsonb) || coalesce((
          SELECT jsonb_agg(b.q || jsonb_build_object('bank', true, 'bankIndex', b.i - 1) ORDER BY b.i)
            FROM course_versions v, jsonb_array_elements(v.question_bank) WITH ORDINALITY AS b(q, i)
           WHERE v.id = p_version
             AND EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_draws, '[]'::jsonb)) d
                          WHERE d ->> 'from' = 'bank'
                            AND (d ->> 'tag' IS NULL OR coalesce(b.q -> 'tags', '[]'::jsonb) ? (d ->> 'tag')))), '[]'::jsonb)
      $$`);
    await q.query(`
      CREATE FUNCTION quiz_edition_texts(p_version uuid, p_lineage uuid, p_user uuid, p_draws jsonb) RETURNS jsonb
      LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN qt.texts IS NULL AND bt.texts IS NULL THEN NULL
                    ELSE coalesce(qt.texts, '{}'::jsonb)
                         || CASE WHEN bt.texts IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('bank', bt.texts) END END
          FROM users u
          JOIN course_versions v ON v.id = p_version
          LEFT JOIN course_edition_texts qt ON qt.course_version_id = p_version AND qt.locale = u.locale
                                           AND qt.item_kind = 'quiz' AND qt.lineage_id = p_lineage
          LEFT JOIN course_edition_texts bt ON bt.course_version_id = p_version AND bt.locale = u.locale AND bt.item_kind = 'bank'
                                           AND EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_draws, '[]'::jsonb)) d WHERE d ->> 'from' = 'bank')
         WHERE u.id = p_user AND u.locale <> v.locale
      $$`);
    await q.query(`DROP FUNCTION IF EXISTS start_attempt(uuid, uuid, uuid, uuid, jsonb, text)`);
    await q.query(`DROP FUNCTION IF EXISTS submit_own_attempt(uuid, uuid, uuid, text, jsonb, jsonb, numeric, boolean, jsonb, integer)`);
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
                 'reveal_answers', qz.reveal_answers, 'questions', quiz_pool(qz.course_version_id, qz.questions, qz.draws),
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

        v_texts := quiz_edition_texts(v_version, v_lineage, p_user, v_quiz->'draws');

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

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS submit_own_attempt(uuid, uuid, uuid, text, jsonb, jsonb, numeric, boolean, jsonb, integer)`);
    await new QuizAttemptFunctionsForDrawsAndTimeLimit1795570000000().up(q);
    await q.query(`DROP FUNCTION IF EXISTS quiz_edition_texts(uuid, uuid, uuid, jsonb)`);
    await q.query(`DROP FUNCTION IF EXISTS quiz_pool(uuid, jsonb, jsonb)`);
    await q.query(`DELETE FROM course_edition_texts WHERE item_kind = 'bank'`);
    await q.query(`ALTER TABLE course_edition_texts DROP CONSTRAINT ck_course_edition_texts_kind`);
    await q.query(
      `ALTER TABLE course_edition_texts ADD CONSTRAINT ck_course_edition_texts_kind CHECK (item_kind IN ('course','module','lesson','quiz'))`,
    );
    await q.query(`ALTER TABLE course_versions DROP COLUMN question_bank`);
    await q.query(`ALTER TABLE lessons DROP COLUMN video_text`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, point 3: starting a quiz attempt in one database round trip.
 *
 * `start_attempt(enrolment, user, quiz, id, presented, quiz_key)` locks the caller's enrolment
 * (the owner check is the statement's own: e.user_id = caller) and checks, in the order the API
 * always did: the enrolment (`enrolment_not_found`), not withdrawn, the pre self-assessment
 * first when the course has one (`pre_first`), the quiz of the enrolment's version
 * (`quiz_not_found`). Then:
 *
 * - an attempt of this quiz still open: `open`, with its id and the order it was shown in;
 * - every attempt used: `no_attempts_left`;
 * - the API's copy of the quiz is not the stored one (`quiz_key` differs from the md5 of the
 *   quiz's grading columns, or no order was sent): `stale`, nothing written — the API takes the
 *   quiz from the answer, shuffles it for `id` and calls again;
 * - else the attempt is inserted with the order the API computed from its copy (numbered after
 *   the ones used: the enrolment lock serialises parallel starts) and the enrolment marked
 *   started and active: `ok`.
 *
 * Every answer carries `used` (attempts of the quiz, the new one included), the quiz's key, the
 * quiz row itself when the API's key was not current, and the texts of the learner's language
 * edition of the quiz (null: the course's own language).
 */
export class StartAttemptFunction1795521000000 implements MigrationInterface {
  name = 'StartAttemptFunction1795521000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION start_attempt(p_enrolment uuid, p_user uuid, p_quiz uuid, p_id uuid, p_presented jsonb, p_quiz_key text)
      RETURNS TABLE (outcome text, attempt_id uuid, presented jsonb, used integer, quiz_key text, quiz jsonb, texts jsonb)
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
        v_send jsonb;
      BEGIN
        SELECT e.status, e.pre_done, e.course_version_id, v.instrument_id, v.locale
          INTO v_status, v_pre_done, v_version, v_instrument, v_locale
          FROM enrolments e
          JOIN course_versions v ON v.id = e.course_version_id
         WHERE e.id = p_enrolment AND e.user_id = p_user
           FOR UPDATE OF e;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'enrolment_not_found'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN;
        END IF;
        IF v_status = 'withdrawn' THEN
          RETURN QUERY SELECT 'withdrawn'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN;
        END IF;
        IF v_instrument IS NOT NULL AND NOT v_pre_done THEN
          RETURN QUERY SELECT 'pre_first'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN;
        END IF;

        SELECT jsonb_build_object('id', qz.id, 'pass_mark', qz.pass_mark, 'max_attempts', qz.max_attempts,
                 'shuffle_questions', qz.shuffle_questions, 'shuffle_options', qz.shuffle_options,
                 'reveal_answers', qz.reveal_answers, 'questions', qz.questions),
               qz.lineage_id, qz.max_attempts
          INTO v_quiz, v_lineage, v_max
          FROM quizzes qz
         WHERE qz.id = p_quiz AND qz.course_version_id = v_version;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'quiz_not_found'::text, NULL::uuid, NULL::jsonb, NULL::integer, NULL::text, NULL::jsonb, NULL::jsonb;
          RETURN;
        END IF;
        v_key := md5(v_quiz::text);
        v_send := CASE WHEN p_quiz_key IS DISTINCT FROM v_key THEN v_quiz END;

        SELECT t.texts INTO v_texts
          FROM course_edition_texts t JOIN users u ON u.id = p_user
         WHERE t.course_version_id = v_version AND t.locale = u.locale AND u.locale <> v_locale
           AND t.item_kind = 'quiz' AND t.lineage_id = v_lineage;

        SELECT count(*)::int INTO v_used FROM quiz_attempts a WHERE a.enrolment_id = p_enrolment AND a.quiz_id = p_quiz;
        SELECT a.id, a.presented INTO v_open_id, v_open_presented
          FROM quiz_attempts a
         WHERE a.enrolment_id = p_enrolment AND a.quiz_id = p_quiz AND a.submitted_at IS NULL
         ORDER BY a.attempt_no LIMIT 1;
        IF v_open_id IS NOT NULL THEN
          RETURN QUERY SELECT 'open'::text, v_open_id, v_open_presented, v_used, v_key, v_send, v_texts;
          RETURN;
        END IF;
        IF v_max IS NOT NULL AND v_used >= v_max THEN
          RETURN QUERY SELECT 'no_attempts_left'::text, NULL::uuid, NULL::jsonb, v_used, v_key, v_send, v_texts;
          RETURN;
        END IF;
        IF v_send IS NOT NULL OR p_presented IS NULL OR p_id IS NULL THEN
          RETURN QUERY SELECT 'stale'::text, NULL::uuid, NULL::jsonb, v_used, v_key, v_quiz, v_texts;
          RETURN;
        END IF;

        INSERT INTO quiz_attempts (id, enrolment_id, quiz_id, attempt_no, presented)
        VALUES (p_id, p_enrolment, p_quiz, v_used + 1, p_presented);
        UPDATE enrolments SET started_at = coalesce(started_at, now()), last_activity_at = now() WHERE id = p_enrolment;
        RETURN QUERY SELECT 'ok'::text, p_id, p_presented, v_used + 1, v_key, NULL::jsonb, v_texts;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS start_attempt(uuid, uuid, uuid, uuid, jsonb, text)`);
  }
}

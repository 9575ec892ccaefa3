import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, point 3: a pre self-assessment in one database round trip.
 *
 * `submit_pre_self_assessment(enrolment, user, answers, scored)` locks the caller's enrolment
 * (the owner check is the statement's own: e.user_id = caller), checks it in the order the API
 * always did (an instrument, not withdrawn, pre not yet done), and stores the response with the
 * scores the API computed for the enrolment's instrument: `scored` maps instrument ids to scores
 * (the API scores the answers against the instrument definitions it holds — they never change,
 * the database refuses it). When `scored` has no entry for the enrolment's instrument (the API
 * has not seen it yet, or the answers do not fit it) nothing is written and the outcome is
 * `unscored` with the instrument id: the API loads that definition, validates, and calls again.
 *
 * It writes what the transaction of SelfAssessmentService wrote: the response, `pre_done`,
 * `started_at`, `last_activity_at` and the `self_assessment.submitted` audit event.
 */
export class SubmitPreSelfAssessmentFunction1795520000000 implements MigrationInterface {
  name = 'SubmitPreSelfAssessmentFunction1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION submit_pre_self_assessment(p_enrolment uuid, p_user uuid, p_answers jsonb, p_scored jsonb)
      RETURNS TABLE (outcome text, instrument_id uuid, submitted_at timestamptz)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        v_org uuid;
        v_status text;
        v_pre_done boolean;
        v_instrument uuid;
        v_at timestamptz;
      BEGIN
        SELECT e.organization_id, e.status, e.pre_done, v.instrument_id
          INTO v_org, v_status, v_pre_done, v_instrument
          FROM enrolments e
          JOIN course_versions v ON v.id = e.course_version_id
         WHERE e.id = p_enrolment AND e.user_id = p_user
           FOR UPDATE OF e;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'not_found'::text, NULL::uuid, NULL::timestamptz;
          RETURN;
        END IF;
        IF v_instrument IS NULL THEN
          RETURN QUERY SELECT 'no_instrument'::text, NULL::uuid, NULL::timestamptz;
          RETURN;
        END IF;
        IF v_status = 'withdrawn' THEN
          RETURN QUERY SELECT 'withdrawn'::text, v_instrument, NULL::timestamptz;
          RETURN;
        END IF;
        IF v_pre_done THEN
          RETURN QUERY SELECT 'already_submitted'::text, v_instrument, NULL::timestamptz;
          RETURN;
        END IF;
        IF NOT (p_scored ? v_instrument::text) THEN
          RETURN QUERY SELECT 'unscored'::text, v_instrument, NULL::timestamptz;
          RETURN;
        END IF;

        INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores)
        VALUES (p_enrolment, v_instrument, 'pre', p_answers, p_scored -> v_instrument::text)
        RETURNING self_assessment_responses.submitted_at INTO v_at;
        UPDATE enrolments SET pre_done = true, started_at = coalesce(started_at, now()), last_activity_at = now()
         WHERE id = p_enrolment;
        INSERT INTO audit_events (organization_id, actor_id, action, subject_type, subject_id, data)
        VALUES (v_org, p_user, 'self_assessment.submitted', 'enrolment', p_enrolment::text,
                jsonb_build_object('phase', 'pre', 'instrumentId', v_instrument));
        RETURN QUERY SELECT 'ok'::text, v_instrument, v_at;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS submit_pre_self_assessment(uuid, uuid, jsonb, jsonb)`);
  }
}

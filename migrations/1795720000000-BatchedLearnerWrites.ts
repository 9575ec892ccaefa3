import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, points 3 and 4: lesson completions and heartbeats that arrive together are written
 * together.
 *
 * Under load, most of a lesson write's cost in PostgreSQL and in the API is not the work on the
 * learner's rows (the completion row, the counters: about 0.3 ms in the backend) but what every
 * transaction pays once: the round trip over the socket, parsing and planning, the commit and
 * its WAL flush. `complete_lessons` takes the writes that queued up in one API process while
 * earlier ones were in flight and applies `complete_lesson` (unchanged: the same checks, the
 * same answers) to each, in ONE statement and one transaction, so that cost is paid once per
 * batch instead of once per learner.
 *
 * The writes are applied in enrolment order (then arrival order), so two batches never wait
 * for each other's row locks in opposite orders (no deadlock between batches), and two writes of
 * one enrolment in a batch run one after the other as they would in two transactions. One row
 * per write comes back with its position in the arrays (`idx`, from 1), whatever the order.
 *
 * Heartbeats get the same: `credit_heartbeat` is the one-row UPDATE the API sent inline until
 * now (owner and status checked in its WHERE, time credited as before), and `credit_heartbeats`
 * applies it to many in enrolment order. A beat that does not reach its enrolment (someone
 * else's, unknown, withdrawn) gives no row, as the UPDATE did; the API then asks why (404/409).
 */
export class BatchedLearnerWrites1795720000000 implements MigrationInterface {
  name = 'BatchedLearnerWrites1795720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION complete_lessons(p_enrolments uuid[], p_users uuid[], p_lessons uuid[])
      RETURNS TABLE (idx integer, outcome text, status text, progress_percent integer, may_complete boolean)
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        w record;
      BEGIN
        IF cardinality(p_enrolments) IS DISTINCT FROM cardinality(p_users)
           OR cardinality(p_enrolments) IS DISTINCT FROM cardinality(p_lessons) THEN
          RAISE EXCEPTION 'complete_lessons: the three arrays must have the same length' USING ERRCODE = '22023';
        END IF;
        FOR w IN
          SELECT t.e, t.u, t.l, t.i::integer AS i
            FROM unnest(p_enrolments, p_users, p_lessons) WITH ORDINALITY AS t(e, u, l, i)
           ORDER BY t.e, t.i
        LOOP
          RETURN QUERY
            SELECT w.i, c.outcome, c.status, c.progress_percent, c.may_complete
              FROM complete_lesson(w.e, w.u, w.l) c;
        END LOOP;
      END
      $$`);

    await q.query(`
      CREATE FUNCTION credit_heartbeat(p_enrolment uuid, p_user uuid, p_start boolean, p_gap_seconds integer, p_credit_seconds integer)
      RETURNS TABLE (learning_seconds integer, status text, min_minutes integer)
      LANGUAGE sql VOLATILE AS $$
        UPDATE enrolments e SET
               learning_seconds = e.learning_seconds + CASE
                 WHEN p_start OR e.last_heartbeat_at IS NULL OR e.last_heartbeat_at > clock_timestamp()
                   OR clock_timestamp() - e.last_heartbeat_at > make_interval(secs => p_gap_seconds) THEN 0
                 ELSE LEAST(floor(extract(epoch FROM clock_timestamp() - e.last_heartbeat_at)), p_credit_seconds)::int END,
               last_heartbeat_at = clock_timestamp(),
               started_at = coalesce(e.started_at, now()),
               last_activity_at = now()
         WHERE e.id = p_enrolment AND e.user_id = p_user AND e.status <> 'withdrawn'
        RETURNING e.learning_seconds, e.status, (SELECT v.min_minutes FROM course_versions v WHERE v.id = e.course_version_id)
      $$`);

    await q.query(`
      CREATE FUNCTION credit_heartbeats(p_enrolments uuid[], p_users uuid[], p_starts boolean[], p_gap_seconds integer, p_credit_seconds integer)
      RETURNS TABLE (idx integer, learning_seconds integer, status text, min_minutes integer)
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        w record;
      BEGIN
        IF cardinality(p_enrolments) IS DISTINCT FROM cardinality(p_users)
           OR cardinality(p_enrolments) IS DISTINCT FROM cardinality(p_starts) THEN
          RAISE EXCEPTION 'credit_heartbeats: the three arrays must have the same length' USING ERRCODE = '22023';
        END IF;
        FOR w IN
          SELECT t.e, t.u, t.s, t.i::integer AS i
            FROM unnest(p_enrolments, p_users, p_starts) WITH ORDINALITY AS t(e, u, s, i)
           ORDER BY t.e, t.i
        LOOP
          RETURN QUERY
            SELECT w.i, h.learning_seconds, h.status, h.min_minutes
              FROM credit_heartbeat(w.e, w.u, w.s, p_gap_seconds, p_credit_seconds) h;
        END LOOP;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS credit_heartbeats(uuid[], uuid[], boolean[], integer, integer)`);
    await q.query(`DROP FUNCTION IF EXISTS credit_heartbeat(uuid, uuid, boolean, integer, integer)`);
    await q.query(`DROP FUNCTION IF EXISTS complete_lessons(uuid[], uuid[], uuid[])`);
  }
}

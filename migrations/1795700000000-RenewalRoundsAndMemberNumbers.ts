import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18, points 1 and 3.
 *
 * Renewal rounds: a course that must be renewed every N months gets its holders enrolled again
 * (by the worker's renewal sweep) N days before their certificate expires. The new enrolment is a
 * new *round* of the same person in the same course and scope (organisation):
 * - `round` (1 for the first) joins the enrolment's unique key, which becomes
 *   (user, course, scope, round) — uq_enrolments_user_course_scope_round;
 * - `renews_certificate_id` names the expiring certificate; its unique constraint is what makes
 *   exactly one renewal enrolment per certificate, whatever restarts or concurrent workers do
 *   (the sweep inserts with ON CONFLICT DO NOTHING);
 * - `due_on` is the enrolment's own due date (the old certificate's valid_until); null: the
 *   cohort's due date applies;
 * - `superseded_at` marks the earlier round once a renewal round exists: cohort counts and the
 *   learners table show each person once, by their newest round (the earlier round, its
 *   progress and its certificate stay as they were).
 * A 'renewal' reminder step: the e-mail telling the learner about the new round, once per renewal
 * enrolment (the partial unique index on (enrolment_id, step) already covers every step but 'manual').
 *
 * Employee number and class/ward: stored on the organisation membership (one person may have a
 * different number in each organisation), set by imports and the "add one person" form.
 */
export class RenewalRoundsAndMemberNumbers1795700000000 implements MigrationInterface {
  name = 'RenewalRoundsAndMemberNumbers1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE enrolments
        ADD COLUMN round integer NOT NULL DEFAULT 1 CONSTRAINT ck_enrolments_round CHECK (round >= 1),
        ADD COLUMN renews_certificate_id uuid CONSTRAINT fk_enrolments_renews_certificate REFERENCES certificates(id),
        ADD COLUMN due_on date,
        ADD COLUMN superseded_at timestamptz,
        ADD CONSTRAINT uq_enrolments_renews_certificate UNIQUE (renews_certificate_id),
        ADD CONSTRAINT ck_enrolments_renewal_round CHECK ((round = 1) = (renews_certificate_id IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX uq_enrolments_user_course_scope_round
          ON enrolments (user_id, course_id, (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)), round)`,
    );
    await q.query(`DROP INDEX uq_enrolments_user_course_scope`);
    // The renewal sweep reads valid certificates by expiry.
    await q.query(`CREATE INDEX ix_certificates_valid_until ON certificates (valid_until) WHERE status = 'valid' AND valid_until IS NOT NULL`);
    await q.query(`ALTER TABLE reminder_deliveries DROP CONSTRAINT ck_reminder_deliveries_step`);
    await q.query(`ALTER TABLE reminder_deliveries ADD CONSTRAINT ck_reminder_deliveries_step CHECK (step IN ('invitation','due_soon','overdue','manual','renewal'))`);
    await q.query(`
      ALTER TABLE memberships
        ADD COLUMN employee_number text CONSTRAINT ck_memberships_employee_number CHECK (char_length(employee_number) BETWEEN 1 AND 64),
        ADD COLUMN unit text CONSTRAINT ck_memberships_unit CHECK (char_length(unit) BETWEEN 1 AND 64)`);
    await q.query(`CREATE INDEX ix_memberships_employee_number ON memberships (organization_id, lower(employee_number)) WHERE employee_number IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE memberships DROP COLUMN employee_number, DROP COLUMN unit`);
    await q.query(`DELETE FROM reminder_deliveries WHERE step = 'renewal'`);
    await q.query(`ALTER TABLE reminder_deliveries DROP CONSTRAINT ck_reminder_deliveries_step`);
    await q.query(`ALTER TABLE reminder_deliveries ADD CONSTRAINT ck_reminder_deliveries_step CHECK (step IN ('invitation','due_soon','overdue','manual'))`);
    await q.query(`DROP INDEX ix_certificates_valid_until`);
    // Fails while renewal rounds exist: decide what becomes of them first.
    await q.query(
      `CREATE UNIQUE INDEX uq_enrolments_user_course_scope
          ON enrolments (user_id, course_id, (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)))`,
    );
    await q.query(`DROP INDEX uq_enrolments_user_course_scope_round`);
    await q.query(`
      ALTER TABLE enrolments DROP CONSTRAINT ck_enrolments_renewal_round, DROP CONSTRAINT uq_enrolments_renews_certificate,
        DROP COLUMN superseded_at, DROP COLUMN due_on, DROP COLUMN renews_certificate_id, DROP COLUMN round`);
  }
}

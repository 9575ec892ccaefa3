import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One enrolment per user, course AND organisation (issue 14, point 3).
 *
 * uq_enrolments_user_course allowed one enrolment per user and course, so enrolling an address
 * in a cohort of organisation B reused the enrolment organisation A owned: a withdrawn one was
 * reactivated and moved into B's cohort (A's progress, attempts and certificate with it), an
 * active one was reported to B as "already enrolled". Now each organisation has its own
 * enrolment; self-enrolment (organization_id NULL) is a scope of its own, written as the nil
 * UUID so that NULLs collide with each other (ON CONFLICT needs the same expression:
 * ENROLMENT_SCOPE in apps/api/src/learning/bulk/enrolment-writer.ts).
 *
 * Rows that satisfied (user_id, course_id) satisfy the wider key. An enrolment in a cohort whose
 * organization_id was left NULL (written directly in SQL) takes its cohort's organisation first,
 * the one the access rules already treat as its owner, so it is not mistaken for a
 * self-enrolment.
 * Organisations are never deleted by the application (certificates reference them without a
 * cascade); if one were, ON DELETE SET NULL would move its enrolments into the self-enrolment
 * scope and could collide there.
 *
 * down() fails while any user holds two enrolments of one course: decide which one goes first.
 */
export class EnrolmentPerOrganisation1795344500000 implements MigrationInterface {
  name = 'EnrolmentPerOrganisation1795344500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrolments DROP CONSTRAINT uq_enrolments_user_course`);
    await q.query(
      `UPDATE enrolments e SET organization_id = c.organization_id
         FROM cohorts c
        WHERE c.id = e.cohort_id AND e.organization_id IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_enrolments_user_course_scope
          ON enrolments (user_id, course_id, (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS uq_enrolments_user_course_scope`);
    await q.query(`ALTER TABLE enrolments ADD CONSTRAINT uq_enrolments_user_course UNIQUE (user_id, course_id)`);
  }
}

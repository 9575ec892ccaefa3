import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18, point 2: the managers' weekly digest per cohort goes out once per (cohort, manager,
 * week) — the unique key is what survives restarts and several workers — and a manager's
 * "remind" from the learners table is a reminder delivery of its own step ('manual'), which may
 * repeat (rate-limited by the API), while the scheduled steps stay once per learner.
 */
export class ManagerDigestsAndManualReminders1795530000000 implements MigrationInterface {
  name = 'ManagerDigestsAndManualReminders1795530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE manager_digest_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL CONSTRAINT fk_manager_digest_deliveries_cohort REFERENCES cohorts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_manager_digest_deliveries_user REFERENCES users(id) ON DELETE CASCADE,
        week_start date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        skipped_reason text,
        CONSTRAINT uq_manager_digest_deliveries_week UNIQUE (cohort_id, user_id, week_start)
      )`);
    await q.query(`CREATE INDEX ix_manager_digest_deliveries_user ON manager_digest_deliveries (user_id)`);
    await q.query(`ALTER TABLE reminder_deliveries DROP CONSTRAINT ck_reminder_deliveries_step`);
    await q.query(`ALTER TABLE reminder_deliveries ADD CONSTRAINT ck_reminder_deliveries_step CHECK (step IN ('invitation','due_soon','overdue','manual'))`);
    await q.query(`ALTER TABLE reminder_deliveries DROP CONSTRAINT uq_reminder_deliveries_step`);
    await q.query(`CREATE UNIQUE INDEX uq_reminder_deliveries_step ON reminder_deliveries (enrolment_id, step) WHERE step <> 'manual'`);
    await q.query(`CREATE INDEX ix_reminder_deliveries_manual ON reminder_deliveries (enrolment_id, created_at) WHERE step = 'manual'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM reminder_deliveries WHERE step = 'manual'`);
    await q.query(`DROP INDEX ix_reminder_deliveries_manual`);
    await q.query(`DROP INDEX uq_reminder_deliveries_step`);
    await q.query(`ALTER TABLE reminder_deliveries ADD CONSTRAINT uq_reminder_deliveries_step UNIQUE (enrolment_id, step)`);
    await q.query(`ALTER TABLE reminder_deliveries DROP CONSTRAINT ck_reminder_deliveries_step`);
    await q.query(`ALTER TABLE reminder_deliveries ADD CONSTRAINT ck_reminder_deliveries_step CHECK (step IN ('invitation','due_soon','overdue'))`);
    await q.query(`DROP TABLE manager_digest_deliveries`);
  }
}

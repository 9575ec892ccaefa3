import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and due dates (issue #18, point 2): a per-cohort schedule the manager can change or
 * switch off, one row per learner and step that makes every reminder go out exactly once (the
 * unique key survives restarts and at-least-once job delivery), and the learners who opted out
 * of reminders (mandatory notices are not affected).
 */
export class CohortReminders1795460000000 implements MigrationInterface {
  name = 'CohortReminders1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cohorts
      ADD COLUMN reminders_enabled boolean NOT NULL DEFAULT true,
      ADD COLUMN invitation_reminder_days integer DEFAULT 7
        CONSTRAINT ck_cohorts_invitation_reminder_days CHECK (invitation_reminder_days BETWEEN 1 AND 90),
      ADD COLUMN due_soon_days integer DEFAULT 7
        CONSTRAINT ck_cohorts_due_soon_days CHECK (due_soon_days BETWEEN 1 AND 90),
      ADD COLUMN overdue_reminder boolean NOT NULL DEFAULT true,
      ADD COLUMN weekly_digest boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE reminder_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL CONSTRAINT fk_reminder_deliveries_enrolment REFERENCES enrolments(id) ON DELETE CASCADE,
        step text NOT NULL CONSTRAINT ck_reminder_deliveries_step CHECK (step IN ('invitation','due_soon','overdue')),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        skipped_reason text,
        CONSTRAINT uq_reminder_deliveries_step UNIQUE (enrolment_id, step)
      )`);
    await q.query(`
      CREATE TABLE reminder_opt_outs (
        user_id uuid PRIMARY KEY CONSTRAINT fk_reminder_opt_outs_user REFERENCES users(id) ON DELETE CASCADE,
        opted_out_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_cohorts_reminders_due ON cohorts (due_on) WHERE reminders_enabled`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reminder_opt_outs`);
    await q.query(`DROP TABLE reminder_deliveries`);
    await q.query(`DROP INDEX IF EXISTS ix_cohorts_reminders_due`);
    await q.query(`ALTER TABLE cohorts DROP COLUMN reminders_enabled, DROP COLUMN invitation_reminder_days, DROP COLUMN due_soon_days,
      DROP COLUMN overdue_reminder, DROP COLUMN weekly_digest`);
  }
}

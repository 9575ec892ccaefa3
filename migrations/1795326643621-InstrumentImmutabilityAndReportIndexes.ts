import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-assessment and reports:
 * - an instrument version can never change once stored (a change is a new version): a trigger
 *   refuses UPDATE of its key, version, title or definition (DELETE of a version in use is
 *   already refused by the foreign keys of course_versions and self_assessment_responses);
 * - indexes for the cohort progress report's sort keys, so a page of a 100,000-learner cohort
 *   is read in index order.
 */
export class InstrumentImmutabilityAndReportIndexes1795326643621 implements MigrationInterface {
  name = 'InstrumentImmutabilityAndReportIndexes1795326643621';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION kindling_instruments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.key IS DISTINCT FROM OLD.key OR NEW.version IS DISTINCT FROM OLD.version
           OR NEW.title IS DISTINCT FROM OLD.title OR NEW.definition IS DISTINCT FROM OLD.definition THEN
          RAISE EXCEPTION 'instrument % version % is immutable: store a new version instead', OLD.key, OLD.version
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_instruments_immutable BEFORE UPDATE ON instruments
      FOR EACH ROW EXECUTE FUNCTION kindling_instruments_immutable()`);
    await q.query(`CREATE INDEX ix_sa_responses_instrument ON self_assessment_responses (instrument_id)`);
    // Scanned forwards for "desc" (nulls last) and backwards for "asc" (nulls first), the order the report uses.
    await q.query(`CREATE INDEX ix_enrolments_cohort_progress ON enrolments (cohort_id, progress_percent DESC NULLS LAST, id DESC)`);
    await q.query(`CREATE INDEX ix_enrolments_cohort_score ON enrolments (cohort_id, best_final_score DESC NULLS LAST, id DESC)`);
    await q.query(`CREATE INDEX ix_enrolments_cohort_activity ON enrolments (cohort_id, last_activity_at DESC NULLS LAST, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_enrolments_cohort_activity`);
    await q.query(`DROP INDEX IF EXISTS ix_enrolments_cohort_score`);
    await q.query(`DROP INDEX IF EXISTS ix_enrolments_cohort_progress`);
    await q.query(`DROP INDEX IF EXISTS ix_sa_responses_instrument`);
    await q.query(`DROP TRIGGER IF EXISTS tr_instruments_immutable ON instruments`);
    await q.query(`DROP FUNCTION IF EXISTS kindling_instruments_immutable()`);
  }
}

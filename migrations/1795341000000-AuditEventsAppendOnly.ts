import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is append-only: a trigger refuses every UPDATE and DELETE of audit_events
 * (row by row) and TRUNCATE (per statement), whoever runs it — the application's role
 * included, and whatever bug or injected SQL asks. Only a role that may change the table's
 * definition (its owner or a superuser) can get round it, and only on purpose:
 *
 *   ALTER TABLE audit_events DISABLE TRIGGER tr_audit_events_append_only;  -- e.g. legal erasure
 *   ... the change ...
 *   ALTER TABLE audit_events ENABLE TRIGGER tr_audit_events_append_only;
 *
 * (likewise tr_audit_events_no_truncate). In production run the API as a role that does not
 * own the tables, so it cannot do that either. Dropping the table (migrations' down) is not
 * affected.
 */
export class AuditEventsAppendOnly1795341000000 implements MigrationInterface {
  name = 'AuditEventsAppendOnly1795341000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION kindling_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION kindling_audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER tr_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION kindling_audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS tr_audit_events_no_truncate ON audit_events`);
    await q.query(`DROP TRIGGER IF EXISTS tr_audit_events_append_only ON audit_events`);
    await q.query(`DROP FUNCTION IF EXISTS kindling_audit_events_append_only()`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure of a person (issue 18 point 7): the account row stays as an anonymous tombstone
 * (its id keeps enrolments, certificates and append-only audit rows consistent) and says when
 * it was erased; a certificate says when its holder's data was erased (verification then shows
 * "holder's data erased" instead of a name). The retention sweep looks for withdrawn enrolments
 * by date.
 */
export class PersonalDataErasure1795540000000 implements MigrationInterface {
  name = 'PersonalDataErasure1795540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN erased_at timestamptz`);
    await q.query(`ALTER TABLE certificates ADD COLUMN holder_erased_at timestamptz`);
    await q.query(`CREATE INDEX ix_enrolments_withdrawn_at ON enrolments (withdrawn_at) WHERE withdrawn_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_audit_events_actor ON audit_events (actor_id, id DESC) WHERE actor_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_audit_events_actor`);
    await q.query(`DROP INDEX IF EXISTS ix_enrolments_withdrawn_at`);
    await q.query(`ALTER TABLE certificates DROP COLUMN IF EXISTS holder_erased_at`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS erased_at`);
  }
}

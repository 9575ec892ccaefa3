import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker's outbox relay deletes rows dispatched more than OUTBOX_RETENTION_HOURS ago; this
 * index lets it find them without scanning the table.
 */
export class OutboxDispatchedIndex1795343100000 implements MigrationInterface {
  name = 'OutboxDispatchedIndex1795343100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_outbox_dispatched ON outbox (dispatched_at) WHERE dispatched_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_outbox_dispatched`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The certificate sweep walks completed enrolments by completion time, every few seconds. */
export class CertificateSweepIndex1795327890238 implements MigrationInterface {
  name = 'CertificateSweepIndex1795327890238';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_enrolments_completed_at ON enrolments (completed_at) WHERE status = 'completed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_enrolments_completed_at`);
  }
}

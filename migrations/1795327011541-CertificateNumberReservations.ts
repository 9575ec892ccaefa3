import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A certificate number is reserved for one enrolment in a short transaction of its own, before
 * the PDF is rendered; the issuing transaction then uses it. The per-year counter is locked
 * only for that short transaction (not for the render), and a failed or killed issue is
 * retried with the same number, so numbers stay sequential per year without gaps.
 */
export class CertificateNumberReservations1795327011541 implements MigrationInterface {
  name = 'CertificateNumberReservations1795327011541';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificate_number_reservations (
        enrolment_id uuid PRIMARY KEY CONSTRAINT fk_certificate_number_reservations_enrolment REFERENCES enrolments(id) ON DELETE CASCADE,
        number text NOT NULL CONSTRAINT uq_certificate_number_reservations_number UNIQUE,
        reserved_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate_number_reservations`);
  }
}

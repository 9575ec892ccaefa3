import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * reserve_certificate_number(enrolment, year): the enrolment's certificate number, reserved on
 * first call (next value of the year's counter) and returned unchanged afterwards. One
 * statement, so the year's counter row is locked only while the server runs it — never
 * while a worker's event loop is busy rendering another PDF. Each statement inside sees
 * what committed before it (READ COMMITTED), so a duplicate call that waited for the
 * enrolment lock finds the reservation instead of taking a second number: no gaps.
 */
export class ReserveCertificateNumberFunction1795328351934 implements MigrationInterface {
  name = 'ReserveCertificateNumberFunction1795328351934';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION reserve_certificate_number(p_enrolment uuid, p_year integer) RETURNS text
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_number text;
        v_value integer;
      BEGIN
        PERFORM 1 FROM enrolments WHERE id = p_enrolment FOR UPDATE;
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        SELECT number INTO v_number FROM certificate_number_reservations WHERE enrolment_id = p_enrolment;
        IF v_number IS NOT NULL THEN
          RETURN v_number;
        END IF;
        INSERT INTO certificate_number_counters (year, last_value) VALUES (p_year, 1)
          ON CONFLICT (year) DO UPDATE SET last_value = certificate_number_counters.last_value + 1
          RETURNING last_value INTO v_value;
        v_number := 'KND-' || p_year || '-' || lpad(v_value::text, 6, '0');
        INSERT INTO certificate_number_reservations (enrolment_id, number) VALUES (p_enrolment, v_number);
        RETURN v_number;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION reserve_certificate_number(uuid, integer)`);
  }
}

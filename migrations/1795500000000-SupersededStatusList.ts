import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second Bitstring Status List per issuer (issue #16 point 3): statusPurpose "message" with the
 * messages 0x0 "valid" and 0x1 "superseded". A re-issue sets the replaced credentials' bits here,
 * so a wallet reads "superseded" — what Kindling's verification page says — instead of "revoked".
 * Same size and same index as the revocation list (one allocation serves both lists).
 */
export class SupersededStatusList1795500000000 implements MigrationInterface {
  name = 'SupersededStatusList1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credential_status_lists
        ADD COLUMN superseded_bits bytea NOT NULL DEFAULT decode(repeat('00', 16384), 'hex'),
        ADD COLUMN superseded_version integer NOT NULL DEFAULT 0,
        ADD COLUMN superseded_signed_json text,
        ADD COLUMN superseded_signed_version integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credential_status_lists
        DROP COLUMN IF EXISTS superseded_signed_version,
        DROP COLUMN IF EXISTS superseded_signed_json,
        DROP COLUMN IF EXISTS superseded_version,
        DROP COLUMN IF EXISTS superseded_bits`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed Open Badges 3.0 credentials (issue #16): per-issuer Ed25519 keys (secret half sealed
 * under SECRETS_KEY; retired keys are kept so old credentials keep verifying), one Bitstring
 * Status List per issuer, the signed credential stored with each certificate document, and a
 * certificate validity period on the course version (→ certificates.valid_until at issue).
 * An issuer is an organisation id, or 'kindling' for certificates without an organisation.
 */
export class SignedCredentials1795410000000 implements MigrationInterface {
  name = 'SignedCredentials1795410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE course_versions ADD COLUMN certificate_validity_months integer
         CONSTRAINT ck_course_versions_validity CHECK (certificate_validity_months IS NULL OR certificate_validity_months BETWEEN 1 AND 600)`,
    );
    await q.query(`ALTER TABLE certificates ADD COLUMN valid_until timestamptz`);
    await q.query(`ALTER TABLE certificate_documents ADD COLUMN credential_json text, ADD COLUMN status_index integer`);
    await q.query(`
      CREATE TABLE issuer_keys (
        issuer text NOT NULL,
        key_number integer NOT NULL CONSTRAINT ck_issuer_keys_number CHECK (key_number > 0),
        public_key_multibase text NOT NULL,
        sealed_secret_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        CONSTRAINT pk_issuer_keys PRIMARY KEY (issuer, key_number)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_issuer_keys_active ON issuer_keys (issuer) WHERE retired_at IS NULL`);
    await q.query(`
      CREATE TABLE credential_status_lists (
        issuer text PRIMARY KEY,
        bits bytea NOT NULL,
        next_index integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 0,
        signed_json text,
        signed_version integer
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS credential_status_lists`);
    await q.query(`DROP TABLE IF EXISTS issuer_keys`);
    await q.query(`ALTER TABLE certificate_documents DROP COLUMN IF EXISTS status_index, DROP COLUMN IF EXISTS credential_json`);
    await q.query(`ALTER TABLE certificates DROP COLUMN IF EXISTS valid_until`);
    await q.query(`ALTER TABLE course_versions DROP COLUMN IF EXISTS certificate_validity_months`);
  }
}

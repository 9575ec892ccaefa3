import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuer branding (issue #16 point 7).
 * - branding_versions: immutable snapshots of an organisation's face on certificates (logo,
 *   signatory, signature image, accent colour). Every change inserts a new row; the newest one is
 *   the current branding. Images are stored already sanitised (raster PNG/JPEG, sRGB, no metadata).
 * - certificates.branding_version_id: the snapshot captured when the certificate was first issued;
 *   re-issues keep it unless the manager asked for the current branding
 *   (certificate_reissues.use_current_branding).
 */
export class IssuerBranding1795420000000 implements MigrationInterface {
  name = 'IssuerBranding1795420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE branding_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT fk_branding_versions_organization REFERENCES organizations(id) ON DELETE CASCADE,
        logo bytea CONSTRAINT ck_branding_versions_logo_size CHECK (logo IS NULL OR octet_length(logo) <= 1048576),
        logo_mime text CONSTRAINT ck_branding_versions_logo_mime CHECK (logo_mime IN ('image/png','image/jpeg')),
        signatory_name text CONSTRAINT ck_branding_versions_signatory_name CHECK (signatory_name IS NULL OR char_length(signatory_name) BETWEEN 1 AND 120),
        signatory_title text CONSTRAINT ck_branding_versions_signatory_title CHECK (signatory_title IS NULL OR char_length(signatory_title) BETWEEN 1 AND 120),
        signature bytea CONSTRAINT ck_branding_versions_signature_size CHECK (signature IS NULL OR octet_length(signature) <= 1048576),
        signature_mime text CONSTRAINT ck_branding_versions_signature_mime CHECK (signature_mime IN ('image/png','image/jpeg')),
        accent_color text CONSTRAINT ck_branding_versions_accent CHECK (accent_color IS NULL OR accent_color ~ '^#[0-9a-f]{6}$'),
        created_by uuid CONSTRAINT fk_branding_versions_creator REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT ck_branding_versions_logo_pair CHECK ((logo IS NULL) = (logo_mime IS NULL)),
        CONSTRAINT ck_branding_versions_signature_pair CHECK ((signature IS NULL) = (signature_mime IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_branding_versions_current ON branding_versions (organization_id, created_at DESC, id DESC)`);
    await q.query(`
      ALTER TABLE certificates ADD COLUMN branding_version_id uuid
        CONSTRAINT fk_certificates_branding_version REFERENCES branding_versions(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX ix_certificates_branding_version ON certificates (branding_version_id) WHERE branding_version_id IS NOT NULL`);
    await q.query(`ALTER TABLE certificate_reissues ADD COLUMN use_current_branding boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificate_reissues DROP COLUMN use_current_branding`);
    await q.query(`ALTER TABLE certificates DROP COLUMN branding_version_id`);
    await q.query(`DROP TABLE branding_versions`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The issuer's contact e-mail and website (issue #16 point 1), kept with the rest of the branding
 * (each save is a new immutable branding version). The public issuer Profile shows them; the
 * website is https only.
 */
export class IssuerContact1795425000000 implements MigrationInterface {
  name = 'IssuerContact1795425000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE branding_versions
        ADD COLUMN contact_email text CONSTRAINT ck_branding_versions_contact_email CHECK (contact_email IS NULL OR (char_length(contact_email) BETWEEN 3 AND 254 AND contact_email LIKE '%_@_%')),
        ADD COLUMN website_url text CONSTRAINT ck_branding_versions_website_url CHECK (website_url IS NULL OR (char_length(website_url) <= 2000 AND website_url LIKE 'https://%'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE branding_versions DROP COLUMN website_url, DROP COLUMN contact_email`);
  }
}

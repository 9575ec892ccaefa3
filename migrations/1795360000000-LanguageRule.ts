import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language rule (issue #17): an organisation may have a default language, and an account
 * records whether its language was chosen explicitly (by the person, or for a new account by
 * the inviter's CSV column) or is only a default that later defaults may replace.
 */
export class LanguageRule1795360000000 implements MigrationInterface {
  name = 'LanguageRule1795360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organizations ADD COLUMN default_locale text
         CONSTRAINT ck_organizations_default_locale CHECK (default_locale IN ('en','it','de','fr'))`,
    );
    await q.query(`ALTER TABLE users ADD COLUMN locale_chosen boolean NOT NULL DEFAULT false`);
    // Accounts that already have a language other than the old silent default chose it somehow.
    await q.query(`UPDATE users SET locale_chosen = true WHERE locale <> 'en'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN locale_chosen`);
    await q.query(`ALTER TABLE organizations DROP COLUMN default_locale`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (issue #15, point 4): the provider's refresh token of an external session,
 * stored only sealed (AES-256-GCM under SECRETS_KEY). Kindling's refresh uses it to ask the
 * provider whether the person may still sign in (a refresh-token grant); rotated tokens replace it.
 */
export class SsoProviderRefreshToken1795400000001 implements MigrationInterface {
  name = 'SsoProviderRefreshToken1795400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE external_sessions ADD COLUMN provider_refresh_sealed text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE external_sessions DROP COLUMN provider_refresh_sealed`);
  }
}

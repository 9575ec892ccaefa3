import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Instruments belong to their owners: one row per instrument key names who may publish new
 * versions of it. The owner is the creator of the key's first version; NULL means platform
 * admins only (Kindling's shipped instrument, whose first version the application stored
 * itself, and keys whose first author's account is gone).
 */
export class InstrumentKeyOwners1795343000000 implements MigrationInterface {
  name = 'InstrumentKeyOwners1795343000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE instrument_keys (
        key text PRIMARY KEY,
        owner_id uuid CONSTRAINT fk_instrument_keys_owner REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Backfill: the creator of each key's first version (whoever published later versions).
    await q.query(`
      INSERT INTO instrument_keys (key, owner_id, created_at)
      SELECT DISTINCT ON (key) key, created_by, created_at FROM instruments ORDER BY key, version`);
    await q.query(`CREATE INDEX ix_instrument_keys_owner ON instrument_keys (owner_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS instrument_keys`);
  }
}

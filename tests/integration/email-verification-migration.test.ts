import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDataSource, ensureDatabase, runMigrations } from '@kindling/db';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { EmailVerificationAndTokenReferences1795340000000 as Migration } from '../../migrations/1795340000000-EmailVerificationAndTokenReferences.js';

/**
 * The migration that adds users.email_verified_at marks as verified only the accounts that
 * proved their address: a used invitation or password-reset link, and platform admins. A
 * self-registration nobody checked stays unverified. Runs on a database of its own.
 */
describe('migration: which existing accounts count as verified', () => {
  const base = process.env.DATABASE_URL!;
  const url = new URL(base);
  const dbName = `${url.pathname.slice(1)}_mig_${Date.now().toString(36)}`;
  url.pathname = `/${dbName}`;
  let ds: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url.toString());
    await runMigrations(url.toString());
    ds = createDataSource({ databaseUrl: url.toString(), poolSize: 2, applicationName: 'kindling-migration-test' });
    await ds.initialize();
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.end();
  });

  it('verifies invitation-accepted, reset-used and admin accounts only, and turns old e-mail rows into references without secrets', async () => {
    const runner = ds.createQueryRunner();
    try {
      await new Migration().down(runner);
      const user = async (email: string | null, opts: { password?: boolean; admin?: boolean; pupil?: boolean } = {}) => {
        const rows: { id: string }[] = await runner.query(
          `INSERT INTO users (email, username, name, password_hash, platform_roles, is_pupil) VALUES ($1, $2, 'X', $3, $4, $5) RETURNING id`,
          [email, email ? null : `pupil-${Date.now()}`, opts.password === false ? null : '$argon2id$x', opts.admin ? ['admin'] : [], opts.pupil ?? false],
        );
        return rows[0]!.id;
      };
      const token = async (userId: string, kind: string, used: boolean) =>
        runner.query(
          `INSERT INTO one_time_tokens (kind, user_id, token_hash, expires_at, used_at) VALUES ($1, $2, md5(random()::text), now() + interval '1 day', CASE WHEN $3 THEN now() END)`,
          [kind, userId, used],
        );
      const selfRegistered = await user('self@example.test');
      const accepted = await user('accepted@example.test');
      await token(accepted, 'invitation', true);
      const resetUsed = await user('reset@example.test');
      await token(resetUsed, 'password_reset', true);
      const resetPending = await user('pending-reset@example.test');
      await token(resetPending, 'password_reset', false);
      const invitedOnly = await user('invited@example.test', { password: false });
      await token(invitedOnly, 'invitation', false);
      const admin = await user('admin@example.test', { admin: true });
      const pupil = await user(null, { pupil: true, password: false });

      // E-mails in the old form: the live link in the payload, one relayed and one not.
      const legacy = async (userId: string, kind: string, dispatched: boolean) => {
        const rows: { id: string }[] = await runner.query(
          `INSERT INTO one_time_tokens (kind, user_id, token_hash, expires_at) VALUES ($1, $2, md5(random()::text), now() + interval '1 day') RETURNING id`,
          [kind, userId],
        );
        await runner.query(
          `INSERT INTO outbox (topic, dedupe_key, payload, dispatched_at) VALUES ('email.send', $1, $2, CASE WHEN $3 THEN now() END)`,
          [rows[0]!.id, JSON.stringify({ to: 'x@example.test', subject: 'S', text: 'http://h/invitations/LIVE-SECRET' }), dispatched],
        );
        return rows[0]!.id;
      };
      const queuedToken = await legacy(invitedOnly, 'invitation', false);
      const sentToken = await legacy(resetPending, 'password_reset', true);

      await new Migration().up(runner);
      const outbox: { dedupe_key: string; payload: Record<string, unknown> }[] = await runner.query(`SELECT dedupe_key, payload FROM outbox WHERE topic = 'email.send'`);
      expect(JSON.stringify(outbox)).not.toContain('LIVE-SECRET');
      expect(outbox.find((o) => o.dedupe_key === queuedToken)!.payload).toEqual({ kind: 'invitation', tokenId: queuedToken, locale: 'en' });
      const hashes: { id: string; minted: boolean }[] = await runner.query(`SELECT id, token_hash IS NOT NULL AS minted FROM one_time_tokens WHERE id = ANY($1::uuid[])`, [[queuedToken, sentToken]]);
      // not relayed yet: the worker will mint a new secret; already sent: the e-mailed link keeps working
      expect(Object.fromEntries(hashes.map((h) => [h.id, h.minted]))).toEqual({ [queuedToken]: false, [sentToken]: true });
      const rows: { id: string; verified: boolean }[] = await runner.query(`SELECT id, email_verified_at IS NOT NULL AS verified FROM users`);
      const verified = new Map(rows.map((r) => [r.id, r.verified]));
      expect(verified.get(selfRegistered)).toBe(false);
      expect(verified.get(accepted)).toBe(true);
      expect(verified.get(resetUsed)).toBe(true);
      expect(verified.get(resetPending)).toBe(false);
      expect(verified.get(invitedOnly)).toBe(false);
      expect(verified.get(admin)).toBe(true);
      expect(verified.get(pupil)).toBe(false);
      // Link tokens may now start unminted, and e-mail verification is a kind of its own.
      await runner.query(`INSERT INTO one_time_tokens (kind, user_id, token_hash, expires_at) VALUES ('email_verification', $1, NULL, now())`, [selfRegistered]);
    } finally {
      await runner.release();
    }
  });
});

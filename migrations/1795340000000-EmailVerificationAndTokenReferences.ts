import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail ownership and link tokens that are minted by the worker (issue #14, points 1 and 6).
 *
 * - users.email_verified_at: when the holder of the account proved they receive mail at its
 *   address (verification link, accepted invitation, completed password reset). Organisations
 *   never bind to an account whose address was not proven.
 * - one_time_tokens.token_hash is NULL until the e-mail worker mints the secret, exactly once,
 *   while building the e-mail: the outbox row and the queue job carry only the token id.
 * - a new kind, 'email_verification'.
 *
 * Outbox e-mail rows of the old form ({to, subject, text} with the live link) are rewritten to
 * references; those not yet relayed get their secret taken back, so the worker mints a new one.
 *
 * Existing accounts: only those that proved the address are marked verified — a used
 * invitation or password-reset link, and platform admins (created by the operator's
 * configuration or promoted by another admin). Every other account with a password is a
 * self-registration whose address nobody checked: it stays unverified (it can still sign in
 * and ask for a verification link).
 */
export class EmailVerificationAndTokenReferences1795340000000 implements MigrationInterface {
  name = 'EmailVerificationAndTokenReferences1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`);
    await q.query(
      `UPDATE users u SET email_verified_at = now()
        WHERE u.email IS NOT NULL
          AND ('admin' = ANY(u.platform_roles)
               OR EXISTS (SELECT 1 FROM one_time_tokens t
                           WHERE t.user_id = u.id AND t.used_at IS NOT NULL AND t.kind IN ('invitation', 'password_reset')))`,
    );
    await q.query(`ALTER TABLE one_time_tokens ALTER COLUMN token_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE one_time_tokens DROP CONSTRAINT ck_one_time_tokens_kind`);
    await q.query(
      `ALTER TABLE one_time_tokens ADD CONSTRAINT ck_one_time_tokens_kind CHECK (kind IN ('invitation','password_reset','email_verification'))`,
    );
    await q.query(`CREATE INDEX ix_one_time_tokens_user_kind ON one_time_tokens (user_id, kind) WHERE used_at IS NULL`);

    // E-mails written before this migration carry the address, the text and the live link in
    // outbox.payload (dedupe_key = the token id). Those not relayed yet: their secret is taken
    // back (token_hash NULL) so the worker mints a new one when it sends them. Every such row,
    // relayed or not, is rewritten to the reference form, so no live secret stays at rest.
    await q.query(
      `UPDATE one_time_tokens t SET token_hash = NULL
         FROM outbox o
        WHERE o.topic = 'email.send' AND o.payload ? 'text' AND o.dispatched_at IS NULL
          AND o.dedupe_key = t.id::text AND t.used_at IS NULL`,
    );
    await q.query(
      `UPDATE outbox o SET payload = coalesce(
           (SELECT jsonb_build_object('kind', t.kind, 'tokenId', t.id, 'locale', u.locale)
              FROM one_time_tokens t JOIN users u ON u.id = t.user_id WHERE t.id::text = o.dedupe_key),
           '{}'::jsonb)
        WHERE o.topic = 'email.send' AND o.payload ? 'text'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_one_time_tokens_user_kind`);
    await q.query(`DELETE FROM one_time_tokens WHERE kind = 'email_verification' OR token_hash IS NULL`);
    await q.query(`ALTER TABLE one_time_tokens DROP CONSTRAINT ck_one_time_tokens_kind`);
    await q.query(`ALTER TABLE one_time_tokens ADD CONSTRAINT ck_one_time_tokens_kind CHECK (kind IN ('invitation','password_reset'))`);
    await q.query(`ALTER TABLE one_time_tokens ALTER COLUMN token_hash SET NOT NULL`);
    await q.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}

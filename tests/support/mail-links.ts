import { OneTimeTokensRepository } from '@kindling/db';
import type { EmailKind } from '@kindling/queue';
import type { DataSource } from 'typeorm';
import { linkPath } from '../../apps/worker/src/email/email-texts.js';
import { mintLink } from '../../apps/worker/src/email/link-minter.js';

/**
 * For tests that need the link an e-mail would carry without running SMTP: mints the newest
 * unminted token of that kind for the address exactly as the e-mail worker does (once; the
 * secret is nowhere at rest) and returns the full link. Fails when the worker minted it first.
 */
export async function mintLinkFor(db: DataSource, publicUrl: string, email: string, kind: EmailKind): Promise<string> {
  const rows: { id: string }[] = await db.query(
    `SELECT t.id FROM one_time_tokens t JOIN users u ON u.id = t.user_id
      WHERE lower(u.email) = lower($1) AND t.kind = $2 AND t.token_hash IS NULL AND t.used_at IS NULL
      ORDER BY t.created_at DESC LIMIT 1`,
    [email, kind],
  );
  if (!rows[0]) throw new Error(`no unminted ${kind} token for ${email}`);
  const minted = await mintLink(new OneTimeTokensRepository(db), rows[0].id);
  if (!minted) throw new Error(`the ${kind} token for ${email} was minted meanwhile`);
  return `${publicUrl}${linkPath(kind, minted.token)}`;
}

import { rowsOf } from '@kindling/db';
import { hashToken, newSecretToken } from '@kindling/domain';
import type { EmailKind } from '@kindling/queue';
import type { DataSource } from 'typeorm';

export interface MintedLink {
  token: string;
  kind: EmailKind;
  email: string;
  name: string;
  organizationName: string | null;
}


/**
 * Mints the secret of a link token exactly once. The API wrote the one_time_tokens row with
 * token_hash NULL; the first job run that gets here stores the hash of a fresh secret and
 * receives the secret to put in the e-mail. A job delivered again (BullMQ is at-least-once)
 * finds the token already minted (or used, or expired) and gets null: it must not send a
 * second live link. The secret exists only in this process's memory and in the e-mail.
 */
export async function mintLink(ds: DataSource, tokenId: string): Promise<MintedLink | null> {
  const token = newSecretToken();
  const rows = rowsOf<{ kind: EmailKind; email: string | null; name: string; organization_name: string | null }>(
    await ds.query(
      `UPDATE one_time_tokens t SET token_hash = $2
         FROM users u
        WHERE t.id = $1 AND u.id = t.user_id
          AND t.token_hash IS NULL AND t.used_at IS NULL AND t.expires_at > now()
        RETURNING t.kind, u.email, u.name, (SELECT o.name FROM organizations o WHERE o.id = t.organization_id) AS organization_name`,
      [tokenId, hashToken(token)],
    ),
  );
  const row = rows[0];
  if (!row || !row.email) return null;
  return { token, kind: row.kind, email: row.email, name: row.name, organizationName: row.organization_name };
}

/**
 * Takes a minted secret back when its e-mail could not be sent, so that a retry mints a new
 * one (the old link, never delivered, stops working).
 */
export async function unmintLink(ds: DataSource, tokenId: string, token: string): Promise<void> {
  await ds.query(`UPDATE one_time_tokens SET token_hash = NULL WHERE id = $1 AND token_hash = $2 AND used_at IS NULL`, [tokenId, hashToken(token)]);
}

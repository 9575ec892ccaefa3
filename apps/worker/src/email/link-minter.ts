import type { OneTimeTokensRepository } from '@kindling/db';
import { hashToken, newSecretToken } from '@kindling/domain';
import type { EmailKind } from '@kindling/queue';

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
export async function mintLink(tokens: OneTimeTokensRepository, tokenId: string): Promise<MintedLink | null> {
  const token = newSecretToken();
  const row = await tokens.mint(tokenId, hashToken(token));
  if (!row || !row.email) return null;
  return { token, kind: row.kind, email: row.email, name: row.name, organizationName: row.organizationName };
}

/**
 * Takes a minted secret back when its e-mail could not be sent, so that a retry mints a new
 * one (the old link, never delivered, stops working).
 */
export async function unmintLink(tokens: OneTimeTokensRepository, tokenId: string, token: string): Promise<void> {
  await tokens.unmint(tokenId, hashToken(token));
}

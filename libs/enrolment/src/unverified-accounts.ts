import type { EntityManager } from 'typeorm';
import { queryRows } from '@kindling/db';

/**
 * Before an organisation binds to an account by e-mail (a membership, an enrolment), an account
 * whose address nobody proved — self-registered, never verified — is turned back into an
 * invited account in the caller's transaction: its password is cleared, every session
 * (refresh-token family, hence every access token naming it) is revoked and its pending
 * verification and reset links stop working. The caller then sends an invitation to the
 * address: only whoever reads that mailbox can accept it, choose a password and use the
 * account. Accounts that were already invited (no password yet) need no reset. The name the
 * holder chose is replaced by the one the organisation gave (else the address's local part), so
 * the invitation and the member list never show a squatter's text.
 *
 * Returns the accounts that were reset, with what an invitation needs.
 */
export async function releaseUnverifiedAccounts(
  em: EntityManager,
  accounts: { id: string; name?: string | null }[],
): Promise<{ id: string; email: string; name: string }[]> {
  if (accounts.length === 0) return [];
  const released = await queryRows<{ id: string; email: string; name: string }>(
    em,
    `UPDATE users u SET password_hash = NULL, name = coalesce(nullif(btrim(a.name), ''), split_part(u.email, '@', 1)), updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS a(id, name)
      WHERE u.id = a.id AND u.email IS NOT NULL AND NOT u.is_pupil
        AND u.email_verified_at IS NULL AND u.password_hash IS NOT NULL
      RETURNING u.id, u.email, u.name`,
    [accounts.map((a) => a.id), accounts.map((a) => a.name ?? null)],
  );
  if (released.length === 0) return [];
  const ids = released.map((r) => r.id);
  await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL`, [ids]);
  await em.query(
    `UPDATE one_time_tokens SET used_at = now()
      WHERE user_id = ANY($1::uuid[]) AND kind IN ('email_verification', 'password_reset') AND used_at IS NULL`,
    [ids],
  );
  return released;
}

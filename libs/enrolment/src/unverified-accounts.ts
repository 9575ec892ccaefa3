import { Injectable } from '@nestjs/common';
import { OneTimeTokensRepository, SessionsRepository, SessionVersions, UsersRepository } from '@kindling/db';
import type { EntityManager } from 'typeorm';

export interface ReleasedAccount {
  id: string;
  email: string;
  name: string;
}

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
 */
@Injectable()
export class UnverifiedAccounts {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly linkTokens: OneTimeTokensRepository,
    private readonly versions: SessionVersions,
  ) {}

  /** Returns the accounts that were reset, with what an invitation needs. */
  async release(em: EntityManager, accounts: { id: string; name?: string | null }[]): Promise<ReleasedAccount[]> {
    if (accounts.length === 0) return [];
    const released = await this.users.resetUnverified(accounts, em);
    if (released.length === 0) return [];
    const ids = released.map((r) => r.id);
    await this.versions.sessionsRevoked(await this.sessions.revokeAllOfUsers(ids, em));
    await this.linkTokens.retireVerificationAndResetLinks(ids, em);
    return released;
  }
}

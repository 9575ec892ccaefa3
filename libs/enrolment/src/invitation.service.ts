import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OneTimeTokensRepository, type TokenLifetime } from '@kindling/db';
import { EMAIL_VERIFICATION_TTL_HOURS, INVITATION_TTL_DAYS, PASSWORD_RESET_TTL_MINUTES } from '@kindling/domain';
import { JobName, type EmailJobPayload, type EmailKind } from '@kindling/queue';
import type { EntityManager } from 'typeorm';

export interface Invite {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
}

export { EMAIL_VERIFICATION_TTL_HOURS, INVITATION_TTL_DAYS, PASSWORD_RESET_TTL_MINUTES };

/**
 * Single-use, expiring invitation, password-reset and e-mail-verification links. Everything
 * happens in the caller's transaction: the token rows and one outbox row per e-mail (topic
 * `email.send`, dedupe key = the token id), so an e-mail is sent exactly when the token exists.
 * Set-based, so a CSV of thousands invites in a few statements.
 *
 * No secret is created here: a token row starts with `token_hash` NULL and the outbox row
 * (hence the BullMQ job) carries only `{kind, tokenId, locale}`. The e-mail worker mints the
 * secret once, while building the e-mail, and only its hash is stored (see
 * apps/worker/src/email/link-minter.ts).
 */
@Injectable()
export class InvitationService {
  constructor(private readonly tokens: OneTimeTokensRepository) {}

  async inviteMany(em: EntityManager, invites: Invite[], actorId: string | null): Promise<{ userId: string; tokenId: string }[]> {
    if (invites.length === 0) return [];
    const issued = invites.map((invite) => ({ invite, tokenId: randomUUID() }));
    await this.tokens.insertInvitations(
      issued.map((i) => ({ id: i.tokenId, userId: i.invite.userId, organizationId: i.invite.organizationId })),
      INVITATION_TTL_DAYS,
      em,
    );
    await this.writeEmails(em, 'invitation', issued.map((i) => i.tokenId));
    void actorId; // the caller records the audit event that names the actor
    return issued.map((i) => ({ userId: i.invite.userId, tokenId: i.tokenId }));
  }

  async createPasswordReset(em: EntityManager, user: { id: string }): Promise<string> {
    return this.createOne(em, 'password_reset', user.id, { minutes: PASSWORD_RESET_TTL_MINUTES });
  }

  /** A fresh verification link; earlier unused ones stop working (only the newest e-mail counts). */
  async createEmailVerification(em: EntityManager, user: { id: string }): Promise<string> {
    await this.tokens.retireOpen(user.id, 'email_verification', em);
    return this.createOne(em, 'email_verification', user.id, { hours: EMAIL_VERIFICATION_TTL_HOURS });
  }

  private async createOne(em: EntityManager, kind: EmailKind, userId: string, ttl: TokenLifetime): Promise<string> {
    const tokenId = await this.tokens.insert(kind, userId, ttl, em);
    await this.writeEmails(em, kind, [tokenId]);
    return tokenId;
  }

  /** One outbox row per token: `{kind, tokenId, locale}` — the locale read from the recipient's account. */
  private async writeEmails(em: EntityManager, kind: EmailKind, tokenIds: string[]): Promise<void> {
    await this.tokens.writeEmailOutbox(JobName.SendEmail, kind, tokenIds, em);
  }
}

export type { EmailJobPayload };

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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
  async inviteMany(em: EntityManager, invites: Invite[], actorId: string | null): Promise<{ userId: string; tokenId: string }[]> {
    if (invites.length === 0) return [];
    const issued = invites.map((invite) => ({ invite, tokenId: randomUUID() }));
    await em.query(
      `INSERT INTO one_time_tokens (id, kind, user_id, organization_id, token_hash, expires_at)
       SELECT t.id, 'invitation', t.user_id, t.organization_id, NULL, now() + make_interval(days => $4)
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS t(id, user_id, organization_id)`,
      [issued.map((i) => i.tokenId), issued.map((i) => i.invite.userId), issued.map((i) => i.invite.organizationId), INVITATION_TTL_DAYS],
    );
    await this.writeEmails(em, 'invitation', issued.map((i) => i.tokenId));
    void actorId; // the caller records the audit event that names the actor
    return issued.map((i) => ({ userId: i.invite.userId, tokenId: i.tokenId }));
  }

  async createPasswordReset(em: EntityManager, user: { id: string }): Promise<string> {
    return this.createOne(em, 'password_reset', user.id, `make_interval(mins => ${PASSWORD_RESET_TTL_MINUTES})`);
  }

  /** A fresh verification link; earlier unused ones stop working (only the newest e-mail counts). */
  async createEmailVerification(em: EntityManager, user: { id: string }): Promise<string> {
    await em.query(
      `UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND kind = 'email_verification' AND used_at IS NULL`,
      [user.id],
    );
    return this.createOne(em, 'email_verification', user.id, `make_interval(hours => ${EMAIL_VERIFICATION_TTL_HOURS})`);
  }

  private async createOne(em: EntityManager, kind: EmailKind, userId: string, ttl: string): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO one_time_tokens (kind, user_id, token_hash, expires_at) VALUES ($1, $2, NULL, now() + ${ttl}) RETURNING id`,
      [kind, userId],
    );
    const tokenId = rows[0]!.id;
    await this.writeEmails(em, kind, [tokenId]);
    return tokenId;
  }

  /** One outbox row per token: `{kind, tokenId, locale}` — the locale read from the recipient's account. */
  private async writeEmails(em: EntityManager, kind: EmailKind, tokenIds: string[]): Promise<void> {
    await em.query(
      `INSERT INTO outbox (topic, dedupe_key, payload)
       SELECT $1, t.id::text, jsonb_build_object('kind', $2::text, 'tokenId', t.id, 'locale', u.locale)
         FROM one_time_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.id = ANY($3::uuid[])
       ON CONFLICT ON CONSTRAINT uq_outbox_topic_key DO NOTHING`,
      [JobName.SendEmail, kind, tokenIds],
    );
  }
}

export type { EmailJobPayload };

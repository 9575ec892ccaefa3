import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { JobName, type JobPayloads } from '@kindling/queue';
import type { EntityManager } from 'typeorm';
import { hashToken, newSecretToken } from './one-time-token.js';

export interface Invite {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
}

export const INVITATION_TTL_DAYS = 7;
export const PASSWORD_RESET_TTL_MINUTES = 60;

type EmailPayload = JobPayloads[typeof JobName.SendEmail];

/**
 * Single-use, expiring invitation and password-reset links. Everything happens in the
 * caller's transaction: the token rows and one outbox row per e-mail (topic
 * `email.send`, dedupe key = the token id), so an e-mail is sent exactly when the
 * invitation exists. Set-based, so a CSV of thousands invites in a few statements.
 */
@Injectable()
export class InvitationService {
  constructor(@Inject(KINDLING_CONFIG) private readonly config: KindlingConfig) {}

  async inviteMany(em: EntityManager, invites: Invite[], actorId: string | null): Promise<{ userId: string; tokenId: string }[]> {
    if (invites.length === 0) return [];
    const issued = invites.map((invite) => ({ invite, tokenId: randomUUID(), token: newSecretToken() }));
    await em.query(
      `INSERT INTO one_time_tokens (id, kind, user_id, organization_id, token_hash, expires_at)
       SELECT t.id, 'invitation', t.user_id, t.organization_id, t.token_hash, now() + make_interval(days => $5)
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) AS t(id, user_id, organization_id, token_hash)`,
      [
        issued.map((i) => i.tokenId),
        issued.map((i) => i.invite.userId),
        issued.map((i) => i.invite.organizationId),
        issued.map((i) => hashToken(i.token)),
        INVITATION_TTL_DAYS,
      ],
    );
    const orgNames = await this.organizationNames(em, [...new Set(invites.map((i) => i.organizationId))]);
    await this.writeEmails(
      em,
      issued.map((i) => ({
        key: i.tokenId,
        payload: this.invitationEmail(i.invite, orgNames.get(i.invite.organizationId) ?? 'Kindling', i.token),
      })),
    );
    void actorId; // the caller records the audit event that names the actor
    return issued.map((i) => ({ userId: i.invite.userId, tokenId: i.tokenId }));
  }

  async createPasswordReset(em: EntityManager, user: { id: string; email: string; name: string }): Promise<void> {
    const token = newSecretToken();
    const rows: { id: string }[] = await em.query(
      `INSERT INTO one_time_tokens (kind, user_id, token_hash, expires_at)
       VALUES ('password_reset', $1, $2, now() + make_interval(mins => $3)) RETURNING id`,
      [user.id, hashToken(token), PASSWORD_RESET_TTL_MINUTES],
    );
    const link = `${this.config.publicUrl}/reset-password/${token}`;
    await this.writeEmails(em, [
      {
        key: rows[0]!.id,
        payload: {
          to: user.email,
          subject: 'Reset your Kindling password',
          text:
            `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset the password of your Kindling account.\n` +
            `Choose a new password here (the link works once, for ${PASSWORD_RESET_TTL_MINUTES} minutes):\n\n${link}\n\n` +
            `If you did not ask for this, ignore this e-mail; your password stays as it is.\n`,
        },
      },
    ]);
  }

  private invitationEmail(invite: Invite, organizationName: string, token: string): EmailPayload {
    const link = `${this.config.publicUrl}/invitations/${token}`;
    return {
      to: invite.email,
      subject: `You are invited to ${organizationName} on Kindling`,
      text:
        `Hello ${invite.name},\n\n${organizationName} invites you to take part in kindness courses on Kindling.\n` +
        `Choose your password and sign in here (the link works once, for ${INVITATION_TTL_DAYS} days):\n\n${link}\n`,
    };
  }

  private async organizationNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await em.query(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async writeEmails(em: EntityManager, emails: { key: string; payload: EmailPayload }[]): Promise<void> {
    await em.query(
      `INSERT INTO outbox (topic, dedupe_key, payload)
       SELECT $1, k, p FROM unnest($2::text[], $3::jsonb[]) AS t(k, p)
       ON CONFLICT ON CONSTRAINT uq_outbox_topic_key DO NOTHING`,
      [JobName.SendEmail, emails.map((e) => e.key), emails.map((e) => JSON.stringify(e.payload))],
    );
  }
}

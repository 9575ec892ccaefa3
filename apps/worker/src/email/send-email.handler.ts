import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { JobName, type JobPayloads } from '@kindling/queue';
import nodemailer, { type Transporter } from 'nodemailer';
import { OneTimeTokensRepository } from '@kindling/db';
import { HandlesJob, type JobContext, type JobHandler } from '../runtime/job-handler.js';
import { emailText, linkPath } from './email-texts.js';
import { mintLink, unmintLink } from './link-minter.js';
import { localeOr } from '@kindling/i18n';

export type EmailOutcome = 'smtp' | 'not-sent-no-smtp' | 'skipped-already-minted';

/**
 * Sends one link e-mail (invitation, password reset, e-mail verification) over SMTP
 * (SMTP_URL). The job carries only `{kind, tokenId, locale}`: the recipient, their name and
 * the organisation are read from the database, and the link's secret is minted here, once
 * (see link-minter.ts). Nothing this handler logs contains the secret or the e-mail's text.
 *
 * - A job delivered again after its e-mail went out finds the token minted and sends nothing.
 * - A send that fails takes the secret back (token_hash NULL again) and throws; BullMQ's retry
 *   mints a new one. A worker killed between minting and sending leaves a minted, undelivered
 *   link: the person asks again (a new invitation, reset or verification e-mail).
 * - Without SMTP_URL nothing is minted and nothing is sent; the log says so (the link is never
 *   written to the log). Use a local SMTP catcher (e.g. Mailpit) on a laptop.
 */
@Injectable()
@HandlesJob(JobName.SendEmail)
export class SendEmailHandler implements JobHandler<typeof JobName.SendEmail>, OnModuleDestroy {
  private readonly logger = new Logger(SendEmailHandler.name);
  private transporter: Transporter | null = null;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly tokens: OneTimeTokensRepository,
  ) {}

  async handle(payload: JobPayloads[typeof JobName.SendEmail], context: JobContext): Promise<{ delivered: EmailOutcome }> {
    const ref = { jobId: context.jobId, kind: payload.kind, tokenId: payload.tokenId };
    if (typeof payload.tokenId !== 'string' || !payload.kind) {
      this.logger.warn({ jobId: context.jobId }, 'e-mail job without a token reference; dropped');
      return { delivered: 'skipped-already-minted' };
    }
    if (!this.config.smtpUrl) {
      this.logger.warn(ref, 'e-mail not sent: no SMTP_URL configured (no link was minted)');
      return { delivered: 'not-sent-no-smtp' };
    }
    const minted = await mintLink(this.tokens, payload.tokenId);
    if (!minted) {
      this.logger.log(ref, 'e-mail not sent: its link was already minted, used or has expired (no second live link)');
      return { delivered: 'skipped-already-minted' };
    }
    const { subject, text } = emailText({
      kind: minted.kind,
      name: minted.name,
      organizationName: minted.organizationName,
      link: `${this.config.publicUrl}${linkPath(minted.kind, minted.token)}`,
      locale: localeOr(payload.locale),
    });
    this.transporter ??= nodemailer.createTransport(this.config.smtpUrl);
    try {
      const info = await this.transporter.sendMail({
        from: this.config.mailFrom,
        to: minted.email,
        subject,
        text,
        headers: { 'X-Kindling-Job': context.jobId },
      });
      this.logger.log({ ...ref, messageId: info.messageId }, 'e-mail sent');
    } catch (error) {
      await unmintLink(this.tokens, payload.tokenId, minted.token);
      throw error;
    }
    return { delivered: 'smtp' };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

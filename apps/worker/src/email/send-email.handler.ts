import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { JobName, type JobPayloads } from '@kindling/queue';
import nodemailer, { type Transporter } from 'nodemailer';
import { HandlesJob, type JobContext, type JobHandler } from '../runtime/job-handler.js';

/**
 * Sends one e-mail over SMTP (SMTP_URL). Without SMTP_URL the message is written to the
 * log instead, so invitations and resets work on a laptop. A failed send throws and BullMQ
 * retries with back-off; the job id comes from the outbox dedupe key (the token id), so one
 * invitation is one job.
 */
@Injectable()
@HandlesJob(JobName.SendEmail)
export class SendEmailHandler implements JobHandler<typeof JobName.SendEmail>, OnModuleDestroy {
  private readonly logger = new Logger(SendEmailHandler.name);
  private transporter: Transporter | null = null;

  constructor(@Inject(KINDLING_CONFIG) private readonly config: KindlingConfig) {}

  async handle(payload: JobPayloads[typeof JobName.SendEmail], context: JobContext): Promise<{ delivered: 'smtp' | 'log' }> {
    if (!this.config.smtpUrl) {
      this.logger.log({ jobId: context.jobId, to: payload.to, subject: payload.subject, text: payload.text }, 'e-mail (no SMTP_URL configured; logged instead of sent)');
      return { delivered: 'log' };
    }
    this.transporter ??= nodemailer.createTransport(this.config.smtpUrl);
    const info = await this.transporter.sendMail({
      from: this.config.mailFrom,
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      ...(payload.html ? { html: payload.html } : {}),
      headers: { 'X-Kindling-Job': context.jobId },
    });
    this.logger.log({ jobId: context.jobId, messageId: info.messageId }, 'e-mail sent');
    return { delivered: 'smtp' };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

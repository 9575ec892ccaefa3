import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { type DigestDeliveryRow, RemindersRepository } from '@kindling/db';
import { formatNumber, localeOr, translate } from '@kindling/i18n';
import { JobName, type JobPayloads } from '@kindling/queue';
import nodemailer, { type Transporter } from 'nodemailer';
import { HandlesJob, type JobContext, type JobHandler } from '../runtime/job-handler.js';
import { localDate, type ReminderOutcome } from './send-reminder.handler.js';

/** The weekly digest of one cohort for one manager, in the manager's language. */
export function digestText(row: DigestDeliveryRow, dashboard: string): { subject: string; text: string } {
  const locale = localeOr(row.locale);
  const n = (v: number) => formatNumber(v, locale);
  const text = [
    translate(locale, 'email.greeting', { name: row.name }),
    '',
    translate(locale, 'office.digest.body', { cohort: row.cohort_name, enrolled: n(row.enrolled), completed: n(row.completed), overdue: n(row.overdue), pending: n(row.pending_invitations) }),
    translate(locale, 'office1.digest.week', { completedThisWeek: n(row.completed_this_week), notStarted: n(row.not_started) }),
    row.due_on ? translate(locale, 'office1.digest.due', { course: row.course_title, date: localDate(row.due_on, locale) }) : translate(locale, 'office1.digest.course', { course: row.course_title }),
    '',
    translate(locale, 'office1.digest.action'),
    dashboard,
    '',
    '-- ',
    translate(locale, 'office1.digest.why', { organization: row.organization_name }),
  ].join('\n');
  return { subject: translate(locale, 'office.digest.subject', { cohort: row.cohort_name }), text };
}

/**
 * Sends one claimed weekly digest. As with reminders: marked sent before the SMTP call, the mark
 * given back when the call fails; a manager who lost the role or a cohort whose digest was
 * switched off after the claim gets nothing (recorded as skipped).
 */
@Injectable()
@HandlesJob(JobName.SendManagerDigest)
export class SendManagerDigestHandler implements JobHandler<typeof JobName.SendManagerDigest>, OnModuleDestroy {
  private readonly logger = new Logger(SendManagerDigestHandler.name);
  private transporter: Transporter | null = null;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly reminders: RemindersRepository,
  ) {}

  async handle(payload: JobPayloads[typeof JobName.SendManagerDigest], context: JobContext): Promise<{ delivered: ReminderOutcome }> {
    const row = typeof payload.digestId === 'string' ? await this.reminders.findDigest(payload.digestId, new Date()) : null;
    if (!row) return { delivered: 'skipped' };
    if (row.sent_at) return { delivered: 'already-sent' };
    const reason = !row.still_manager ? 'no longer a manager' : !row.weekly_digest ? 'digest switched off' : !row.email ? 'no e-mail' : null;
    if (reason) {
      await this.reminders.skipDigest(row.id, reason);
      return { delivered: 'skipped' };
    }
    if (!this.config.smtpUrl) {
      this.logger.warn({ jobId: context.jobId, digestId: row.id }, 'digest not sent: no SMTP_URL configured');
      return { delivered: 'not-sent-no-smtp' };
    }
    if (!(await this.reminders.markDigestSent(row.id))) return { delivered: 'already-sent' };
    const { subject, text } = digestText(row, `${this.config.publicUrl}/manage/organizations/${row.organization_id}/cohorts/${row.cohort_id}`);
    this.transporter ??= nodemailer.createTransport(this.config.smtpUrl);
    try {
      await this.transporter.sendMail({ from: this.config.mailFrom, to: row.email!, subject, text, headers: { 'X-Kindling-Job': context.jobId } });
    } catch (error) {
      await this.reminders.unmarkDigestSent(row.id);
      throw error;
    }
    this.logger.log({ jobId: context.jobId, digestId: row.id }, 'manager digest sent');
    return { delivered: 'smtp' };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

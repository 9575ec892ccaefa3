import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { RemindersRepository, type ReminderDeliveryRow } from '@kindling/db';
import type { Locale } from '@kindling/domain';
import { formatDay, localeOr, translate } from '@kindling/i18n';
import { JobName, type JobPayloads } from '@kindling/queue';
import nodemailer, { type Transporter } from 'nodemailer';
import { HandlesJob, type JobContext, type JobHandler } from '../runtime/job-handler.js';

export type ReminderOutcome = 'smtp' | 'not-sent-no-smtp' | 'already-sent' | 'skipped';

/**
 * A day in the learner's language, written out as in running text (8 marzo 2027, 1er mars 2027):
 * the same rule as the web app and the certificate PDF (see INTL_TAGS in @kindling/i18n).
 */
export function localDate(isoDay: string, locale: Locale): string {
  return formatDay(isoDay, locale);
}

/** The reminder e-mail of one delivery, in the learner's language. */
export function reminderText(row: ReminderDeliveryRow, links: { app: string; unsubscribe: string; course?: string }): { subject: string; text: string } {
  const locale = localeOr(row.locale);
  const params = {
    course: row.course_title,
    organization: row.organization_name,
    date: row.due_on ? localDate(row.due_on, locale) : '',
    days: row.invited_days,
  };
  if (row.step === 'renewal') {
    const expires = row.renews_valid_until ?? row.due_on;
    const renewal = { ...params, date: expires ? localDate(expires, locale) : '' };
    return {
      subject: translate(locale, 'office3.renewal.subject', renewal),
      text: [
        translate(locale, 'email.greeting', { name: row.name }),
        '',
        translate(locale, 'office3.renewal.body', renewal),
        '',
        translate(locale, 'office3.renewal.action'),
        links.course ?? links.app,
        '',
        '-- ',
        translate(locale, 'office.reminder.unsubscribe'),
        links.unsubscribe,
      ].join('\n'),
    };
  }
  if (row.step === 'manual') {
    const manual = row.due_on ? 'office1.reminder.manualDue' : 'office1.reminder.manual';
    return {
      subject: translate(locale, 'office1.reminder.manual.subject', params),
      text: [
        translate(locale, 'email.greeting', { name: row.name }),
        '',
        translate(locale, `${manual}.body`, params),
        '',
        translate(locale, 'office.reminder.action'),
        links.app,
        '',
        '-- ',
        translate(locale, 'office.reminder.unsubscribe'),
        links.unsubscribe,
      ].join('\n'),
    };
  }
  const key = row.step === 'invitation' ? 'invitation' : row.step === 'due_soon' ? 'dueSoon' : 'overdue';
  const subject = translate(locale, `office.reminder.${key}.subject`, params);
  const text = [
    translate(locale, 'email.greeting', { name: row.name }),
    '',
    translate(locale, `office.reminder.${key}.body`, params),
    '',
    translate(locale, 'office.reminder.action'),
    links.app,
    '',
    '-- ',
    translate(locale, 'office.reminder.unsubscribe'),
    links.unsubscribe,
  ].join('\n');
  return { subject, text };
}

/**
 * Sends one claimed reminder. Marked sent before the SMTP call (a delivered-again job sends
 * nothing); a failed call gives the mark back and throws, so the retry sends it. A learner who
 * was withdrawn, completed or opted out after the claim gets nothing (recorded as skipped).
 */
@Injectable()
@HandlesJob(JobName.SendReminder)
export class SendReminderHandler implements JobHandler<typeof JobName.SendReminder>, OnModuleDestroy {
  private readonly logger = new Logger(SendReminderHandler.name);
  private transporter: Transporter | null = null;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly reminders: RemindersRepository,
  ) {}

  async handle(payload: JobPayloads[typeof JobName.SendReminder], context: JobContext): Promise<{ delivered: ReminderOutcome }> {
    const ref = { jobId: context.jobId, deliveryId: payload.deliveryId };
    const row = typeof payload.deliveryId === 'string' ? await this.reminders.findDelivery(payload.deliveryId, new Date()) : null;
    if (!row) return { delivered: 'skipped' };
    if (row.sent_at) return { delivered: 'already-sent' };
    // The renewal e-mail announces a new enrolment (like an invitation): it goes out even when the
    // cohort's scheduled reminders are switched off; a learner who opted out still gets none.
    const switchedOff = !row.reminders_enabled && row.step !== 'renewal';
    const reason =
      row.enrolment_status !== 'active' ? `enrolment ${row.enrolment_status}` : row.opted_out ? 'opted out' : switchedOff ? 'reminders switched off' : !row.email ? 'no e-mail' : null;
    if (reason) {
      await this.reminders.skip(row.id, reason);
      return { delivered: 'skipped' };
    }
    if (!this.config.smtpUrl) {
      this.logger.warn(ref, 'reminder not sent: no SMTP_URL configured');
      return { delivered: 'not-sent-no-smtp' };
    }
    if (!(await this.reminders.markSent(row.id))) return { delivered: 'already-sent' };
    const { subject, text } = reminderText(row, {
      app: `${this.config.publicUrl}/`,
      course: `${this.config.publicUrl}/learn/${row.enrolment_id}`,
      unsubscribe: `${this.config.publicUrl}/api/reminders/unsubscribe?key=${row.id}`,
    });
    this.transporter ??= nodemailer.createTransport(this.config.smtpUrl);
    try {
      await this.transporter.sendMail({
        from: this.config.mailFrom,
        to: row.email!,
        subject,
        text,
        headers: {
          'X-Kindling-Job': context.jobId,
          'List-Unsubscribe': `<${this.config.publicUrl}/api/reminders/unsubscribe?key=${row.id}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
    } catch (error) {
      await this.reminders.unmarkSent(row.id);
      throw error;
    }
    this.logger.log({ ...ref, step: row.step }, 'reminder sent');
    return { delivered: 'smtp' };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

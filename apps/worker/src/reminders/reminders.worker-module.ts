import { Module } from '@nestjs/common';
import { CertificatesRepository, RecertificationRepository, RemindersRepository } from '@kindling/db';
import { ReminderSweep } from './reminder-sweep.service.js';
import { RenewalSweep } from './renewal-sweep.service.js';
import { SendManagerDigestHandler } from './send-manager-digest.handler.js';
import { SendReminderHandler } from './send-reminder.handler.js';

/**
 * Cohort reminders (invitation not accepted, due soon, overdue, a manager's "remind") and managers'
 * weekly digests: claimed by the sweep, sent by the e-mail jobs. Renewal rounds: created by the
 * renewal sweep with their 'renewal' reminder, sent by the same e-mail job.
 */
@Module({
  providers: [RemindersRepository, RecertificationRepository, CertificatesRepository, ReminderSweep, RenewalSweep, SendReminderHandler, SendManagerDigestHandler],
})
export class RemindersWorkerModule {}

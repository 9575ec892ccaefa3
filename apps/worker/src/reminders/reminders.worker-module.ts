import { Module } from '@nestjs/common';
import { CertificatesRepository, RemindersRepository } from '@kindling/db';
import { ReminderSweep } from './reminder-sweep.service.js';
import { SendManagerDigestHandler } from './send-manager-digest.handler.js';
import { SendReminderHandler } from './send-reminder.handler.js';

/** Cohort reminders (invitation not accepted, due soon, overdue, a manager's "remind") and managers' weekly digests: claimed by the sweep, sent by the e-mail jobs. */
@Module({ providers: [RemindersRepository, CertificatesRepository, ReminderSweep, SendReminderHandler, SendManagerDigestHandler] })
export class RemindersWorkerModule {}

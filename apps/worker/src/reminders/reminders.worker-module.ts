import { Module } from '@nestjs/common';
import { CertificatesRepository, RemindersRepository } from '@kindling/db';
import { ReminderSweep } from './reminder-sweep.service.js';
import { SendReminderHandler } from './send-reminder.handler.js';

/** Cohort reminders (invitation not accepted, due soon, overdue): claimed by the sweep, sent by the e-mail job. */
@Module({ providers: [RemindersRepository, CertificatesRepository, ReminderSweep, SendReminderHandler] })
export class RemindersWorkerModule {}

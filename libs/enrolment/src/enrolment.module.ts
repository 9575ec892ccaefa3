import { Module } from '@nestjs/common';
import { EnrolmentsRepository, OneTimeTokensRepository, SessionsRepository, UsersRepository } from '@kindling/db';
import { BulkEnroller } from './bulk-enroller.js';
import { EnrolmentWriter } from './enrolment-writer.js';
import { InvitationService } from './invitation.service.js';
import { UnverifiedAccounts } from './unverified-accounts.js';

/**
 * Enrolment writing and invitations, run by both processes: the API for uploads answered at
 * once and single enrolments, the worker for large files. Injected, never constructed by hand.
 */
@Module({
  providers: [InvitationService, BulkEnroller, EnrolmentWriter, EnrolmentsRepository, UnverifiedAccounts, UsersRepository, SessionsRepository, OneTimeTokensRepository],
  exports: [InvitationService, BulkEnroller, EnrolmentWriter, EnrolmentsRepository, UnverifiedAccounts],
})
export class EnrolmentModule {}

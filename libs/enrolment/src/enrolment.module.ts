import { Module } from '@nestjs/common';
import { EnrolmentsRepository, OneTimeTokensRepository, OrganizationsRepository, SessionsRepository, SessionVersionsModule, UsersRepository } from '@kindling/db';
import { BulkEnroller } from './bulk-enroller.js';
import { EnrolmentWriter } from './enrolment-writer.js';
import { InvitationService } from './invitation.service.js';
import { NewAccountLocales } from './new-account-locale.js';
import { UnverifiedAccounts } from './unverified-accounts.js';

/**
 * Enrolment writing and invitations, run by both processes: the API for uploads answered at
 * once and single enrolments, the worker for large files. Injected, never constructed by hand.
 */
@Module({
  imports: [SessionVersionsModule],
  providers: [
    InvitationService,
    BulkEnroller,
    EnrolmentWriter,
    EnrolmentsRepository,
    UnverifiedAccounts,
    NewAccountLocales,
    UsersRepository,
    SessionsRepository,
    OneTimeTokensRepository,
    OrganizationsRepository,
  ],
  exports: [InvitationService, BulkEnroller, EnrolmentWriter, EnrolmentsRepository, UnverifiedAccounts, NewAccountLocales],
})
export class EnrolmentModule {}

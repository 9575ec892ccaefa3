import { Module } from '@nestjs/common';
import { BulkEnroller } from './bulk-enroller.js';
import { InvitationService } from './invitation.service.js';

/**
 * Enrolment writing and invitations, run by both processes: the API for uploads answered at
 * once and single enrolments, the worker for large files. Injected, never constructed by hand.
 */
@Module({
  providers: [InvitationService, BulkEnroller],
  exports: [InvitationService, BulkEnroller],
})
export class EnrolmentModule {}

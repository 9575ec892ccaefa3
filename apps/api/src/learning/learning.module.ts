import { Module } from '@nestjs/common';
import {
  AttemptsRepository, CohortsRepository, CoursesRepository, EditionsRepository, JobsRepository, ProgressRepository, RemindersRepository, ReportsRepository,
} from '@kindling/db';
import { EnrolmentModule } from '@kindling/enrolment';
import { IdentityModule } from '../identity/identity.module.js';
import { AttemptsController } from './attempts.controller.js';
import { AttemptsService } from './attempts.service.js';
import { CohortPupilsService } from './cohort-pupils.service.js';
import { CohortUploadsService } from './cohort-uploads.service.js';
import { CohortVersionMigrationService } from './cohort-version-migration.service.js';
import { CohortRemindersController } from './cohort-reminders.controller.js';
import { CohortsController } from './cohorts.controller.js';
import { CohortsService } from './cohorts.service.js';
import { CompletionService } from './completion.service.js';
import { EnrolmentsController } from './enrolments.controller.js';
import { EnrolmentsService } from './enrolments.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';
import { LearnerActionsController } from './learner-actions.controller.js';
import { LearnerActionsService } from './learner-actions.service.js';
import { ProgressService } from './progress.service.js';
import { CohortVersionsController } from './cohort-versions.controller.js';
import { VersionOfferController } from './version-offer.controller.js';
import { VersionContentLoader } from '../courses/version-content.js';

/**
 * Cohorts, enrolments (bulk, pupils, self), progress, quiz attempts and completion.
 * CompletionService is exported: the assessments module calls it after a post self-assessment.
 */
@Module({
  imports: [IdentityModule, EnrolmentModule],
  controllers: [CohortVersionsController, VersionOfferController, CohortsController, CohortRemindersController, EnrolmentsController, AttemptsController, JobsController, LearnerActionsController],
  providers: [
    VersionContentLoader,
    CompletionService,
    CohortsService,
    CohortUploadsService,
    CohortPupilsService,
    CohortVersionMigrationService,
    EnrolmentsService,
    ProgressService,
    AttemptsService,
    JobsService,
    CohortsRepository,
    CoursesRepository,
    JobsRepository,
    ProgressRepository,
    AttemptsRepository,
    EditionsRepository,
    RemindersRepository,
    ReportsRepository,
    LearnerActionsService,
  ],
  exports: [CompletionService],
})
export class LearningModule {}

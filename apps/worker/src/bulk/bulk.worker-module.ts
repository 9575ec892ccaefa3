import { Module } from '@nestjs/common';
import { CohortsRepository, JobsRepository } from '@kindling/db';
import { EnrolmentModule } from '@kindling/enrolment';
import { BulkEnrolmentHandler } from './bulk-enrolment.handler.js';
import { PupilCodeSheetHandler } from './pupil-code-sheet.handler.js';

/** Bulk work a manager waits for: large enrolment uploads and pupils' code sheets. */
@Module({ imports: [EnrolmentModule], providers: [JobsRepository, CohortsRepository, BulkEnrolmentHandler, PupilCodeSheetHandler] })
export class BulkWorkerModule {}

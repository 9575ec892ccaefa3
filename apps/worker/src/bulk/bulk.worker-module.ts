import { Module } from '@nestjs/common';
import { BulkEnrolmentHandler } from './bulk-enrolment.handler.js';
import { PupilCodeSheetHandler } from './pupil-code-sheet.handler.js';

/** Bulk work a manager waits for: large enrolment uploads and pupils' code sheets. */
@Module({ providers: [BulkEnrolmentHandler, PupilCodeSheetHandler] })
export class BulkWorkerModule {}

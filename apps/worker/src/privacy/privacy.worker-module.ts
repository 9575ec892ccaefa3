import { Module } from '@nestjs/common';
import { CertificatesRepository, PeopleRepository, SessionVersionsModule } from '@kindling/db';
import { PersonErasure } from '@kindling/enrolment';
import { PdfStorageModule } from '@kindling/storage';
import { RetentionSweep } from './retention-sweep.service.js';

/** Data protection in the worker: the retention rule for withdrawn learners. */
@Module({ imports: [PdfStorageModule, SessionVersionsModule], providers: [PeopleRepository, CertificatesRepository, PersonErasure, RetentionSweep] })
export class PrivacyWorkerModule {}

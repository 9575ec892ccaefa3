import { Module } from '@nestjs/common';
import { CertificatesRepository, ProgressRepository } from '@kindling/db';
import { CounterCheck } from './counter-check.service.js';

/** The periodic consistency check of the enrolment counters (COUNTER_CHECK_INTERVAL_MS). */
@Module({ providers: [ProgressRepository, CertificatesRepository, CounterCheck], exports: [CounterCheck] })
export class CountersWorkerModule {}

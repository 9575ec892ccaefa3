import { Injectable } from '@nestjs/common';
import { JobsRepository, writeOutbox } from '@kindling/db';
import { BulkEnroller, type EnrolmentReport, type LearnerLine, type LineError, type Parsed, SYNC_LIMIT } from '@kindling/enrolment';
import { JobName } from '@kindling/queue';
import { DataSource } from 'typeorm';
import type { Scope } from '../common/auth/access.service.js';
import { CohortsService } from './cohorts.service.js';

export type UploadOutcome = { kind: 'report'; report: EnrolmentReport & { dryRun: boolean } } | { kind: 'job'; jobId: string };

class DryRunRollback extends Error {
  constructor(readonly report: EnrolmentReport) {
    super('dry run');
  }
}

/** Bad lines of an upload in file order. */
export const sortErrors = (errors: LineError[]): LineError[] => [...errors].sort((a, b) => a.line - b.line);

/** Learners enrolled into a cohort by e-mail (a JSON list or a CSV file). */
@Injectable()
export class CohortUploadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly jobs: JobsRepository,
    private readonly enroller: BulkEnroller,
  ) {}

  /**
   * Enrols checked lines: up to SYNC_LIMIT in this request (one transaction; `dryRun` rolls it
   * back and answers the same report), more as a background job.
   */
  async enrol(scope: Scope, cohortId: string, parsed: Parsed<LearnerLine>, dryRun: boolean, request: { acceptLanguage?: string | null } = {}): Promise<UploadOutcome> {
    const cohort = await this.cohorts.requireManaged(scope, cohortId);
    const lines = parsed.rows.length + parsed.errors.length;
    if (lines > SYNC_LIMIT && !dryRun) {
      const jobId = await this.dataSource.transaction(async (em) => {
        const id = await this.jobs.insert(
          'bulk-enrolment',
          cohort.organizationId,
          scope.userId,
          parsed.rows.length,
          { cohortId: cohort.id, rows: parsed.rows, errors: parsed.errors, acceptLanguage: request.acceptLanguage ?? null },
          em,
        );
        await writeOutbox(em, JobName.BulkEnrolment, id, { jobId: id });
        return id;
      });
      return { kind: 'job', jobId };
    }
    try {
      const report = await this.dataSource.transaction(async (em) => {
        const result = await this.enroller.enrol(em, cohort, parsed.rows, scope.userId, request);
        const full = { ...result, errors: sortErrors(parsed.errors) };
        if (dryRun) throw new DryRunRollback(full);
        return full;
      });
      return { kind: 'report', report: { ...report, dryRun: false } };
    } catch (e) {
      if (e instanceof DryRunRollback) return { kind: 'report', report: { ...e.report, dryRun: true } };
      throw e;
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { JobName, type JobPayloads } from '@kindling/queue';
import { DataSource } from 'typeorm';
import { DomainError } from '@kindling/common';
import { CohortsRepository, JobsRepository } from '@kindling/db';
import { BulkEnroller, type EnrolmentReport, type LearnerLine, type LineError } from '@kindling/enrolment';
import { HandlesJob, type JobContext, type JobHandler } from '../runtime/job-handler.js';

export const BULK_BATCH_SIZE = 1_000;

interface BulkInput {
  cohortId: string;
  rows: LearnerLine[];
  errors: LineError[];
  /** The uploader's Accept-Language (the language rule's last word for new accounts). */
  acceptLanguage?: string | null;
}

/**
 * Large enrolment uploads, in batches of 1,000. Each batch and the job's progress commit in one
 * transaction, so a job run again (worker killed, Redis restarted) resumes after the last batch
 * that committed and never enrols a line twice.
 */
@Injectable()
@HandlesJob(JobName.BulkEnrolment)
export class BulkEnrolmentHandler implements JobHandler<typeof JobName.BulkEnrolment> {
  private readonly logger = new Logger(BulkEnrolmentHandler.name);
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly enroller: BulkEnroller,
  ) {}

  async handle(payload: JobPayloads[typeof JobName.BulkEnrolment], context: JobContext): Promise<{ processed: number }> {
    const first = await this.jobs.findBulkEnrolment<BulkInput, EnrolmentReport>(payload.jobId);
    if (!first || first.status === 'done' || first.status === 'failed' || !first.input) return { processed: first?.processed ?? 0 };
    const input = first.input;
    const cohort = await this.cohorts.findById(input.cohortId);
    if (!cohort) return this.fail(payload.jobId, 'the cohort no longer exists');
    await this.jobs.startBulkEnrolment(payload.jobId, { enrolled: 0, alreadyEnrolled: 0, invited: 0, errors: input.errors });
    let processed = first.processed;
    while (processed < input.rows.length) {
      try {
        processed = await this.dataSource.transaction(async (em) => {
          const locked = await this.jobs.lockProgress<EnrolmentReport>(payload.jobId, em);
          const at = locked?.processed ?? processed;
          const report = locked?.report ?? { enrolled: 0, alreadyEnrolled: 0, invited: 0, errors: input.errors };
          const batch = input.rows.slice(at, at + BULK_BATCH_SIZE);
          if (batch.length === 0) return at;
          const result = await this.enroller.enrol(
            em,
            { id: cohort.id, organizationId: cohort.organization_id, courseId: cohort.course_id },
            batch,
            first.created_by,
            { acceptLanguage: input.acceptLanguage ?? null },
          );
          const merged: EnrolmentReport = {
            enrolled: report.enrolled + result.enrolled,
            alreadyEnrolled: report.alreadyEnrolled + result.alreadyEnrolled,
            invited: report.invited + result.invited,
            errors: report.errors,
          };
          await this.jobs.saveProgress(payload.jobId, at + batch.length, merged, em);
          return at + batch.length;
        });
      } catch (e) {
        if (e instanceof DomainError) return this.fail(payload.jobId, e.message);
        throw e;
      }
      await context.progress(Math.floor((100 * processed) / Math.max(1, input.rows.length)));
    }
    await this.jobs.finishBulkEnrolment(payload.jobId);
    this.logger.log({ jobId: payload.jobId, lines: input.rows.length }, 'bulk enrolment done');
    return { processed };
  }

  private async fail(jobId: string, error: string): Promise<{ processed: number }> {
    const processed = await this.jobs.fail(jobId, error);
    this.logger.warn({ jobId, error }, 'bulk enrolment failed');
    return { processed: processed ?? 0 };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { JobName, type JobPayloads } from '@kindling/queue';
import { DataSource } from 'typeorm';
import { DomainError } from '@kindling/common';
import { BulkEnroller, type EnrolmentReport, type LearnerLine, type LineError } from '@kindling/enrolment';
import { HandlesJob, type JobContext, type JobHandler } from '../runtime/job-handler.js';

export const BULK_BATCH_SIZE = 1_000;

interface BulkInput {
  cohortId: string;
  rows: LearnerLine[];
  errors: LineError[];
}

interface JobRow {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  processed: number;
  created_by: string | null;
  input: BulkInput | null;
  report: EnrolmentReport | null;
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
    private readonly enroller: BulkEnroller,
  ) {}

  async handle(payload: JobPayloads[typeof JobName.BulkEnrolment], context: JobContext): Promise<{ processed: number }> {
    const first = await this.load(payload.jobId);
    if (!first || first.status === 'done' || first.status === 'failed' || !first.input) return { processed: first?.processed ?? 0 };
    const input = first.input;
    const cohorts: { id: string; organization_id: string; course_id: string }[] = await this.dataSource.query(
      `SELECT id, organization_id, course_id FROM cohorts WHERE id = $1`,
      [input.cohortId],
    );
    const cohort = cohorts[0];
    if (!cohort) return this.fail(payload.jobId, 'the cohort no longer exists');
    await this.dataSource.query(
      `UPDATE jobs SET status = 'running', report = coalesce(report, $2) WHERE id = $1 AND status = 'queued'`,
      [payload.jobId, JSON.stringify({ enrolled: 0, alreadyEnrolled: 0, invited: 0, errors: input.errors })],
    );
    let processed = first.processed;
    while (processed < input.rows.length) {
      try {
        processed = await this.dataSource.transaction(async (em) => {
          const locked: { processed: number; report: EnrolmentReport }[] = await em.query(
            `SELECT processed, report FROM jobs WHERE id = $1 FOR UPDATE`,
            [payload.jobId],
          );
          const at = locked[0]?.processed ?? processed;
          const report = locked[0]?.report ?? { enrolled: 0, alreadyEnrolled: 0, invited: 0, errors: input.errors };
          const batch = input.rows.slice(at, at + BULK_BATCH_SIZE);
          if (batch.length === 0) return at;
          const result = await this.enroller.enrol(
            em,
            { id: cohort.id, organizationId: cohort.organization_id, courseId: cohort.course_id },
            batch,
            first.created_by,
          );
          const merged: EnrolmentReport = {
            enrolled: report.enrolled + result.enrolled,
            alreadyEnrolled: report.alreadyEnrolled + result.alreadyEnrolled,
            invited: report.invited + result.invited,
            errors: report.errors,
          };
          await em.query(`UPDATE jobs SET processed = $2, report = $3 WHERE id = $1`, [payload.jobId, at + batch.length, JSON.stringify(merged)]);
          return at + batch.length;
        });
      } catch (e) {
        if (e instanceof DomainError) return this.fail(payload.jobId, e.message);
        throw e;
      }
      await context.progress(Math.floor((100 * processed) / Math.max(1, input.rows.length)));
    }
    await this.dataSource.query(
      `UPDATE jobs SET status = 'done', finished_at = now(), input = NULL WHERE id = $1 AND status <> 'done'`,
      [payload.jobId],
    );
    this.logger.log({ jobId: payload.jobId, lines: input.rows.length }, 'bulk enrolment done');
    return { processed };
  }

  private async load(jobId: string): Promise<JobRow | null> {
    const rows: JobRow[] = await this.dataSource.query(
      `SELECT id, status, processed, created_by, input, report FROM jobs WHERE id = $1 AND kind = 'bulk-enrolment'`,
      [jobId],
    );
    return rows[0] ?? null;
  }

  private async fail(jobId: string, error: string): Promise<{ processed: number }> {
    const rows: { processed: number }[] = await this.dataSource.query(
      `UPDATE jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 RETURNING processed`,
      [jobId, error],
    );
    this.logger.warn({ jobId, error }, 'bulk enrolment failed');
    const first = Array.isArray(rows[0]) ? (rows[0] as { processed: number }[])[0] : undefined;
    return { processed: first?.processed ?? 0 };
  }
}

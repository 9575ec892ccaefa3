import { Inject, Injectable, Logger } from '@nestjs/common';
import { CertificateRenderer, type CertificateLocale } from '@kindling/certificates';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { JobName, type JobPayloads } from '@kindling/queue';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../runtime/job-handler.js';

interface SheetJob {
  id: string;
  result_key: string | null;
  input: { cohortId: string; pupils?: { name: string; className: string | null; username: string; code: string }[] } | null;
  cohort_name: string | null;
  organization_name: string | null;
  locale: CertificateLocale | null;
}

export const codeSheetKey = (jobId: string): string => `jobs/${jobId.toLowerCase()}/codes.pdf`;

/**
 * Prints pupils' one-time sign-in codes on cut-out cards. The PDF is stored, and the plaintext
 * codes are erased from the job's input, in one transaction: after it the codes exist only on
 * paper (and as hashes). Idempotent: a job whose sheet exists is left alone.
 */
@Injectable()
@HandlesJob(JobName.PupilCodeSheet)
export class PupilCodeSheetHandler implements JobHandler<typeof JobName.PupilCodeSheet> {
  private readonly logger = new Logger(PupilCodeSheetHandler.name);
  private renderer: Promise<CertificateRenderer> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  async handle(payload: JobPayloads[typeof JobName.PupilCodeSheet]): Promise<{ pupils: number }> {
    const rows: SheetJob[] = await this.dataSource.query(
      `SELECT j.id, j.result_key, j.input, c.name AS cohort_name, o.name AS organization_name, v.locale
         FROM jobs j
         LEFT JOIN cohorts c ON c.id = (j.input->>'cohortId')::uuid
         LEFT JOIN organizations o ON o.id = c.organization_id
         LEFT JOIN courses co ON co.id = c.course_id
         LEFT JOIN course_versions v ON v.id = co.published_version_id
        WHERE j.id = $1 AND j.kind = 'pupil-code-sheet'`,
      [payload.jobId],
    );
    const job = rows[0];
    if (!job || job.result_key !== null) return { pupils: 0 };
    const pupils = job.input?.pupils ?? [];
    if (pupils.length === 0 || !job.cohort_name || !job.organization_name) {
      await this.dataSource.query(
        `UPDATE jobs SET status = 'failed', error = 'the cohort or the codes are gone', finished_at = now(), input = input - 'pupils' WHERE id = $1`,
        [job.id],
      );
      return { pupils: 0 };
    }
    await this.dataSource.query(`UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'queued'`, [job.id]);
    this.renderer ??= CertificateRenderer.create();
    const pdf = await (await this.renderer).renderCodeSheet({
      organizationName: job.organization_name,
      cohortName: job.cohort_name,
      locale: job.locale ?? 'en',
      pupils,
      signInUrl: `${this.config.publicUrl}/pupil-sign-in`,
    });
    const key = codeSheetKey(job.id);
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO stored_files (key, content_type, bytes) VALUES ($1, 'application/pdf', $2)
         ON CONFLICT (key) DO UPDATE SET bytes = EXCLUDED.bytes`,
        [key, pdf],
      );
      await em.query(
        `UPDATE jobs SET result_key = $2, status = 'done', processed = total, finished_at = now(), input = input - 'pupils' WHERE id = $1`,
        [job.id, key],
      );
    });
    this.logger.log({ jobId: job.id, pupils: pupils.length }, 'pupil code sheet ready');
    return { pupils: pupils.length };
  }
}

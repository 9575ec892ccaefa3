import { Inject, Injectable, Logger } from '@nestjs/common';
import { CertificateRenderer, type CertificateLocale } from '@kindling/certificates';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { JobsRepository } from '@kindling/db';
import { JobName, type JobPayloads } from '@kindling/queue';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../runtime/job-handler.js';

interface SheetInput {
  cohortId: string;
  pupils?: { name: string; className: string | null; username: string; code: string }[];
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
    private readonly jobs: JobsRepository,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  async handle(payload: JobPayloads[typeof JobName.PupilCodeSheet]): Promise<{ pupils: number }> {
    const job = await this.jobs.findCodeSheet<SheetInput>(payload.jobId);
    if (!job || job.result_key !== null) return { pupils: 0 };
    const pupils = job.input?.pupils ?? [];
    if (pupils.length === 0 || !job.cohort_name || !job.organization_name) {
      await this.jobs.failCodeSheet(job.id);
      return { pupils: 0 };
    }
    await this.jobs.markRunning(job.id);
    this.renderer ??= CertificateRenderer.create();
    const pdf = await (await this.renderer).renderCodeSheet({
      organizationName: job.organization_name,
      cohortName: job.cohort_name,
      locale: (job.locale as CertificateLocale | null) ?? 'en',
      pupils,
      signInUrl: `${this.config.publicUrl}/pupil-sign-in`,
    });
    const key = codeSheetKey(job.id);
    await this.dataSource.transaction((em) => this.jobs.storeCodeSheet(job.id, key, pdf, em));
    this.logger.log({ jobId: job.id, pupils: pupils.length }, 'pupil code sheet ready');
    return { pupils: pupils.length };
  }
}

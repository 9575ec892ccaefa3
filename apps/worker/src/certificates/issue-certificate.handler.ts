import { Injectable, Logger } from '@nestjs/common';
import { JobName, type JobPayloads } from '@kindling/queue';
import { HandlesJob, type JobHandler } from '../runtime/job-handler.js';
import { CertificateIssuer, type IssueOutcome } from './certificate-issuer.service.js';

/** certificate.issue: idempotent — a redelivered or duplicated job finds the certificate and stops. */
@Injectable()
@HandlesJob(JobName.IssueCertificate)
export class IssueCertificateHandler implements JobHandler<typeof JobName.IssueCertificate> {
  private readonly logger = new Logger(IssueCertificateHandler.name);
  private readonly counts = { issued: 0, exists: 0, skipped: 0 };

  constructor(private readonly issuer: CertificateIssuer) {}

  async handle(payload: JobPayloads[typeof JobName.IssueCertificate]): Promise<IssueOutcome> {
    const result = await this.issuer.issue(String(payload.enrolmentId));
    this.counts[result.outcome] += 1;
    if (result.outcome === 'skipped') this.logger.warn(`certificate for enrolment ${payload.enrolmentId} skipped: ${result.reason}`);
    const total = this.counts.issued + this.counts.exists + this.counts.skipped;
    if (total % 100 === 0) this.logger.log({ ...this.counts }, 'certificate jobs');
    return result;
  }
}

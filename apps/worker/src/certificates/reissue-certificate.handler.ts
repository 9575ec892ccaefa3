import { Injectable, Logger } from '@nestjs/common';
import { JobName, type JobPayloads } from '@kindling/queue';
import { HandlesJob, type JobHandler } from '../runtime/job-handler.js';
import { CertificateIssuer, type ReissueOutcome } from './certificate-issuer.service.js';

/**
 * certificate.reissue: the job carries only the id of the certificate_reissues row the API
 * wrote (in the same transaction as its outbox row and audit event). The name, the actor, the
 * reason and the version are read from that row, never from the job: a job added to the queue
 * by hand (the dashboard, a Redis client) cannot put a name on a certificate or blame anyone.
 * Other fields in the job data are ignored; a redelivered job finds its row applied and stops.
 */
@Injectable()
@HandlesJob(JobName.ReissueCertificate)
export class ReissueCertificateHandler implements JobHandler<typeof JobName.ReissueCertificate> {
  private readonly logger = new Logger(ReissueCertificateHandler.name);

  constructor(private readonly issuer: CertificateIssuer) {}

  async handle(payload: JobPayloads[typeof JobName.ReissueCertificate]): Promise<ReissueOutcome> {
    const reissueId: unknown = (payload as unknown as Record<string, unknown> | null)?.reissueId;
    const result = await this.issuer.reissue(typeof reissueId === 'string' ? reissueId : '');
    if (result.outcome === 'skipped') this.logger.warn({ ...result }, 'certificate re-issue skipped');
    else this.logger.log({ ...result }, 'certificate re-issue');
    return result;
  }
}

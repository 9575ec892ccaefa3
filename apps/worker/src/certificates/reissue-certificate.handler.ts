import { Injectable, Logger } from '@nestjs/common';
import { JobName, type JobPayloads } from '@kindling/queue';
import { HandlesJob, type JobHandler } from '../runtime/job-handler.js';
import { CertificateIssuer, type ReissueOutcome } from './certificate-issuer.service.js';

/**
 * certificate.reissue: the API puts the target `version` in the payload beside the typed
 * fields; a redelivered job whose version already exists does nothing.
 */
@Injectable()
@HandlesJob(JobName.ReissueCertificate)
export class ReissueCertificateHandler implements JobHandler<typeof JobName.ReissueCertificate> {
  private readonly logger = new Logger(ReissueCertificateHandler.name);

  constructor(private readonly issuer: CertificateIssuer) {}

  async handle(payload: JobPayloads[typeof JobName.ReissueCertificate]): Promise<ReissueOutcome> {
    const extra: unknown = (payload as unknown as Record<string, unknown>).version;
    const version = typeof extra === 'number' && Number.isInteger(extra) ? extra : null;
    const result = await this.issuer.reissue(payload.certificateId, payload.holderName, payload.actorId ?? null, version);
    this.logger.log({ ...result }, 'certificate re-issue');
    return result;
  }
}

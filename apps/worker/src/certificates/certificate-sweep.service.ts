import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { jobIdFor, JobName, QueueName } from '@kindling/queue';
import { CertificatesRepository } from '@kindling/db';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';

/** Any constant shared by all workers: only one sweeps at a time (pg_try_advisory_xact_lock). */
const SWEEP_LOCK_KEY = 0x6b6e6463; // 'kndc'
const BATCH = 1_000;
const PENDING = new Set<string>(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * The safety net under the outbox: every completed enrolment without a certificate whose
 * completion is older than CERTIFICATE_SWEEP_DELAY_MS is enqueued again with the same job id.
 * So a job lost with Redis's data, or failed for good, is issued once things work again.
 */
@Injectable()
export class CertificateSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CertificateSweep.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
    private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.max(250, Math.floor(this.config.certificateSweepDelayMs / 2));
    const tick = async () => {
      if (this.stopped) return;
      await this.sweepOnce().catch((e: unknown) => this.logger.warn(`certificate sweep failed: ${e instanceof Error ? e.message : String(e)}`));
      if (!this.stopped) this.timer = setTimeout(() => void tick(), every);
    };
    this.timer = setTimeout(() => void tick(), every);
  }

  /** One pass; returns how many jobs were (re-)enqueued, or -1 when another worker holds the lock. */
  async sweepOnce(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      if (!(await this.certificates.tryTransactionLock(SWEEP_LOCK_KEY, em))) return -1;
      const enrolmentIds = await this.certificates.completedWithoutCertificate(this.config.certificateSweepDelayMs, BATCH, em);
      if (enrolmentIds.length === 0) return 0;
      const queue = this.relay.queue(QueueName.Certificates);
      let enqueued = 0;
      let retried = 0;
      for (const enrolmentId of enrolmentIds) {
        const jobId = jobIdFor(JobName.IssueCertificate, enrolmentId);
        const state = await queue.getJobState(jobId);
        // Waiting, delayed (retry backoff) or active: it will run. An active job of a killed
        // worker comes back through BullMQ's stalled-job check.
        if (PENDING.has(state)) continue;
        // Failed for good, finished without issuing, or 'unknown' — gone with Redis's data, or a
        // hash left half-written under a running job, which would make BullMQ ignore the add.
        await queue.remove(jobId).catch(() => 0);
        if (state !== 'unknown') retried += 1;
        await queue.add(JobName.IssueCertificate, { enrolmentId }, { jobId });
        enqueued += 1;
      }
      if (enqueued > 0) this.logger.log({ candidates: enrolmentIds.length, enqueued, retried }, 'certificate sweep re-enqueued completions without a certificate');
      return enqueued;
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { CertificatesRepository, PeopleRepository } from '@kindling/db';
import { PersonErasure } from '@kindling/enrolment';
import { DataSource } from 'typeorm';

/** Any constant shared by all workers: one sweep at a time. */
const RETENTION_LOCK_KEY = 0x6b6e7274; // 'knrt'
const BATCH = 200;
/** How often the worker looks for learners past the retention period. */
export const RETENTION_SWEEP_EVERY_MS = 6 * 3_600_000;

/**
 * The retention rule (issue 18 point 7): a learner whose every enrolment was withdrawn more
 * than RETENTION_WITHDRAWN_DAYS ago (no platform role, managing nothing) is anonymised exactly
 * as an admin's erasure does it (PersonErasure), recorded as `user.erased` with reason
 * "retention" and no actor. Idempotent: an erased person is never picked again. `now` is a
 * parameter so tests can move time forward.
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionSweep.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly locks: CertificatesRepository,
    private readonly erasure: PersonErasure,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retentionWithdrawnDays <= 0) return;
    const tick = async () => {
      if (this.stopped) return;
      await this.sweepOnce(new Date()).catch((e: unknown) => this.logger.warn(`retention sweep failed: ${e instanceof Error ? e.message : String(e)}`));
      if (!this.stopped) this.timer = setTimeout(() => void tick(), RETENTION_SWEEP_EVERY_MS);
    };
    this.timer = setTimeout(() => void tick(), 60_000);
  }

  /** Anonymises everyone past the period at `now`; returns how many, -1 when another worker is sweeping. */
  async sweepOnce(now: Date, days: number = this.config.retentionWithdrawnDays): Promise<number> {
    if (days <= 0) return 0;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    let total = 0;
    for (;;) {
      // The advisory lock is held by a short transaction of its own; each erasure is its own transaction.
      const ids = await this.dataSource.transaction(async (em) => {
        if (!(await this.locks.tryTransactionLock(RETENTION_LOCK_KEY, em))) return null;
        return this.people.withdrawnBefore(cutoff, BATCH, em);
      });
      if (ids === null) return total === 0 ? -1 : total;
      for (const id of ids) {
        const done = await this.erasure.erase(id, null, 'retention', now);
        if (done?.erased) total += 1;
      }
      if (ids.length < BATCH) break;
    }
    if (total > 0) this.logger.log({ anonymised: total }, 'retention: withdrawn learners anonymised');
    return total;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { type AuditEventInput, CertificatesRepository, RecertificationRepository, recordAuditBatch, RemindersRepository, writeOutbox } from '@kindling/db';
import { JobName } from '@kindling/queue';
import { DataSource } from 'typeorm';

/** Any constant shared by all workers: only one creates renewal rounds at a time. */
const RENEWAL_LOCK_KEY = 0x6b6e726e; // 'knrn'
const BATCH = 500;
/** How often the worker looks for certificates entering the renewal window. */
export const RENEWAL_SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Renewal rounds (issue 18 point 3): RENEWAL_LEAD_DAYS before a certificate of a course that
 * must be renewed expires, its holder is enrolled again — in the course's current published
 * version, the same cohort, the next round, due on the day the certificate expires — and one
 * 'renewal' reminder e-mail is claimed for the new enrolment, all in one transaction
 * (RecertificationRepository.claimRenewals, RemindersRepository.claimRenewalNotices, the
 * outbox row, an audit event per enrolment). Exactly one renewal per certificate comes from the
 * database's unique keys, not from this lock: the lock only keeps two workers from doing the
 * same work at once. `now` and `leadDays` are parameters so tests can move time forward.
 */
@Injectable()
export class RenewalSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RenewalSweep.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly dataSource: DataSource,
    private readonly recertification: RecertificationRepository,
    private readonly reminders: RemindersRepository,
    private readonly locks: CertificatesRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.renewalLeadDays <= 0) return;
    const tick = async () => {
      if (this.stopped) return;
      await this.sweepOnce(new Date()).catch((e: unknown) => this.logger.warn(`renewal sweep failed: ${e instanceof Error ? e.message : String(e)}`));
      if (!this.stopped) this.timer = setTimeout(() => void tick(), RENEWAL_SWEEP_EVERY_MS);
    };
    this.timer = setTimeout(() => void tick(), 7_000);
  }

  /** Creates every renewal round due at `now`; returns how many, -1 when another worker holds the lock. */
  async sweepOnce(now: Date, leadDays: number = this.config.renewalLeadDays): Promise<number> {
    if (leadDays <= 0) return 0;
    let total = 0;
    for (;;) {
      const created = await this.dataSource.transaction(async (em) => {
        if (!(await this.locks.tryTransactionLock(RENEWAL_LOCK_KEY, em))) return -1;
        const rows = await this.recertification.claimRenewals(now, leadDays, BATCH, em);
        if (rows.length === 0) return 0;
        const notices = await this.reminders.claimRenewalNotices(rows.map((r) => r.id), em);
        for (const notice of notices) await writeOutbox(em, JobName.SendReminder, notice.id, { deliveryId: notice.id });
        const events: AuditEventInput[] = rows.map((r) => ({
          organizationId: r.organization_id,
          actorId: null,
          action: 'enrolment.created',
          subjectType: 'enrolment',
          subjectId: r.id,
          data: {
            userId: r.user_id, courseId: r.course_id, courseVersionId: r.course_version_id, cohortId: r.cohort_id,
            source: 'renewal', round: r.round, renewsCertificateId: r.renews_certificate_id,
          },
        }));
        await recordAuditBatch(em, events);
        return rows.length;
      });
      if (created < 0) return total === 0 ? -1 : total;
      total += created;
      if (created < BATCH) break;
    }
    if (total > 0) this.logger.log({ created: total }, 'renewal rounds created');
    return total;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

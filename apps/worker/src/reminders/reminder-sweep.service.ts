import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CertificatesRepository, RemindersRepository, writeOutbox } from '@kindling/db';
import { JobName } from '@kindling/queue';
import { DataSource } from 'typeorm';

/** Any constant shared by all workers: only one claims reminders at a time. */
const REMINDER_LOCK_KEY = 0x6b6e6472; // 'kndr'
const BATCH = 1_000;
/** How often the worker looks for due reminders. */
export const REMINDER_SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Claims due reminders (RemindersRepository.claimDue) and writes one outbox row per claim in
 * the same transaction; the e-mail job sends it. The unique (enrolment, step) key is what
 * makes every step go out once per learner: a restart, a second worker or a later pass claims
 * nothing twice. `now` is a parameter so tests can move time forward.
 */
@Injectable()
export class ReminderSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderSweep.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reminders: RemindersRepository,
    private readonly locks: CertificatesRepository,
  ) {}

  onApplicationBootstrap(): void {
    const tick = async () => {
      if (this.stopped) return;
      await this.sweepOnce(new Date()).catch((e: unknown) => this.logger.warn(`reminder sweep failed: ${e instanceof Error ? e.message : String(e)}`));
      if (!this.stopped) this.timer = setTimeout(() => void tick(), REMINDER_SWEEP_EVERY_MS);
    };
    this.timer = setTimeout(() => void tick(), 5_000);
  }

  /** Claims everything due at `now`; returns how many reminders were claimed, -1 when another worker holds the lock. */
  async sweepOnce(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (em) => {
        if (!(await this.locks.tryTransactionLock(REMINDER_LOCK_KEY, em))) return -1;
        const rows = await this.reminders.claimDue(now, BATCH, em);
        for (const row of rows) await writeOutbox(em, JobName.SendReminder, row.id, { deliveryId: row.id });
        return rows.length;
      });
      if (claimed < 0) return total === 0 ? -1 : total;
      total += claimed;
      if (claimed < BATCH) break;
    }
    if (total > 0) this.logger.log({ claimed: total }, 'reminders claimed');
    const digests = await this.sweepDigests(now);
    if (digests > 0) this.logger.log({ claimed: digests }, 'manager digests claimed');
    return total;
  }

  /** Claims this week's manager digests (once per cohort, manager and week); -1 when another worker holds the lock. */
  async sweepDigests(now: Date): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      if (!(await this.locks.tryTransactionLock(REMINDER_LOCK_KEY, em))) return -1;
      const rows = await this.reminders.claimDigests(now, em);
      for (const row of rows) await writeOutbox(em, JobName.SendManagerDigest, row.id, { digestId: row.id });
      return rows.length;
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

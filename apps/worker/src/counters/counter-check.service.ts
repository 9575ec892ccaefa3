import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { CertificatesRepository, type CounterDriftRow, ProgressRepository, recordAuditBatch } from '@kindling/db';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';

/** Any constant shared by all workers: only one checks at a time (pg_try_advisory_xact_lock per batch). */
const CHECK_LOCK_KEY = 0x6b6e6363; // 'kncc'
const BATCH = 2_000;
/** Redis hash (under the queue prefix, so Cluster-ready) holding the last check's result. */
export const COUNTER_CHECK_KEY = 'counter-check';

export interface CounterCheckResult {
  checkedAt: string;
  enrolmentsChecked: number;
  drifted: number;
  repaired: number;
  durationMs: number;
  /** A few drifted enrolment ids (at most 20), for the log reader. */
  sample: string[];
}

/**
 * The consistency check under the incremental counters (issue 20, point 2). The lesson write
 * (`complete_lesson`) adds to the stored counters instead of deriving them; this check walks
 * every enrolment in id order, in batches, compares the stored counters with the ones derived
 * from the facts (`enrolment_counter_drift`, one snapshot per batch) and, where they differ,
 * locks the rows, recomputes them (`recompute_enrolments`) and records an
 * `enrolment.counters_repaired` audit event with the stored and the derived values. The result
 * goes to the log (a warning when there was drift), to the Redis hash `<prefix>:counter-check`
 * (checkedAt, enrolmentsChecked, drifted, repaired, durationMs) for monitoring, and is returned.
 *
 * Repairing fixes the counters only: it never completes an enrolment (that stays the API's
 * decision on the learner's next action, which recomputes with the same rule).
 */
@Injectable()
export class CounterCheck implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CounterCheck.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly dataSource: DataSource,
    private readonly progress: ProgressRepository,
    private readonly certificates: CertificatesRepository,
    private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.counterCheckIntervalMs;
    if (every <= 0) return;
    const tick = async () => {
      if (this.stopped) return;
      await this.checkOnce().catch((e: unknown) => this.logger.warn(`counter check failed: ${e instanceof Error ? e.message : String(e)}`));
      if (!this.stopped) this.timer = setTimeout(() => void tick(), every);
    };
    // First run after a minute (or the interval, if shorter): not in the start-up rush.
    this.timer = setTimeout(() => void tick(), Math.min(every, 60_000));
  }

  /** One pass over every enrolment; repairs what drifted. */
  async checkOnce(): Promise<CounterCheckResult> {
    const started = Date.now();
    let after: string | null = null;
    let checked = 0;
    let drifted = 0;
    let repaired = 0;
    const sample: string[] = [];
    for (;;) {
      const ids = await this.progress.enrolmentIdsAfter(after, BATCH);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      checked += ids.length;
      const drift = await this.progress.counterDrift(ids);
      if (drift.length === 0) continue;
      drifted += drift.length;
      for (const row of drift) if (sample.length < 20) sample.push(row.id);
      repaired += await this.repair(drift);
    }
    const result: CounterCheckResult = { checkedAt: new Date().toISOString(), enrolmentsChecked: checked, drifted, repaired, durationMs: Date.now() - started, sample };
    if (drifted > 0) this.logger.warn(result, 'enrolment counters drifted from the facts and were repaired');
    else this.logger.log({ enrolmentsChecked: checked, durationMs: result.durationMs }, 'enrolment counters agree with the facts');
    await this.publish(result).catch((e: unknown) => this.logger.warn(`counter check result not stored in Redis: ${e instanceof Error ? e.message : String(e)}`));
    return result;
  }

  /** Locks the drifted rows, re-checks them under the lock, recomputes them and audits each repair. */
  private async repair(found: CounterDriftRow[]): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      if (!(await this.certificates.tryTransactionLock(CHECK_LOCK_KEY, em))) return 0;
      const ids = found.map((r) => r.id);
      await this.progress.lockMany(ids, em);
      const still = await this.progress.counterDrift(ids, em);
      if (still.length === 0) return 0;
      await this.progress.recomputeCounters(still.map((r) => r.id), em);
      await recordAuditBatch(
        em,
        still.map((r) => ({
          organizationId: r.organization_id,
          actorId: null,
          action: 'enrolment.counters_repaired',
          subjectType: 'enrolment',
          subjectId: r.id,
          data: {
            stored: {
              lessonsTotal: r.stored_lessons_total, lessonsCompleted: r.stored_lessons_completed, itemsTotal: r.stored_items_total,
              itemsDone: r.stored_items_done, progressPercent: r.stored_progress_percent, bestFinalScore: r.stored_best_final_score,
            },
            derived: {
              lessonsTotal: r.lessons_total, lessonsCompleted: r.lessons_completed, itemsTotal: r.items_total,
              itemsDone: r.items_done, progressPercent: r.progress_percent, bestFinalScore: r.best_final_score,
            },
          },
        })),
      );
      return still.length;
    });
  }

  private async publish(result: CounterCheckResult): Promise<void> {
    const redis = this.relay.redis();
    const key = `${this.config.queuePrefix}:${COUNTER_CHECK_KEY}`;
    await redis.hset(key, {
      checkedAt: result.checkedAt,
      enrolmentsChecked: String(result.enrolmentsChecked),
      drifted: String(result.drifted),
      repaired: String(result.repaired),
      durationMs: String(result.durationMs),
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { OutboxRepository, type OutboxRow } from '@kindling/db';
import { createRedis, defaultJobOptions, jobIdFor, type JobName, queueOfJob, QueueName } from '@kindling/queue';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

/** How often dispatched rows past their retention are deleted. */
export const OUTBOX_PRUNE_INTERVAL_MS = 10 * 60_000;
const PRUNE_BATCH = 5_000;

/**
 * Moves outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number
 * of workers can relay side by side; a row is marked dispatched only after Redis took the
 * job, so a Redis outage leaves the work waiting in PostgreSQL. Job ids derive from the
 * row's dedupe key, so a row relayed twice is one job while it is queued.
 *
 * Dispatched rows are kept for OUTBOX_RETENTION_HOURS (default 24; for tracing a job back to
 * the write that made it) and then deleted, at start-up and every ten minutes, so payloads do
 * not pile up at rest. Rows not yet dispatched are never pruned.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private connection: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  /** The producers' Redis connection (the counter check stores its last result there). */
  redis(): Redis {
    this.queue(QueueName.Certificates);
    return this.connection!;
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      this.connection ??= createRedis(this.config.redisUrl, 'queue');
      this.connection.on('error', () => undefined);
      q = new Queue(name, { connection: this.connection, prefix: this.config.queuePrefix, defaultJobOptions });
      this.queues.set(name, q);
    }
    return q;
  }

  onApplicationBootstrap(): void {
    const tick = async () => {
      if (this.stopped) return;
      const moved = await this.relayOnce().catch((e: unknown) => {
        this.logger.warn(`outbox relay paused: ${e instanceof Error ? e.message : String(e)}`);
        return 0;
      });
      if (!this.stopped) this.timer = setTimeout(() => void tick(), moved > 0 ? 10 : 250);
    };
    void tick();
    this.schedulePruning(OUTBOX_PRUNE_INTERVAL_MS);
  }

  /** Prunes now, then every `intervalMs` until shutdown. */
  schedulePruning(intervalMs: number): void {
    const prune = async () => {
      if (this.stopped) return;
      await this.pruneOnce().catch((e: unknown) => {
        this.logger.warn(`outbox pruning failed: ${e instanceof Error ? e.message : String(e)}`);
      });
      if (!this.stopped) {
        this.pruneTimer = setTimeout(() => void prune(), intervalMs);
        this.pruneTimer.unref();
      }
    };
    void prune();
  }

  /** Deletes rows dispatched more than config.outboxRetentionHours ago, in batches; returns how many. */
  async pruneOnce(): Promise<number> {
    const seconds = Math.max(0, this.config.outboxRetentionHours) * 3600;
    let total = 0;
    for (;;) {
      const deleted = await this.outbox.pruneDispatched(seconds, PRUNE_BATCH);
      total += deleted;
      if (deleted < PRUNE_BATCH || this.stopped) break;
    }
    if (total > 0) this.logger.debug(`pruned ${total} dispatched outbox rows`);
    return total;
  }

  /** Relays one batch; returns how many rows moved. */
  async relayOnce(batch = 500): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.dataSource.transaction(async (em) => {
        const rows = await this.outbox.claimUndispatched(batch, em);
        if (rows.length === 0) return 0;
        const byQueue = new Map<QueueName, OutboxRow[]>();
        for (const row of rows) {
          const queue = queueOfJob[row.topic as JobName];
          if (!queue) {
            this.logger.error(`outbox row ${row.id} has unknown topic ${row.topic}; leaving it`);
            continue;
          }
          byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
        }
        for (const [queue, list] of byQueue) {
          await this.queue(queue).addBulk(
            list.map((r) => ({ name: r.topic, data: r.payload, opts: { jobId: jobIdFor(r.topic as JobName, r.dedupe_key) } })),
          );
        }
        await this.outbox.markDispatched(rows.map((r) => r.id), em);
        this.logger.debug(`relayed ${rows.length} outbox rows`);
        return rows.length;
      });
    } finally {
      this.running = false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection?.disconnect();
  }
}

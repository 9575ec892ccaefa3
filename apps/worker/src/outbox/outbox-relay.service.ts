import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { createRedis, defaultJobOptions, jobIdFor, type JobName, queueOfJob, QueueName } from '@kindling/queue';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

interface OutboxRow {
  id: string;
  topic: JobName;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

/**
 * Moves outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number
 * of workers can relay side by side; a row is marked dispatched only after Redis took the
 * job, so a Redis outage leaves the work waiting in PostgreSQL. Job ids derive from the
 * row's dedupe key, so a row relayed twice is one job while it is queued.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private connection: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly dataSource: DataSource,
  ) {}

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
  }

  /** Relays one batch; returns how many rows moved. */
  async relayOnce(batch = 500): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.dataSource.transaction(async (em) => {
        const rows: OutboxRow[] = await em.query(
          `SELECT id, topic, dedupe_key, payload FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batch],
        );
        if (rows.length === 0) return 0;
        const byQueue = new Map<QueueName, OutboxRow[]>();
        for (const row of rows) {
          const queue = queueOfJob[row.topic];
          if (!queue) {
            this.logger.error(`outbox row ${row.id} has unknown topic ${row.topic}; leaving it`);
            continue;
          }
          byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
        }
        for (const [queue, list] of byQueue) {
          await this.queue(queue).addBulk(
            list.map((r) => ({ name: r.topic, data: r.payload, opts: { jobId: jobIdFor(r.topic, r.dedupe_key) } })),
          );
        }
        await em.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
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
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection?.disconnect();
  }
}

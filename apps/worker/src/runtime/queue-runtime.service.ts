import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { createRedis, evictionPolicy, type JobName, QueueName } from '@kindling/queue';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_HANDLER, type JobHandler } from './job-handler.js';

/**
 * Runs one BullMQ worker per queue and routes each job to the provider marked
 * @HandlesJob(name). Shutdown waits for jobs in flight up to SHUTDOWN_TIMEOUT_MS, then
 * closes forcibly: an unfinished job is then stalled and BullMQ hands it to another worker.
 */
@Injectable()
export class QueueRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueRuntime.name);
  private readonly workers: Worker[] = [];
  private readonly handlers = new Map<string, JobHandler<JobName>>();
  private connection: Redis | null = null;

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly discovery: DiscoveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const name = Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) as JobName | undefined;
      if (name) this.handlers.set(name, instance as JobHandler<JobName>);
    }
    this.connection = createRedis(this.config.redisUrl, 'queue');
    this.connection.on('error', (e: Error) => this.logger.warn(`Redis: ${e.message}`));
    const policy = await evictionPolicy(this.connection);
    if (policy !== null && policy !== 'noeviction') {
      this.logger.warn(
        `Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or queued jobs can vanish (CONFIG SET maxmemory-policy noeviction)`,
      );
    }
    const concurrency: Record<QueueName, number> = {
      [QueueName.Certificates]: this.config.workerConcurrency,
      [QueueName.Email]: 4,
      [QueueName.Bulk]: 1,
    };
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(queue, (job: Job) => this.run(job), {
        connection: this.connection,
        prefix: this.config.queuePrefix,
        concurrency: concurrency[queue],
        stalledInterval: 5_000,
        maxStalledCount: 10,
      });
      worker.on('failed', (job, err) => this.logger.warn({ jobId: job?.id, name: job?.name, err: err.message }, 'job failed'));
      worker.on('error', (err) => this.logger.warn(`worker ${queue}: ${err.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`worker ready: queues ${Object.values(QueueName).join(', ')}; handlers ${[...this.handlers.keys()].join(', ') || 'none'}`);
  }

  private async run(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    const started = Date.now();
    const result = await handler.handle(job.data as never, {
      jobId: job.id ?? '',
      attemptsMade: job.attemptsMade,
      progress: (p) => job.updateProgress(p),
    });
    this.logger.debug({ jobId: job.id, name: job.name, ms: Date.now() - started }, 'job done');
    return result;
  }

  async onApplicationShutdown(): Promise<void> {
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    const timedOut = await Promise.race([
      graceful.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), this.config.shutdownTimeoutMs).unref()),
    ]);
    if (timedOut) {
      this.logger.warn('jobs still running at the shutdown bound; handing them back to the queue');
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
    this.connection?.disconnect();
  }
}

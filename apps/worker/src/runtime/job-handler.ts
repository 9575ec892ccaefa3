import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from '@kindling/queue';

export const JOB_HANDLER = 'kindling:job-handler';

/** Marks a provider as the handler of one job name; QueueRuntime discovers it. */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export interface JobContext {
  jobId: string;
  attemptsMade: number;
  /** Reports progress (0–100) to BullMQ, visible on the queue dashboard. */
  progress(percent: number): Promise<void>;
}

/** A job handler must be idempotent: BullMQ delivers at least once. */
export interface JobHandler<N extends JobName> {
  handle(payload: JobPayloads[N], context: JobContext): Promise<unknown>;
}

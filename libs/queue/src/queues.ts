/**
 * Queue names, job names and their payloads: the one place producer (api) and consumer
 * (worker) agree on. A job of name N carries JobPayloads[N].
 */
export const QueueName = {
  Certificates: 'certificates',
  Email: 'email',
  Bulk: 'bulk',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  IssueCertificate: 'certificate.issue',
  ReissueCertificate: 'certificate.reissue',
  SendEmail: 'email.send',
  BulkEnrolment: 'bulk.enrolment',
  PupilCodeSheet: 'bulk.pupil-code-sheet',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface JobPayloads {
  [JobName.IssueCertificate]: { enrolmentId: string };
  [JobName.ReissueCertificate]: { certificateId: string; holderName: string; actorId: string | null; version?: number };
  [JobName.SendEmail]: { to: string; subject: string; text: string; html?: string };
  [JobName.BulkEnrolment]: { jobId: string };
  [JobName.PupilCodeSheet]: { jobId: string };
}

/** Which queue each job goes to. */
export const queueOfJob: { [N in JobName]: QueueName } = {
  [JobName.IssueCertificate]: QueueName.Certificates,
  [JobName.ReissueCertificate]: QueueName.Certificates,
  [JobName.SendEmail]: QueueName.Email,
  [JobName.BulkEnrolment]: QueueName.Bulk,
  [JobName.PupilCodeSheet]: QueueName.Bulk,
};

/** Outbox topics map one-to-one onto job names; the relay turns a row into that job. */
export const OutboxTopic = JobName;

/**
 * Deterministic job ids: BullMQ ignores an add whose id is still in Redis, so a job
 * announced twice runs once while it is queued. ':' is not allowed in custom ids.
 */
export function jobIdFor<N extends JobName>(name: N, dedupeKey: string): string {
  return `${name.replace(/[.:]/g, '-')}-${dedupeKey}`;
}

export const defaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

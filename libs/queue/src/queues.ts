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
  SendReminder: 'reminder.send',
  SendManagerDigest: 'reminder.manager-digest',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** The e-mails Kindling sends; each one carries a single-use link (one_time_tokens row). */
export type EmailKind = 'invitation' | 'password_reset' | 'email_verification';
export interface EmailJobPayload {
  kind: EmailKind;
  /** one_time_tokens.id */
  tokenId: string;
  /** the recipient's users.locale when the e-mail was asked for, so the text can be translated */
  locale: 'en' | 'it' | 'de' | 'fr';
}

export interface JobPayloads {
  [JobName.IssueCertificate]: { enrolmentId: string };
  /** Only the id of the certificate_reissues row the API wrote: name, actor and reason are read from there. */
  [JobName.ReissueCertificate]: { reissueId: string };
  /**
   * A reference only: the worker reads the recipient from the database and mints the link's
   * secret itself (once). No address, name or token travels through the outbox or Redis.
   */
  [JobName.SendEmail]: EmailJobPayload;
  [JobName.BulkEnrolment]: { jobId: string };
  [JobName.PupilCodeSheet]: { jobId: string };
  /** Only the id of the reminder_deliveries row the reminder sweep claimed. */
  [JobName.SendReminder]: { deliveryId: string };
  /** Only the id of the manager_digest_deliveries row the reminder sweep claimed. */
  [JobName.SendManagerDigest]: { digestId: string };
}

/** Which queue each job goes to. */
export const queueOfJob: { [N in JobName]: QueueName } = {
  [JobName.IssueCertificate]: QueueName.Certificates,
  [JobName.ReissueCertificate]: QueueName.Certificates,
  [JobName.SendEmail]: QueueName.Email,
  [JobName.BulkEnrolment]: QueueName.Bulk,
  [JobName.PupilCodeSheet]: QueueName.Bulk,
  [JobName.SendReminder]: QueueName.Email,
  [JobName.SendManagerDigest]: QueueName.Email,
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

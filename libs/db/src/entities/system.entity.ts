import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Transactional outbox: written in the same transaction as the fact it announces. */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) topic!: string;
  @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt!: Date | null;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A long-running task a person waits for (bulk enrolment, code sheets), with its report. */
@Entity({ name: 'jobs' })
export class JobEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ type: 'text', default: 'queued' }) status!: JobStatus;
  @Column({ type: 'integer', default: 0 }) total!: number;
  @Column({ type: 'integer', default: 0 }) processed!: number;
  @Column({ type: 'jsonb', nullable: true }) input!: unknown;
  @Column({ type: 'jsonb', nullable: true }) report!: unknown;
  @Column({ name: 'result_key', type: 'text', nullable: true }) resultKey!: string | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}

@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType!: string;
  @Column({ name: 'subject_id', type: 'text', nullable: true }) subjectId!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data!: Record<string, unknown>;
}

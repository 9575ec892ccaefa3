import { Injectable } from '@nestjs/common';
import { type EnrolmentCounters, ProgressRepository, recordAudit, writeOutbox } from '@kindling/db';
import { JobName } from '@kindling/queue';
import type { EntityManager } from 'typeorm';

export interface CompletionResult {
  completed: boolean;
  justCompleted: boolean;
  progressPercent: number;
  status: EnrolmentCounters['status'];
}

/**
 * Completes an enrolment, inside the caller's transaction, when the completion rule says so.
 * The rule and the progress formula live in SQL only (migration OneCompletionRule:
 * `enrolment_counters`, `enrolment_requirements_met`); this service reads their answer
 * (`requirements_met`, `progress_percent`) and writes what follows from it. It locks the
 * enrolment row first, so two changes that complete the same enrolment at the same moment run
 * one after the other and the second sees the first's facts: the completion, its audit event
 * and the certificate request (an outbox row) are written exactly once.
 */
@Injectable()
export class CompletionService {
  constructor(private readonly progress: ProgressRepository) {}

  async evaluate(em: EntityManager, enrolmentId: string, actorId: string | null): Promise<CompletionResult> {
    if (!(await this.progress.lock(enrolmentId, em))) throw new Error(`enrolment ${enrolmentId} does not exist`);
    const [row] = await this.progress.recomputeCounters([enrolmentId], em);
    if (!row) throw new Error(`enrolment ${enrolmentId} vanished while locked`);
    return this.complete(em, row, actorId);
  }

  /**
   * Recomputes the counters of enrolments from the facts (one statement) and answers them with
   * `requirements_met`. Call it with the enrolment rows locked.
   */
  async recompute(em: EntityManager, enrolmentIds: string[]): Promise<EnrolmentCounters[]> {
    return this.progress.recomputeCounters(enrolmentIds, em);
  }

  /** The decision for one enrolment whose row is locked and counters are fresh. */
  async complete(em: EntityManager, row: EnrolmentCounters, actorId: string | null): Promise<CompletionResult> {
    const progressPercent = row.progress_percent;
    if (row.status === 'completed') return { completed: true, justCompleted: false, progressPercent, status: 'completed' };
    if (!row.requirements_met || row.status === 'withdrawn') {
      return { completed: false, justCompleted: false, progressPercent, status: row.status };
    }
    if (!(await this.progress.markCompleted(row.id, em))) {
      return { completed: false, justCompleted: false, progressPercent, status: row.status };
    }
    await writeOutbox(em, JobName.IssueCertificate, row.id, { enrolmentId: row.id });
    await recordAudit(em, {
      organizationId: row.organization_id,
      actorId,
      action: 'enrolment.completed',
      subjectType: 'enrolment',
      subjectId: row.id,
      data: { userId: row.user_id, progressPercent, learningMinutes: Math.floor(row.learning_seconds / 60) },
    });
    return { completed: true, justCompleted: true, progressPercent, status: 'completed' };
  }
}

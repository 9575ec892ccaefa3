import { Injectable } from '@nestjs/common';
import { recordAudit, writeOutbox } from '@kindling/db';
import { evaluateCompletion } from '@kindling/domain';
import { JobName } from '@kindling/queue';
import type { EntityManager } from 'typeorm';
import { type EnrolmentCounters, recomputeCounters } from './counters.js';

export interface CompletionResult {
  completed: boolean;
  justCompleted: boolean;
  progressPercent: number;
  status: EnrolmentCounters['status'];
}

/**
 * Decides whether an enrolment is complete, inside the caller's transaction. It locks the
 * enrolment row first, so two changes that complete the same enrolment at the same moment
 * run one after the other and the second sees the first's facts: the completion, its audit
 * event and the certificate request (an outbox row) are written exactly once.
 */
@Injectable()
export class CompletionService {
  async evaluate(em: EntityManager, enrolmentId: string, actorId: string | null): Promise<CompletionResult> {
    const locked: { id: string }[] = await em.query(`SELECT id FROM enrolments WHERE id = $1 FOR UPDATE`, [enrolmentId]);
    if (locked.length === 0) throw new Error(`enrolment ${enrolmentId} does not exist`);
    const [row] = await recomputeCounters(em, [enrolmentId]);
    if (!row) throw new Error(`enrolment ${enrolmentId} vanished while locked`);
    return this.complete(em, row, actorId);
  }

  /** The decision for one enrolment whose row is locked and counters are fresh. */
  async complete(em: EntityManager, row: EnrolmentCounters, actorId: string | null): Promise<CompletionResult> {
    const state = evaluateCompletion({
      lessonsTotal: row.lessons_total,
      lessonsCompleted: row.lessons_completed,
      quizzesTotal: row.quizzes_total,
      quizzesPassed: row.quizzes_passed,
      requiresSelfAssessment: row.instrument_id !== null,
      preDone: row.pre_done,
      postDone: row.post_done,
      minMinutes: row.min_minutes,
      learningMinutes: Math.floor(row.learning_seconds / 60),
    });
    if (row.status === 'completed') return { completed: true, justCompleted: false, progressPercent: state.progressPercent, status: 'completed' };
    if (!state.complete || row.status === 'withdrawn') {
      return { completed: false, justCompleted: false, progressPercent: state.progressPercent, status: row.status };
    }
    const updated: unknown = await em.query(
      `UPDATE enrolments SET status = 'completed', completed_at = now(), last_activity_at = now()
        WHERE id = $1 AND status = 'active' RETURNING completed_at`,
      [row.id],
    );
    const changed = Array.isArray(updated) && Array.isArray(updated[0]) ? updated[0].length > 0 : false;
    if (!changed) return { completed: false, justCompleted: false, progressPercent: state.progressPercent, status: row.status };
    await writeOutbox(em, JobName.IssueCertificate, row.id, { enrolmentId: row.id });
    await recordAudit(em, {
      organizationId: row.organization_id,
      actorId,
      action: 'enrolment.completed',
      subjectType: 'enrolment',
      subjectId: row.id,
      data: { userId: row.user_id, progressPercent: state.progressPercent, learningMinutes: Math.floor(row.learning_seconds / 60) },
    });
    return { completed: true, justCompleted: true, progressPercent: state.progressPercent, status: 'completed' };
  }
}

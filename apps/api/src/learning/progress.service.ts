import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, isUuid, notFound, msg } from '@kindling/common';
import { type LockedEnrolmentRow, ProgressRepository } from '@kindling/db';
import { CompletionService } from './completion.service.js';

/** Heartbeats further apart than this mean the tab slept or was left open: the gap does not count. */
export const HEARTBEAT_GAP_SECONDS = 120;
/** At most this much time is credited per heartbeat. */
export const HEARTBEAT_CREDIT_SECONDS = 60;

export const PRE_FIRST = msg('errors.learning.preFirst');
export const WITHDRAWN_LEARN = msg('errors.learning.withdrawnAskManager');

/**
 * Locks the caller's own enrolment (FOR UPDATE): every change to one enrolment's progress
 * runs after the previous one committed. 404 for anyone else's enrolment.
 */
export async function lockOwnEnrolment(
  progress: ProgressRepository,
  em: EntityManager,
  enrolmentId: string,
  userId: string,
): Promise<LockedEnrolmentRow> {
  if (!isUuid(enrolmentId)) throw notFound('enrolment');
  const row = await progress.lockOwn(enrolmentId, userId, em);
  if (!row) throw notFound('enrolment');
  return row;
}

export function assertCanLearn(e: LockedEnrolmentRow): void {
  if (e.status === 'withdrawn') throw conflict(WITHDRAWN_LEARN);
  if (e.instrument_id !== null && !e.pre_done) throw conflict(PRE_FIRST);
}

@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressRepository,
    private readonly completion: CompletionService,
  ) {}

  /**
   * Marks a lesson done (idempotent) in one round trip: the SQL function complete_lesson
   * (migration OneCompletionRule) locks the caller's enrolment, checks the rules, inserts the
   * completion and recomputes the counters in one statement. Only when the fresh counters say
   * the enrolment may now be complete does the full CompletionService.evaluate path run (its
   * own transaction: lock, recompute, completion, outbox row, audit event — exactly once).
   */
  async completeLesson(userId: string, enrolmentId: string, lessonId: string): Promise<{ progressPercent: number; status: string }> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    const row = await this.progress.completeLesson(enrolmentId, userId, isUuid(lessonId) ? lessonId : null);
    switch (row?.outcome) {
      case 'ok':
        break;
      case 'withdrawn':
        throw conflict(WITHDRAWN_LEARN);
      case 'pre_first':
        throw conflict(PRE_FIRST);
      case 'lesson_not_found':
        throw notFound('lesson');
      default:
        throw notFound('enrolment');
    }
    if (!row.may_complete) return { progressPercent: row.progress_percent ?? 0, status: row.status ?? 'active' };
    return this.dataSource.transaction(async (em) => {
      const result = await this.completion.evaluate(em, enrolmentId, userId);
      return { progressPercent: result.progressPercent, status: result.status };
    });
  }

  /**
   * Credits learning time: min(now − previous heartbeat, 60 s), and nothing when the previous
   * heartbeat is more than 2 minutes old (or there is none). A `start` beat (the learner opens
   * the course or comes back to the tab) credits nothing: it starts a new span, so the time the
   * tab was hidden never counts. Evaluates completion when the minimum learning time is reached.
   */
  async heartbeat(userId: string, enrolmentId: string, start = false): Promise<{ minutes: number }> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    // One round trip in the common case: the UPDATE checks the owner and the status itself.
    const row = await this.progress.creditHeartbeat(enrolmentId, userId, HEARTBEAT_GAP_SECONDS, HEARTBEAT_CREDIT_SECONDS, start);
    if (!row) {
      const status = await this.progress.ownStatus(enrolmentId, userId);
      if (status === 'withdrawn') throw conflict(msg('errors.learning.withdrawn'));
      throw notFound('enrolment');
    }
    // Only once the minimum is reached can a beat complete the enrolment (the other
    // requirements were evaluated when they were met): no recompute on every beat. The
    // completion path locks and recomputes in its own transaction (exactly once).
    const crossed = row.min_minutes !== null && row.min_minutes > 0 && Math.floor(row.learning_seconds / 60) >= row.min_minutes;
    if (crossed && row.status === 'active') {
      await this.dataSource.transaction((em) => this.completion.evaluate(em, enrolmentId, userId));
    }
    return { minutes: Math.floor(row.learning_seconds / 60) };
  }
}

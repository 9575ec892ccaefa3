import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, notFound } from '@kindling/common';
import { isUuid } from '@kindling/common';
import { CompletionService } from './completion.service.js';
import { rowsOf } from '@kindling/db';

export interface LockedEnrolment {
  id: string;
  status: 'active' | 'completed' | 'withdrawn';
  pre_done: boolean;
  course_version_id: string;
  instrument_id: string | null;
  organization_id: string | null;
}

/** Heartbeats further apart than this mean the tab slept or was left open: the gap does not count. */
export const HEARTBEAT_GAP_SECONDS = 120;
/** At most this much time is credited per heartbeat. */
export const HEARTBEAT_CREDIT_SECONDS = 60;

export const PRE_FIRST = 'complete the pre self-assessment first';
const WITHDRAWN_LEARN = 'this enrolment is withdrawn; ask your manager to enrol you again';

/** One row of complete_lesson(enrolment, user, lesson); see migration CompleteLessonFunction. */
interface CompleteLessonRow {
  outcome: 'ok' | 'enrolment_not_found' | 'withdrawn' | 'pre_first' | 'lesson_not_found';
  status: 'active' | 'completed' | 'withdrawn' | null;
  progress_percent: number | null;
  may_complete: boolean;
}

/** Stable text: the function's statements are planned once per connection and cached by PL/pgSQL. */
const COMPLETE_LESSON_SQL = `SELECT outcome, status, progress_percent, may_complete FROM complete_lesson($1::uuid, $2::uuid, $3::uuid)`;

/**
 * Locks the caller's own enrolment (FOR UPDATE): every change to one enrolment's progress
 * runs after the previous one committed. 404 for anyone else's enrolment.
 */
export async function lockOwnEnrolment(em: EntityManager, enrolmentId: string, userId: string): Promise<LockedEnrolment> {
  if (!isUuid(enrolmentId)) throw notFound('enrolment');
  const rows: LockedEnrolment[] = await em.query(
    `SELECT e.id, e.status, e.pre_done, e.course_version_id, e.organization_id, v.instrument_id
       FROM enrolments e JOIN course_versions v ON v.id = e.course_version_id
      WHERE e.id = $1 AND e.user_id = $2
      FOR UPDATE OF e`,
    [enrolmentId, userId],
  );
  const row = rows[0];
  if (!row) throw notFound('enrolment');
  return row;
}

export function assertCanLearn(e: LockedEnrolment): void {
  if (e.status === 'withdrawn') throw conflict(WITHDRAWN_LEARN);
  if (e.instrument_id !== null && !e.pre_done) throw conflict(PRE_FIRST);
}

@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly completion: CompletionService,
  ) {}

  /**
   * Marks a lesson done (idempotent) in one round trip: the SQL function complete_lesson
   * (migration CompleteLessonFunction) locks the caller's enrolment, checks the rules, inserts
   * the completion and recomputes the counters in one statement. Only when the fresh counters
   * say the enrolment could now be complete does the full CompletionService.evaluate path run
   * (its own transaction: lock, recompute, completion, outbox row, audit event — exactly once).
   */
  async completeLesson(userId: string, enrolmentId: string, lessonId: string): Promise<{ progressPercent: number; status: string }> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    const rows: CompleteLessonRow[] = await this.dataSource.query(COMPLETE_LESSON_SQL, [
      enrolmentId,
      userId,
      isUuid(lessonId) ? lessonId : null,
    ]);
    const row = rows[0];
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
   * heartbeat is more than 2 minutes old (or there is none). Evaluates completion when the
   * course has a minimum learning time.
   */
  async heartbeat(userId: string, enrolmentId: string): Promise<{ minutes: number }> {
    return this.dataSource.transaction(async (em) => {
      const enrolment = await lockOwnEnrolment(em, enrolmentId, userId);
      if (enrolment.status === 'withdrawn') throw conflict('this enrolment is withdrawn');
      const result: unknown = await em.query(
        `UPDATE enrolments e SET
                learning_seconds = e.learning_seconds + CASE
                  WHEN e.last_heartbeat_at IS NULL OR e.last_heartbeat_at > clock_timestamp()
                    OR clock_timestamp() - e.last_heartbeat_at > make_interval(secs => $2::int) THEN 0
                  ELSE LEAST(floor(extract(epoch FROM clock_timestamp() - e.last_heartbeat_at)), $3::int)::int END,
                last_heartbeat_at = clock_timestamp(),
                started_at = coalesce(e.started_at, now()),
                last_activity_at = now()
          WHERE e.id = $1
          RETURNING e.learning_seconds, (SELECT v.min_minutes FROM course_versions v WHERE v.id = e.course_version_id) AS min_minutes`,
        [enrolmentId, HEARTBEAT_GAP_SECONDS, HEARTBEAT_CREDIT_SECONDS],
      );
      const row = rowsOf<{ learning_seconds: number; min_minutes: number | null }>(result)[0];
      if (!row) throw notFound('enrolment');
      if (row.min_minutes !== null && row.min_minutes > 0 && enrolment.status === 'active') {
        await this.completion.evaluate(em, enrolmentId, userId);
      }
      return { minutes: Math.floor(row.learning_seconds / 60) };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EnrolmentStatus } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';
import { WriteBatcher } from '../write-batcher.js';

type Db = EntityManager | DataSource;

/** The learner's own enrolment, locked, with what the learning rules need. */
export interface LockedEnrolmentRow {
  id: string;
  status: EnrolmentStatus;
  pre_done: boolean;
  course_version_id: string;
  instrument_id: string | null;
  organization_id: string | null;
}

/**
 * One row of recompute_enrolments(ids): the fresh counters of an enrolment and
 * `requirements_met`, the completion rule (migration OneCompletionRule) applied to them.
 */
export interface EnrolmentCounters {
  id: string;
  status: EnrolmentStatus;
  lessons_total: number;
  lessons_completed: number;
  quizzes_total: number;
  quizzes_passed: number;
  progress_percent: number;
  learning_seconds: number;
  pre_done: boolean;
  post_done: boolean;
  instrument_id: string | null;
  min_minutes: number | null;
  organization_id: string | null;
  user_id: string;
  completed_at: Date | null;
  /** Every lesson, quiz, self-assessment and the minimum time done (status not considered). */
  requirements_met: boolean;
}

/** One row of complete_lesson(enrolment, user, lesson). */
export interface CompleteLessonRow {
  outcome: 'ok' | 'enrolment_not_found' | 'withdrawn' | 'pre_first' | 'lesson_not_found';
  status: EnrolmentStatus | null;
  progress_percent: number | null;
  /** The enrolment is active and `requirements_met`: run the completion path. */
  may_complete: boolean;
}

export interface HeartbeatRow {
  learning_seconds: number;
  min_minutes: number | null;
  status: EnrolmentStatus;
}

/** Learning time against the version's minimum, and whether everything but the time is done. */
export interface TimeRequirementRow {
  id: string;
  learning_seconds: number;
  min_minutes: number | null;
  /** The completion rule (enrolment_requirements_met) applied without the minimum time. */
  items_done: boolean;
}

/** One row of enrolment_counter_drift(ids): an enrolment whose stored counters differ from the facts. */
export interface CounterDriftRow {
  id: string;
  organization_id: string | null;
  stored_lessons_total: number;
  stored_lessons_completed: number;
  stored_items_total: number;
  stored_items_done: number;
  stored_progress_percent: number;
  stored_best_final_score: string | null;
  lessons_total: number;
  lessons_completed: number;
  items_total: number;
  items_done: number;
  progress_percent: number;
  best_final_score: string | null;
}

/** Stable text: the function's statements are planned once per connection and cached by PL/pgSQL. */
const COMPLETE_LESSON_SQL = `SELECT outcome, status, progress_percent, may_complete FROM complete_lesson($1::uuid, $2::uuid, $3::uuid)`;

/** The same write for several learners in one statement (migration BatchedLessonCompletions). */
const COMPLETE_LESSONS_SQL = `SELECT idx, outcome, status, progress_percent, may_complete
   FROM complete_lessons($1::uuid[], $2::uuid[], $3::uuid[])`;

/** The heartbeat UPDATE (owner and status in its WHERE), alone and for several (migration BatchedLearnerWrites). */
const CREDIT_HEARTBEAT_SQL = `SELECT learning_seconds, status, min_minutes FROM credit_heartbeat($1::uuid, $2::uuid, $3::boolean, $4::int, $5::int)`;
const CREDIT_HEARTBEATS_SQL = `SELECT idx, learning_seconds, status, min_minutes
   FROM credit_heartbeats($1::uuid[], $2::uuid[], $3::boolean[], $4::int, $5::int)`;

interface HeartbeatWrite {
  enrolmentId: string;
  userId: string;
  start: boolean;
  gapSeconds: number;
  creditSeconds: number;
}

interface LessonWrite {
  enrolmentId: string;
  userId: string;
  lessonId: string | null;
}

/**
 * Lesson writes (and heartbeats) of one API process: at most this many statements of the kind at
 * once; what arrives meanwhile goes in the next one (up to BATCH_MAX writes). Measured with
 * `npm run bench -- --only a` on the two-core machine: 1, 2 and 4 slots all beat one statement
 * per write; fewer slots mean bigger batches and less PostgreSQL CPU per write (0.30 ms with 1,
 * 0.33–0.39 with 2, 0.48–0.57 with 4), two keep one batch forming while the other runs.
 */
const WRITES_IN_FLIGHT = 2;
const BATCH_MAX = 64;

const RECOMPUTE_SQL = `SELECT id, status, user_id, organization_id, completed_at, lessons_total, lessons_completed, quizzes_total,
        quizzes_passed, progress_percent, learning_seconds, pre_done, post_done, instrument_id, min_minutes, requirements_met
   FROM recompute_enrolments($1::uuid[])`;

/**
 * Progress of an enrolment: lesson completions, learning time (heartbeats), the counters the
 * dashboards read, and the completion mark. The progress formula and the completion rule live
 * in SQL only (migration OneCompletionRule: enrolment_counters, enrolment_requirements_met,
 * recompute_enrolments, complete_lesson); this repository calls them and returns their rows.
 */
@Injectable()
export class ProgressRepository {
  /** Lesson writes outside a caller's transaction, batched when they arrive together (WriteBatcher). */
  readonly lessonWrites: WriteBatcher<LessonWrite, CompleteLessonRow | null>;
  /** Heartbeats outside a caller's transaction, likewise. */
  readonly heartbeats: WriteBatcher<HeartbeatWrite, HeartbeatRow | null>;

  constructor(private readonly dataSource: DataSource) {
    this.lessonWrites = new WriteBatcher<LessonWrite, CompleteLessonRow | null>({
      one: (w) => queryFirst<CompleteLessonRow>(this.dataSource, COMPLETE_LESSON_SQL, [w.enrolmentId, w.userId, w.lessonId]),
      many: async (ws) => {
        const rows = await queryRows<CompleteLessonRow & { idx: number }>(this.dataSource, COMPLETE_LESSONS_SQL, [
          ws.map((w) => w.enrolmentId),
          ws.map((w) => w.userId),
          ws.map((w) => w.lessonId),
        ]);
        const byIdx = new Map(rows.map(({ idx, ...row }) => [idx, row]));
        return ws.map((_, i) => byIdx.get(i + 1) ?? null);
      },
      maxInFlight: WRITES_IN_FLIGHT,
      maxBatch: BATCH_MAX,
    });
    this.heartbeats = new WriteBatcher<HeartbeatWrite, HeartbeatRow | null>({
      one: (w) => queryFirst<HeartbeatRow>(this.dataSource, CREDIT_HEARTBEAT_SQL, [w.enrolmentId, w.userId, w.start, w.gapSeconds, w.creditSeconds]),
      many: async (ws) => {
        // The gap and the credit are the API's constants: one value for the whole batch.
        const [first] = ws;
        if (ws.some((w) => w.gapSeconds !== first!.gapSeconds || w.creditSeconds !== first!.creditSeconds)) {
          throw new Error('credit_heartbeats: one gap and one credit per batch');
        }
        const rows = await queryRows<HeartbeatRow & { idx: number }>(this.dataSource, CREDIT_HEARTBEATS_SQL, [
          ws.map((w) => w.enrolmentId),
          ws.map((w) => w.userId),
          ws.map((w) => w.start),
          first!.gapSeconds,
          first!.creditSeconds,
        ]);
        const byIdx = new Map(rows.map(({ idx, ...row }) => [idx, row]));
        return ws.map((_, i) => byIdx.get(i + 1) ?? null);
      },
      maxInFlight: WRITES_IN_FLIGHT,
      maxBatch: BATCH_MAX,
    });
  }

  /**
   * Locks the caller's own enrolment (FOR UPDATE) with its version's instrument: every change
   * to one enrolment's progress runs after the previous one committed. Null for anyone else's.
   */
  async lockOwn(enrolmentId: string, userId: string, em: EntityManager): Promise<LockedEnrolmentRow | null> {
    return queryFirst<LockedEnrolmentRow>(
      em,
      `SELECT e.id, e.status, e.pre_done, e.course_version_id, e.organization_id, v.instrument_id
         FROM enrolments e JOIN course_versions v ON v.id = e.course_version_id
        WHERE e.id = $1 AND e.user_id = $2
        FOR UPDATE OF e`,
      [enrolmentId, userId],
    );
  }

  /** Locks an enrolment row (FOR UPDATE); false when it does not exist. */
  async lock(enrolmentId: string, em: EntityManager): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(em, `SELECT id FROM enrolments WHERE id = $1 FOR UPDATE`, [enrolmentId]);
    return rows.length > 0;
  }

  /**
   * The lesson-completion write in one round trip (complete_lesson): lock, rules, the
   * completion row (idempotent) and the counters in one UPDATE. `lessonId` null means "no such
   * lesson" (the function answers lesson_not_found after the enrolment checks).
   *
   * Without a transaction of the caller's, the write goes through `lessonWrites`: alone at low
   * load, together with the lesson writes that arrived meanwhile under load (complete_lessons,
   * the same function per write, one statement and one commit for all of them).
   */
  async completeLesson(enrolmentId: string, userId: string, lessonId: string | null, db?: EntityManager): Promise<CompleteLessonRow | null> {
    if (db) return queryFirst<CompleteLessonRow>(db, COMPLETE_LESSON_SQL, [enrolmentId, userId, lessonId]);
    return this.lessonWrites.submit({ enrolmentId, userId, lessonId });
  }

  /**
   * Recomputes the counters of enrolments from the facts (recompute_enrolments), in one
   * statement, and answers them with `requirements_met`. The lesson write (complete_lesson)
   * increments them in place (migration IncrementalLessonCounters); every other change and the
   * worker's consistency check derive them here. Call it with the enrolment rows locked.
   */
  async recomputeCounters(enrolmentIds: string[], db: Db = this.dataSource): Promise<EnrolmentCounters[]> {
    if (enrolmentIds.length === 0) return [];
    return queryRows<EnrolmentCounters>(db, RECOMPUTE_SQL, [enrolmentIds]);
  }

  /** Enrolment ids after `afterId` (null: from the start) in id order, at most `limit`: the consistency check's batches. */
  async enrolmentIdsAfter(afterId: string | null, limit: number, db: Db = this.dataSource): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      `SELECT id FROM enrolments WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The enrolments among `enrolmentIds` whose stored counters differ from the counters derived
   * from the facts (enrolment_counter_drift: one statement, one snapshot, so a write committed
   * in between never shows as drift). Empty when all agree.
   */
  async counterDrift(enrolmentIds: string[], db: Db = this.dataSource): Promise<CounterDriftRow[]> {
    if (enrolmentIds.length === 0) return [];
    return queryRows<CounterDriftRow>(
      db,
      `SELECT id, organization_id, stored_lessons_total, stored_lessons_completed, stored_items_total, stored_items_done,
              stored_progress_percent, stored_best_final_score::text, lessons_total, lessons_completed, items_total, items_done,
              progress_percent, best_final_score::text
         FROM enrolment_counter_drift($1::uuid[])`,
      [enrolmentIds],
    );
  }

  /** Locks enrolment rows (FOR UPDATE) in id order. */
  async lockMany(enrolmentIds: string[], em: EntityManager): Promise<void> {
    if (enrolmentIds.length === 0) return;
    await queryRows(em, `SELECT id FROM enrolments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [enrolmentIds]);
  }

  /** Marks an active enrolment completed; false when it was not active (any more). */
  async markCompleted(enrolmentId: string, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows<{ completed_at: Date }>(
      db,
      `UPDATE enrolments SET status = 'completed', completed_at = now(), last_activity_at = now()
        WHERE id = $1 AND status = 'active' RETURNING completed_at`,
      [enrolmentId],
    );
    return rows.length > 0;
  }

  /**
   * Credits learning time for a heartbeat of the caller's own, not withdrawn enrolment, in one
   * statement (issue 20 point 3: one round trip, no separate lock): min(now − previous heartbeat,
   * `creditSeconds`), and nothing when the previous heartbeat is more than `gapSeconds` old (or
   * there is none), or when `start` (a new span of study begins: the time since the previous
   * beat was not study). The UPDATE's row lock orders concurrent beats; its WHERE is re-checked
   * on the locked row. Answers the new total, the version's minimum minutes and the status;
   * null when nothing was credited (see `ownStatus` for why). Outside a caller's transaction,
   * beats that arrive together go in one statement (`heartbeats`, credit_heartbeats).
   */
  async creditHeartbeat(
    enrolmentId: string,
    userId: string,
    gapSeconds: number,
    creditSeconds: number,
    start: boolean,
    db?: EntityManager,
  ): Promise<HeartbeatRow | null> {
    if (db) return queryFirst<HeartbeatRow>(db, CREDIT_HEARTBEAT_SQL, [enrolmentId, userId, start, gapSeconds, creditSeconds]);
    return this.heartbeats.submit({ enrolmentId, userId, start, gapSeconds, creditSeconds });
  }

  /** The status of the caller's own enrolment; null for anyone else's or an unknown one (the error path of a one-statement write). */
  async ownStatus(enrolmentId: string, userId: string, db: Db = this.dataSource): Promise<EnrolmentStatus | null> {
    const row = await queryFirst<{ status: EnrolmentStatus }>(db, `SELECT status FROM enrolments WHERE id = $1 AND user_id = $2`, [enrolmentId, userId]);
    return row?.status ?? null;
  }

  /**
   * Learning time and the minimum of an enrolment's version, with `items_done`: the completion
   * rule (the SQL function, no copy of it here) applied to the fresh facts with no minimum time.
   * Read only; null for an unknown enrolment.
   */
  async timeRequirement(enrolmentId: string, db: Db = this.dataSource): Promise<TimeRequirementRow | null> {
    return (await this.timeRequirements([enrolmentId], db))[0] ?? null;
  }

  /** timeRequirement for several enrolments (a learner's home page), in one statement. */
  async timeRequirements(enrolmentIds: string[], db: Db = this.dataSource): Promise<TimeRequirementRow[]> {
    if (enrolmentIds.length === 0) return [];
    return queryRows<TimeRequirementRow>(
      db,
      `SELECT e.id, e.learning_seconds, v.min_minutes,
              enrolment_requirements_met(c.lessons_completed, c.lessons_total, c.quizzes_passed, c.quizzes_total,
                v.instrument_id IS NOT NULL, e.pre_done, e.post_done, 0, e.learning_seconds) AS items_done
         FROM enrolments e
         JOIN course_versions v ON v.id = e.course_version_id
        CROSS JOIN LATERAL enrolment_counters(e.id, e.course_version_id) c
        WHERE e.id = ANY($1::uuid[])`,
      [enrolmentIds],
    );
  }

  /** Records learner activity on an enrolment; `started` also sets started_at when unset. */
  async recordActivity(enrolmentId: string, started: boolean, db: Db = this.dataSource): Promise<void> {
    await db.query(
      started
        ? `UPDATE enrolments SET started_at = coalesce(started_at, now()), last_activity_at = now() WHERE id = $1`
        : `UPDATE enrolments SET last_activity_at = now() WHERE id = $1`,
      [enrolmentId],
    );
  }
}

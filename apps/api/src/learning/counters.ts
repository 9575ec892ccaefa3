import { rowsOf } from '@kindling/db';
import type { EntityManager } from 'typeorm';

export interface EnrolmentCounters {
  id: string;
  status: 'active' | 'completed' | 'withdrawn';
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
}

/**
 * Recomputes the counters of enrolments from the facts (lesson completions and submitted
 * attempts of their course version), in one statement. Dashboards read these counters, so they
 * are derived, never incremented. `best_final_score` is the best score on the version's last
 * quiz in outline order (modules by position; within a module quizzes come after lessons, by
 * position). Call it with the enrolment rows locked (CompletionService does).
 */
export async function recomputeCounters(em: EntityManager, enrolmentIds: string[]): Promise<EnrolmentCounters[]> {
  if (enrolmentIds.length === 0) return [];
  const result: unknown = await em.query(
    `WITH facts AS (
       SELECT e.id,
              (SELECT count(*) FROM lessons l WHERE l.course_version_id = e.course_version_id)::int AS lessons_total,
              (SELECT count(*) FROM lesson_completions lc JOIN lessons l ON l.id = lc.lesson_id
                WHERE lc.enrolment_id = e.id AND l.course_version_id = e.course_version_id)::int AS lessons_completed,
              (SELECT count(*) FROM quizzes q WHERE q.course_version_id = e.course_version_id)::int AS quizzes_total,
              (SELECT count(DISTINCT a.quiz_id) FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id
                WHERE a.enrolment_id = e.id AND a.passed AND q.course_version_id = e.course_version_id)::int AS quizzes_passed,
              (SELECT max(a.score_percent) FROM quiz_attempts a
                WHERE a.enrolment_id = e.id AND a.submitted_at IS NOT NULL
                  AND a.quiz_id = (SELECT q.id FROM quizzes q JOIN modules m ON m.id = q.module_id
                                    WHERE q.course_version_id = e.course_version_id
                                    ORDER BY m.position DESC, q.position DESC, q.id DESC LIMIT 1)) AS best_final
         FROM enrolments e WHERE e.id = ANY($1::uuid[])
     )
     UPDATE enrolments en SET
            lessons_total = f.lessons_total,
            lessons_completed = f.lessons_completed,
            items_total = f.lessons_total + f.quizzes_total,
            items_done = LEAST(f.lessons_completed, f.lessons_total) + LEAST(f.quizzes_passed, f.quizzes_total),
            progress_percent = CASE WHEN f.lessons_total + f.quizzes_total = 0 THEN 100
              ELSE floor(100.0 * (LEAST(f.lessons_completed, f.lessons_total) + LEAST(f.quizzes_passed, f.quizzes_total))
                         / (f.lessons_total + f.quizzes_total))::int END,
            best_final_score = f.best_final
       FROM facts f, course_versions v
      WHERE en.id = f.id AND v.id = en.course_version_id
     RETURNING en.id, en.status, en.user_id, en.organization_id, en.completed_at, f.lessons_total, f.lessons_completed,
               f.quizzes_total, f.quizzes_passed, en.progress_percent, en.learning_seconds, en.pre_done, en.post_done,
               v.instrument_id, v.min_minutes`,
    [enrolmentIds],
  );
  return rowsOf<EnrolmentCounters>(result);
}

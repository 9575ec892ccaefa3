import type { DataSource } from 'typeorm';
import type { Options } from '../lib/options.js';
import { type Line, say, shuffle } from '../lib/report.js';
import type { BenchProcess } from '../lib/stack.js';
import type { BenchTokens } from '../lib/tokens.js';
import { type NoopResult, writeLine } from '../lib/writes.js';
import type { ScaleCohort } from '../scale/seed.js';

const MAX_DEFAULT = 8_000;

// ---------- (i) quiz attempt submissions beside the no-op ----------
export async function attemptSubmissions(
  ds: DataSource,
  baseUrl: string,
  cohort: ScaleCohort,
  tokens: BenchTokens,
  options: Options,
  api: BenchProcess,
  noop: NoopResult,
): Promise<Line> {
  const MAX = Math.min(MAX_DEFAULT, options.onceMax);
  const quizId = cohort.quizIds[1] ?? cohort.quizIds[0]!;
  say(`\n(i) POST /api/attempts/:id/submission at 64 connections (up to ${MAX} open attempts, each submitted once)`);
  // Open attempts written as the start route writes them (every question, options as stored), for
  // active learners far from the end (so a passed quiz completes no enrolment).
  const attempts = (await ds.query(
    `INSERT INTO quiz_attempts (enrolment_id, quiz_id, attempt_no, presented, started_at)
     SELECT e.id, q.id, 1,
            (SELECT jsonb_agg(jsonb_build_object('questionId', x->>'id', 'optionIds', (SELECT jsonb_agg(o->>'id') FROM jsonb_array_elements(x->'options') o)))
               FROM jsonb_array_elements(q.questions) x),
            now() - interval '5 minutes'
       FROM enrolments e JOIN quizzes q ON q.id = $2
      WHERE e.cohort_id = $1 AND e.status = 'active' AND e.pre_done AND e.lessons_completed <= $3
        AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.enrolment_id = e.id AND a.quiz_id = $2)
      LIMIT $4
     RETURNING id, enrolment_id`,
    [cohort.cohortId, quizId, cohort.lessonIds.length - 4, MAX],
  )) as { id: string; enrolment_id: string }[];
  const [quiz] = (await ds.query(`SELECT questions FROM quizzes WHERE id = $1`, [quizId])) as {
    questions: { id: string; options: { id: string; correct: boolean }[] }[];
  }[];
  const body = JSON.stringify({
    answers: quiz!.questions.map((q) => ({ questionId: q.id, optionIds: [q.options.find((o) => o.correct)?.id ?? q.options[0]!.id] })),
  });
  const owners = (await ds.query(`SELECT id, user_id FROM enrolments WHERE id = ANY($1::uuid[])`, [attempts.map((a) => a.enrolment_id)])) as {
    id: string;
    user_id: string;
  }[];
  const ownerOf = new Map(owners.map((o) => [o.id, o.user_id]));
  const tokenFor = await tokens.prepare(owners.map((o) => o.user_id));
  const requests = shuffle(attempts).map((a) => ({
    method: 'POST' as const,
    path: `/api/attempts/${a.id}/submission`,
    headers: { authorization: tokenFor(ownerOf.get(a.enrolment_id)!), 'content-type': 'application/json' },
    body,
  }));
  return writeLine({ id: 'i', what: `POST /api/attempts/:id/submission, ${requests.length} attempts once each`, baseUrl, options, api, noop, requests, db: ds, once: true });
}

import type { DataSource } from 'typeorm';
import type { Options } from '../lib/options.js';
import { type Line, say } from '../lib/report.js';
import type { BenchProcess } from '../lib/stack.js';
import type { BenchTokens } from '../lib/tokens.js';
import { type NoopResult, writeLine } from '../lib/writes.js';
import type { ScaleCohort } from '../scale/seed.js';

// ---------- (h) quiz attempt starts beside the no-op ----------
export async function attemptStarts(
  ds: DataSource,
  baseUrl: string,
  cohort: ScaleCohort,
  tokens: BenchTokens,
  options: Options,
  api: BenchProcess,
  noop: NoopResult,
): Promise<Line> {
  const quizId = cohort.quizIds[0]!; // the first module's quiz (line b uses the final one, line i the second)
  say('\n(h) POST /api/enrolments/:id/quizzes/:id/attempts at 64 connections (each enrolment starts once)');
  const learners = (await ds.query(
    `SELECT e.id, e.user_id FROM enrolments e
      WHERE e.cohort_id = $1 AND e.status = 'active' AND e.pre_done
        AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.enrolment_id = e.id AND a.quiz_id = $2)
      ORDER BY random() LIMIT 40000`,
    [cohort.cohortId, quizId],
  )) as { id: string; user_id: string }[];
  const tokenFor = await tokens.prepare(learners.map((l) => l.user_id));
  const requests = learners.map((l) => ({
    method: 'POST' as const,
    path: `/api/enrolments/${l.id}/quizzes/${quizId}/attempts`,
    headers: { authorization: tokenFor(l.user_id) },
  }));
  // Duration-bound: more requests than enrolments would re-open an attempt (the reload path); the line says how many were distinct.
  const line = await writeLine({ id: 'h', what: `POST …/quizzes/:id/attempts, up to ${requests.length} distinct starts`, baseUrl, options, api, noop, requests, db: ds });
  const sent = (line.detail as { requests: number }).requests;
  if (sent > requests.length) line.what += ` (${sent - requests.length} repeated, answered with the open attempt)`;
  return line;
}

import type { DataSource } from 'typeorm';
import type { Options } from '../lib/options.js';
import { type Line, say, shuffle } from '../lib/report.js';
import type { BenchProcess } from '../lib/stack.js';
import type { BenchTokens } from '../lib/tokens.js';
import { type NoopResult, writeLine } from '../lib/writes.js';
import type { ScaleCohort } from '../scale/seed.js';

// ---------- (g) learning-time heartbeats beside the no-op ----------
export async function heartbeats(
  ds: DataSource,
  baseUrl: string,
  cohort: ScaleCohort,
  tokens: BenchTokens,
  options: Options,
  api: BenchProcess,
  noop: NoopResult,
): Promise<Line> {
  say('\n(g) POST /api/enrolments/:id/heartbeat at 64 connections');
  // Active learners far from the end, so no heartbeat completes an enrolment.
  const learners = (await ds.query(
    `SELECT id, user_id FROM enrolments
      WHERE cohort_id = $1 AND status = 'active' AND lessons_completed <= $2 ORDER BY random() LIMIT 20000`,
    [cohort.cohortId, cohort.lessonIds.length - 4],
  )) as { id: string; user_id: string }[];
  const tokenFor = await tokens.prepare(learners.map((l) => l.user_id));
  const requests = shuffle(learners).map((l) => ({
    method: 'POST' as const,
    path: `/api/enrolments/${l.id}/heartbeat`,
    headers: { authorization: tokenFor(l.user_id) },
  }));
  return writeLine({ id: 'g', what: `POST …/heartbeat, ${requests.length} enrolments`, baseUrl, options, api, noop, requests, db: ds });
}

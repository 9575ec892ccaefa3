import { kindlingInstrument } from '@kindling/content';
import type { DataSource } from 'typeorm';
import type { Options } from '../lib/options.js';
import { type Line, say, shuffle } from '../lib/report.js';
import type { BenchProcess } from '../lib/stack.js';
import type { BenchTokens } from '../lib/tokens.js';
import { type NoopResult, writeLine } from '../lib/writes.js';
import type { ScaleCohort } from '../scale/seed.js';

const MAX_DEFAULT = 8_000;

// ---------- (j) pre self-assessment submissions beside the no-op ----------
export async function selfAssessments(
  ds: DataSource,
  baseUrl: string,
  cohort: ScaleCohort,
  tokens: BenchTokens,
  options: Options,
  api: BenchProcess,
  noop: NoopResult,
): Promise<Line> {
  const MAX = Math.min(MAX_DEFAULT, options.onceMax);
  say(`\n(j) POST /api/enrolments/:id/self-assessments/pre at 64 connections (up to ${MAX} learners who have not started, once each)`);
  const learners = (await ds.query(
    `SELECT id, user_id FROM enrolments WHERE cohort_id = $1 AND status = 'active' AND NOT pre_done ORDER BY random() LIMIT $2`,
    [cohort.cohortId, MAX],
  )) as { id: string; user_id: string }[];
  const { min, max } = kindlingInstrument.scale;
  const body = JSON.stringify({ answers: kindlingInstrument.items.map((item, n) => ({ itemId: item.id, value: min + (n % (max - min + 1)) })) });
  const tokenFor = await tokens.prepare(learners.map((l) => l.user_id));
  const requests = shuffle(learners).map((l) => ({
    method: 'POST' as const,
    path: `/api/enrolments/${l.id}/self-assessments/pre`,
    headers: { authorization: tokenFor(l.user_id), 'content-type': 'application/json' },
    body,
  }));
  return writeLine({ id: 'j', what: `POST …/self-assessments/pre, ${requests.length} learners once each`, baseUrl, options, api, noop, requests, db: ds, once: true });
}

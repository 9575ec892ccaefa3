import type { DataSource } from 'typeorm';
import { runLoad } from '../lib/load.js';
import { type Line, loadFigures, ms, r1, say } from '../lib/report.js';
import type { ScaleCohort } from '../scale/seed.js';
import type { BenchTokens } from '../lib/tokens.js';

// ---------- (b) 3,000 learners start a quiz attempt within 10 s ----------
export async function quizStarts(ds: DataSource, baseUrl: string, cohort: ScaleCohort, tokens: BenchTokens): Promise<Line> {
  const total = 3_000;
  const seconds = 10;
  say(`\n(b) ${total} learners start the final quiz within ${seconds} s (each once, own token)`);
  const finalQuiz = cohort.quizIds[cohort.quizIds.length - 1]!;
  const learners = (await ds.query(
    `SELECT e.id, e.user_id FROM enrolments e
      WHERE e.cohort_id = $1 AND e.status = 'active' AND e.pre_done
        AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.enrolment_id = e.id AND a.quiz_id = $2)
      ORDER BY random() LIMIT $3`,
    [cohort.cohortId, finalQuiz, total],
  )) as { id: string; user_id: string }[];
  if (learners.length < total) throw new Error(`only ${learners.length} learners can start the final quiz; seed a larger cohort`);
  const tokenFor = await tokens.prepare(learners.map((l) => l.user_id));
  const requests = learners.map((l) => ({ path: `/api/enrolments/${l.id}/quizzes/${finalQuiz}/attempts`, token: tokenFor(l.user_id) }));
  const result = await runLoad({
    baseUrl,
    connections: 100,
    amount: total,
    overallRate: total / seconds,
    next: (n) => ({ method: 'POST', path: requests[n]!.path, headers: { authorization: requests[n]!.token } }),
  });
  const [created] = (await ds.query(
    `SELECT count(*)::int AS n FROM quiz_attempts WHERE quiz_id = $1 AND enrolment_id = ANY($2::uuid[]) AND submitted_at IS NULL`,
    [finalQuiz, learners.map((l) => l.id)],
  )) as { n: number }[];
  say(`  ${result.ok}/${total} answered 2xx in ${result.seconds.toFixed(1)} s, p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, errors ${result.errors}; attempts stored: ${created?.n}`);
  return {
    id: 'b',
    what: `POST …/quizzes/:id/attempts, ${total} learners at ${total / seconds}/s (100 connections)`,
    figures: { ...loadFigures(result), seconds: r1(result.seconds), 'attempts stored': created?.n ?? 0 },
    target: 'no errors and p95 < 300 ms',
    met: result.errors === 0 && result.p95 < 300 && (created?.n ?? 0) === total,
    note: result.errorSamples[0],
    detail: result,
  };
}

import type { DataSource } from 'typeorm';
import { type LoadResult, mergeLoads, runLoad } from '../lib/load.js';
import type { Options } from '../lib/options.js';
import { type Line, loadFigures, ms, r1, r2, say, shuffle } from '../lib/report.js';
import { type BenchProcess, type CpuSplit, mergeCpu, withCpuSplit } from '../lib/stack.js';
import { cpuText } from '../lib/writes.js';
import type { BenchTokens } from '../lib/tokens.js';
import type { ScaleCohort } from '../scale/seed.js';

// ---------- (a) lesson completion writes beside the no-op route ----------
export async function completionWrites(
  ds: DataSource,
  baseUrl: string,
  cohort: ScaleCohort,
  tokens: BenchTokens,
  options: Options,
  api: BenchProcess,
): Promise<Line[]> {
  say('\n(a) lesson-completion writes at 64 connections beside GET /api/bench/noop');
  // Learners who may learn (pre done, active) and are far from the end, so no write completes an
  // enrolment (that would add certificate work to the run); each gets its next two lessons.
  const learners = (await ds.query(
    `SELECT id, user_id, lessons_completed FROM enrolments
      WHERE cohort_id = $1 AND status = 'active' AND pre_done AND lessons_completed <= $2
      ORDER BY random() LIMIT 40000`,
    [cohort.cohortId, cohort.lessonIds.length - 4],
  )) as { id: string; user_id: string; lessons_completed: number }[];
  const tokenFor = await tokens.prepare(learners.map((l) => l.user_id));
  const pairs = shuffle(
    learners.flatMap((l) => {
      const token = tokenFor(l.user_id);
      return [0, 1].map((k) => ({ path: `/api/enrolments/${l.id}/lessons/${cohort.lessonIds[l.lessons_completed + k]}/completion`, token }));
    }),
  );
  const connections = 64;
  // The no-op and the writes take turns: ROUNDS rounds of (no-op, writes), each a ROUNDS-th of
  // --duration. On a shared virtual machine the speed of the whole box drifts by ±20 % from one
  // minute to the next (the no-op alone measured 1,480–2,300 req/s in back-to-back runs of one
  // build); measured in turns, both sides of the ratio see the same machine.
  const ROUNDS = 4;
  const seconds = Math.max(1, options.duration / ROUNDS);
  type Measured = LoadResult & { cpu: CpuSplit };
  const noopRounds: Measured[] = [];
  const writeRounds: Measured[] = [];
  let sent = 0;
  const nextWrite = () => {
    const pair = pairs[sent++ % pairs.length]!;
    return { method: 'PUT', path: pair.path, headers: { authorization: pair.token } };
  };
  // Not measured: two seconds of each first, so that the first round does not carry the API's
  // first compilations and the pool's first connections (round 1 was always the slowest).
  await runLoad({ baseUrl, connections, duration: 2, next: () => ({ method: 'GET', path: '/api/bench/noop' }) });
  await runLoad({ baseUrl, connections, duration: 2, next: nextWrite });
  for (let round = 0; round < ROUNDS; round++) {
    noopRounds.push(
      await withCpuSplit(
        api,
        () => runLoad({ baseUrl, connections, duration: seconds, keepLatencies: true, next: () => ({ method: 'GET', path: '/api/bench/noop' }) }),
        ds,
      ),
    );
    writeRounds.push(
      await withCpuSplit(
        api,
        () =>
          runLoad({
            baseUrl,
            connections,
            duration: seconds,
            keepLatencies: true,
            next: nextWrite,
          }),
        ds,
      ),
    );
  }
  const noop = { ...mergeLoads(noopRounds), cpu: mergeCpu(noopRounds) };
  const writes = { ...mergeLoads(writeRounds), cpu: mergeCpu(writeRounds) };
  const roundRatios = writeRounds.map((w, i) => r2(noopRounds[i]!.rps > 0 ? w.rps / noopRounds[i]!.rps : 0));
  const cpu = cpuText;
  say(`  noop:   ${r1(noop.rps)} req/s, p50 ${ms(noop.p50)}, p99 ${ms(noop.p99)}, errors ${noop.errors}; ${cpu(noop.cpu)}`);
  const distinct = Math.min(writes.requests, pairs.length);
  say(`  writes: ${r1(writes.rps)} req/s, p50 ${ms(writes.p50)}, p99 ${ms(writes.p99)}, errors ${writes.errors}; ${cpu(writes.cpu)} ${writes.errorSamples.join(' | ')}`);
  const ratio = noop.rps > 0 ? writes.rps / noop.rps : 0;
  say(`  ${ROUNDS} rounds of ${seconds} s each; ratio per round: ${roundRatios.join(', ')}; over all rounds: ${r2(ratio)}`);
  return [
    {
      id: 'a.noop',
      what: 'GET /api/bench/noop, 64 connections',
      figures: { ...loadFigures(noop), 'API CPU ms/req': noop.cpu.apiMs },
      target: 'baseline',
      met: null,
      detail: noop,
    },
    {
      id: 'a.writes',
      what: `PUT …/lessons/:id/completion, 64 connections, ${distinct} distinct (enrolment, lesson) pairs`,
      figures: { ...loadFigures(writes), 'ratio to noop': r2(ratio), 'ratio per round': roundRatios.join(' / '), 'API CPU ms/req': writes.cpu.apiMs, 'PostgreSQL CPU ms/req': writes.cpu.postgresMs, 'DB+rest CPU ms/req': writes.cpu.restMs },
      target: 'ratio ≥ 0.4 and p99 < 50 ms, no errors',
      met: ratio >= 0.4 && writes.p99 < 50 && writes.errors === 0,
      note: writes.errorSamples[0],
      detail: { ...writes, rounds: writeRounds.map((w, i) => ({ noopRps: r1(noopRounds[i]!.rps), writesRps: r1(w.rps), writesP99: w.p99 })) },
    },
  ];
}

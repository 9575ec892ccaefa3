import type { RawRequest } from 'autocannon';
import { type LoadResult, runLoad } from './load.js';
import type { Options } from './options.js';
import { type Line, loadFigures, ms, r1, r2, say } from './report.js';
import { type BenchProcess, type CpuSplit, type SqlRunner, withCpuSplit } from './stack.js';

export type NoopResult = LoadResult & { cpu: CpuSplit };

/** GET /api/bench/noop at 64 connections: the baseline every write line is divided by (measured once per run). */
export async function measureNoop(baseUrl: string, options: Options, api: BenchProcess, db?: SqlRunner): Promise<NoopResult> {
  return withCpuSplit(
    api,
    () => runLoad({ baseUrl, connections: 64, duration: options.duration, next: () => ({ method: 'GET', path: '/api/bench/noop' }) }),
    db,
  );
}

export const cpuText = (c: CpuSplit) =>
  `CPU per request: API ${c.apiMs} ms, PostgreSQL (its backends) ${c.postgresMs} ms, load generator ${c.loadGeneratorMs} ms, PostgreSQL and the rest of the machine ${c.restMs} ms`;

/**
 * One learner-write line: `requests` (each used at most once when `once`) at 64 connections
 * for the run's duration, with its ratio to the no-op of the same run and the CPU split.
 */
export async function writeLine(o: {
  id: string;
  what: string;
  baseUrl: string;
  options: Options;
  api: BenchProcess;
  noop: NoopResult;
  requests: RawRequest[];
  /** one-shot writes (a submission): stop after every request was sent once */
  once?: boolean;
  /** the bench database, to measure PostgreSQL's own CPU */
  db?: SqlRunner;
}): Promise<Line> {
  if (o.requests.length === 0) throw new Error(`${o.id}: nothing to send; seed a larger cohort`);
  const result = await withCpuSplit(o.api, () =>
    runLoad({
      baseUrl: o.baseUrl,
      connections: 64,
      ...(o.once ? { amount: o.requests.length } : { duration: o.options.duration }),
      next: (n) => o.requests[n % o.requests.length]!,
    }),
    o.db,
  );
  const ratio = o.noop.rps > 0 ? result.rps / o.noop.rps : 0;
  say(`  ${o.id}: ${r1(result.rps)} req/s (ratio ${r2(ratio)}), p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, errors ${result.errors}; ${cpuText(result.cpu)} ${result.errorSamples.join(' | ')}`);
  return {
    id: o.id,
    what: `${o.what}, 64 connections`,
    figures: { ...loadFigures(result), 'ratio to noop': r2(ratio), 'API CPU ms/req': result.cpu.apiMs, 'PostgreSQL CPU ms/req': result.cpu.postgresMs, 'DB+rest CPU ms/req': result.cpu.restMs },
    target: 'report (ratio to the no-op of the same run), no errors',
    met: null,
    note: result.errorSamples[0],
    detail: result,
  };
}

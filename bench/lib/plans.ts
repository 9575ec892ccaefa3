import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessRepository, ReplicaRouter, ReportsRepository } from '@kindling/db';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../apps/api/src/common/auth/access.service.js';
import type { Actor } from '../../apps/api/src/common/auth/actor.js';
import { CohortStatsService } from '../../apps/api/src/reports/cohort-stats.service.js';
import { ProgressReportService } from '../../apps/api/src/reports/progress-report.service.js';
import { ReportReads } from '../../apps/api/src/reports/report-reads.js';

interface Captured {
  sql: string;
  params: unknown[];
}

/**
 * A DataSource stand-in that runs every statement for real and remembers it, so the plans
 * are of exactly the SQL the reports services send — not a copy that could drift.
 */
function recordingDataSource(ds: DataSource, captured: Captured[]): DataSource {
  const query = async (sql: string, params: unknown[] = []): Promise<unknown> => {
    captured.push({ sql, params });
    return ds.query(sql, params);
  };
  return { query, manager: { query } } as unknown as DataSource;
}

const access = (db: DataSource): AccessService => new AccessService(new AccessRepository(db));
// No replica here: every read on `db` (the router gives the primary back).
const reads = (db: DataSource): ReportReads => new ReportReads(new ReportsRepository(db), new ReplicaRouter(db, db, { databaseUrl: null, maxLagMs: 0 }));

const literal = (v: unknown): string => (v === null || v === undefined ? 'NULL' : Array.isArray(v) ? `{${v.join(',')}}` : String(v));

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements behind GET /api/cohorts/:id/progress (first
 * page, default sort and size) and GET /api/cohorts/:id/summary, written to
 * `<dir>/<route>-<label>.txt`. Each statement runs once before it is explained (warm cache,
 * as under load). Returns the files written and the execution times reported by PostgreSQL.
 */
export async function explainCohortReports(
  ds: DataSource,
  cohortId: string,
  manager: Actor,
  label: string,
  dir: string,
): Promise<{ file: string; executionMs: number[] }[]> {
  mkdirSync(dir, { recursive: true });
  const routes: { route: string; run: (db: DataSource) => Promise<unknown> }[] = [
    { route: 'progress', run: (db) => new ProgressReportService(new ReportsRepository(db), access(db), reads(db)).page(manager, cohortId, {}) },
    { route: 'summary', run: (db) => new CohortStatsService(new ReportsRepository(db), access(db), reads(db)).summary(manager, cohortId) },
  ];
  const written: { file: string; executionMs: number[] }[] = [];
  for (const { route, run } of routes) {
    const captured: Captured[] = [];
    await run(recordingDataSource(ds, captured));
    const sections: string[] = [];
    const executionMs: number[] = [];
    for (const [i, { sql, params }] of captured.entries()) {
      await ds.query(sql, params);
      const plan = (await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)) as { 'QUERY PLAN': string }[];
      const lines = plan.map((r) => r['QUERY PLAN']);
      const ms = /Execution Time: ([\d.]+) ms/.exec(lines.join('\n'))?.[1];
      executionMs.push(ms === undefined ? Number.NaN : Number(ms));
      sections.push(
        [
          `-- statement ${i + 1} of ${captured.length}`,
          sql.replace(/\n\s+/g, '\n  ').trim(),
          `-- parameters: ${params.map((p, n) => `$${n + 1} = ${literal(p)}`).join(', ')}`,
          '',
          ...lines,
        ].join('\n'),
      );
    }
    const file = join(dir, `${route}-${label}.txt`);
    writeFileSync(
      file,
      `GET /api/cohorts/:id/${route}${route === 'progress' ? ' (first page, default sort and page size)' : ''} — cohort of ${label} learners\n` +
        `EXPLAIN (ANALYZE, BUFFERS), ${new Date().toISOString()}, each statement run once before (warm cache)\n\n` +
        sections.join('\n\n') +
        '\n',
    );
    written.push({ file, executionMs });
  }
  return written;
}

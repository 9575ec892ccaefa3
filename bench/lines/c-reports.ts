import { runLoad } from '../lib/load.js';
import type { Options } from '../lib/options.js';
import { type Line, ms, r1, r2, say } from '../lib/report.js';
import type { ScaleCohort } from '../scale/seed.js';

// ---------- (c) cohort progress page and summary ----------
/**
 * Each route first as one manager sees it (one connection, requests back to back: the target
 * is judged there), then with several managers at once (--connections-reports, reported only).
 */
export async function reports(baseUrl: string, cohort: ScaleCohort, token: string, options: Options): Promise<Line[]> {
  say(`\n(c) cohort reports at ${cohort.learners} learners (${options.duration} s per run)`);
  const out: Line[] = [];
  for (const route of ['progress', 'summary'] as const) {
    const path = `/api/cohorts/${cohort.cohortId}/${route}`;
    const warm = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (warm.status !== 200) throw new Error(`GET ${path} answered ${warm.status}: ${await warm.text()}`);
    const body = (await warm.json()) as { rows?: unknown[]; enrolled?: number };
    for (const connections of [...new Set([1, options.reportConnections])]) {
      const result = await runLoad({
        baseUrl,
        connections,
        duration: options.duration,
        next: () => ({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } }),
      });
      say(`  ${route}, ${connections} connection(s): ${r1(result.rps)} req/s, p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, errors ${result.errors}`);
      const judged = connections === 1 && (route === 'summary' || cohort.learners < 100_000);
      const target = !judged ? 'report (no target)' : 'p95 < 100 ms';
      out.push({
        id: `c.${route}.${cohort.learners}${connections === 1 ? '' : `.x${connections}`}`,
        what:
          `GET /api/cohorts/:id/${route} at ${cohort.learners} learners` +
          `${route === 'progress' ? ` (first page, ${body.rows?.length ?? '?'} rows)` : ''}, ` +
          (connections === 1 ? 'one manager (1 connection)' : `${connections} managers at once`),
        figures: { p50: r2(result.p50), p95: r2(result.p95), p99: r2(result.p99), 'req/s': r1(result.rps), errors: result.errors },
        target,
        met: judged ? result.p95 < 100 && result.errors === 0 : null,
        detail: result,
      });
    }
  }
  return out;
}

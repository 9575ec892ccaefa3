import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type Line, r2, say } from '../lib/report.js';
import type { ScaleCohort } from '../scale/seed.js';

// ---------- (d) CSV enrolment ----------
export async function csvEnrolment(ds: DataSource, baseUrl: string, cohort: ScaleCohort, token: string): Promise<Line[]> {
  const out: Line[] = [];
  for (const size of [2_000, 20_000]) {
    say(`\n(d) CSV enrolment of ${size} lines`);
    const created = await fetch(`${baseUrl}/api/organizations/${cohort.organizationId}/cohorts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `CSV ${size} ${randomUUID().slice(0, 6)}`, courseId: cohort.courseId, audience: 'health-staff' }),
    });
    const { id: cohortId } = (await created.json()) as { id: string };
    if (created.status !== 201) throw new Error(`creating a cohort answered ${created.status}`);
    const tag = randomUUID().slice(0, 8);
    const csv = ['email,name', ...Array.from({ length: size }, (_, i) => `csv-${i + 1}-${tag}@bench.kindling.test,CSV Learner ${i + 1}`)].join('\n') + '\n';
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/cohorts/${cohortId}/enrolments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const answer = (await res.json()) as { enrolled?: number; jobId?: string; errors?: unknown[] };
    let status = String(res.status);
    if (res.status === 202 && answer.jobId) {
      status = `202 → ${await waitForJob(baseUrl, token, answer.jobId, 600_000)}`;
    } else if (res.status !== 200) {
      throw new Error(`CSV upload of ${size} lines answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const [count] = (await ds.query(`SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1`, [cohortId])) as { n: number }[];
    say(`  ${status}: ${count?.n} enrolments in ${seconds.toFixed(2)} s`);
    out.push({
      id: `d.${size}`,
      what: `POST /api/cohorts/:id/enrolments, text/csv of ${size} new learners (${status})`,
      figures: { seconds: r2(seconds), enrolled: count?.n ?? 0, 'lines/s': Math.round(size / seconds) },
      target: size === 2_000 ? '< 5 s' : 'report (no target)',
      met: size === 2_000 ? seconds < 5 && count?.n === size : count?.n === size ? null : false,
    });
  }
  return out;
}

export async function waitForJob(baseUrl: string, token: string, jobId: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } });
    const job = (await res.json()) as { status?: string; error?: string };
    if (job.status === 'done') return 'done';
    if (job.status === 'failed') throw new Error(`job ${jobId} failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish in ${timeoutMs / 1000} s`);
}

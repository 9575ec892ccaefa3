import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { explainCohortReports } from '../../bench/lib/plans.js';
import { SCALE_ITEMS, SCALE_PASSWORD, type ScaleCohort, seedScaleCohort } from '../../bench/scale/seed.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { tokenFor } from '../support/fixtures.js';

/**
 * The scale seeder (npm run seed:scale, npm run bench) writes with bulk SQL what the API
 * would have written through its routes: these tests hold its data to the API's own rules.
 */
describe('scale seed', () => {
  let t: TestApp;
  let seed: ScaleCohort;
  const LEARNERS = 400;

  beforeAll(async () => {
    t = await startTestApp();
    seed = await seedScaleCohort(t.db, { learners: LEARNERS, publicUrl: 'http://localhost:3000' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('seeds one cohort of N learners in a published course of 30 required items, from not started to completed', async () => {
    expect(seed.lessonIds).toHaveLength(27);
    expect(seed.quizIds).toHaveLength(3);
    const [shape] = (await t.db.query(
      `SELECT count(*)::int AS enrolled,
              count(*) FILTER (WHERE items_done = 0)::int AS not_started,
              count(*) FILTER (WHERE items_done BETWEEN 1 AND 29)::int AS part_way,
              count(*) FILTER (WHERE status = 'completed')::int AS completed,
              bool_and(items_total = $2) AS thirty_items
         FROM enrolments WHERE cohort_id = $1`,
      [seed.cohortId, SCALE_ITEMS],
    )) as { enrolled: number; not_started: number; part_way: number; completed: number; thirty_items: boolean }[];
    expect(shape).toMatchObject({ enrolled: LEARNERS, thirty_items: true });
    for (const n of [shape!.not_started, shape!.part_way, shape!.completed]) expect(n).toBeGreaterThan(LEARNERS * 0.05);
  });

  it('writes counters equal to what the API derives from the facts, and a certificate for every completion', async () => {
    // The rule is the database's (migration OneCompletionRule): enrolment_counters derives the
    // counters from the facts and enrolment_requirements_met decides completion; nothing here restates them.
    const [mismatch] = (await t.db.query(
      `WITH f AS (
         SELECT e.*, c.lessons_completed AS lc, c.lessons_total AS lt, c.quizzes_passed AS qp, c.quizzes_total AS qt,
                c.items_done AS done, c.progress_percent AS pct, c.best_final_score AS bf,
                v.instrument_id, v.min_minutes,
                EXISTS (SELECT 1 FROM self_assessment_responses s WHERE s.enrolment_id = e.id AND s.phase = 'pre') AS pre,
                EXISTS (SELECT 1 FROM self_assessment_responses s WHERE s.enrolment_id = e.id AND s.phase = 'post') AS post,
                (SELECT count(*) FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id
                  WHERE c.enrolment_id = e.id)::int AS certs
           FROM enrolments e
           CROSS JOIN LATERAL enrolment_counters(e.id, e.course_version_id) c
           JOIN course_versions v ON v.id = e.course_version_id
          WHERE e.cohort_id = $1)
       SELECT count(*) FILTER (WHERE lessons_completed <> lc OR lessons_total <> lt OR items_total <> lt + qt OR items_done <> done
                                 OR progress_percent <> pct OR best_final_score IS DISTINCT FROM bf OR pre_done <> pre OR post_done <> post)::int AS counters,
              count(*) FILTER (WHERE (status = 'completed') <> (certs = 1))::int AS certificates,
              count(*) FILTER (WHERE (status = 'completed')
                                 <> enrolment_requirements_met(lc, lt, qp, qt, instrument_id IS NOT NULL, pre, post, min_minutes, learning_seconds))::int AS completions
         FROM f`,
      [seed.cohortId],
    )) as { counters: number; certificates: number; completions: number }[];
    expect(mismatch).toEqual({ counters: 0, certificates: 0, completions: 0 });
  });

  it("lets the manager sign in with the printed password and read the cohort's reports", async () => {
    const login = await t.http.post('/api/auth/login').send({ email: seed.managerEmail, password: SCALE_PASSWORD }).expect(200);
    const auth = `Bearer ${login.body.accessToken as string}`;
    const [counts] = (await t.db.query(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed FROM enrolments WHERE cohort_id = $1`,
      [seed.cohortId],
    )) as { completed: number }[];
    const summary = await t.http.get(`/api/cohorts/${seed.cohortId}/summary`).set('Authorization', auth).expect(200);
    expect(summary.body).toMatchObject({ enrolled: LEARNERS, completed: counts!.completed });
    const progress = await t.http.get(`/api/cohorts/${seed.cohortId}/progress`).set('Authorization', auth).expect(200);
    expect(progress.body.rows.length).toBeGreaterThan(0);
    const impact = await t.http.get(`/api/cohorts/${seed.cohortId}/impact`).set('Authorization', auth).expect(200);
    const total = (impact.body.scales as { key: string; pairedN: number }[]).find((s) => s.key === 'total');
    expect(total?.pairedN).toBe(counts!.completed);
  });

  it('leaves part-way learners where the API can carry on: the next lesson adds exactly one item', async () => {
    const [learner] = (await t.db.query(
      `SELECT id, user_id, lessons_completed, items_done FROM enrolments
        WHERE cohort_id = $1 AND status = 'active' AND pre_done AND lessons_completed BETWEEN 1 AND 8 LIMIT 1`,
      [seed.cohortId],
    )) as { id: string; user_id: string; lessons_completed: number; items_done: number }[];
    const next = seed.lessonIds[learner!.lessons_completed]!;
    const res = await t.http
      .put(`/api/enrolments/${learner!.id}/lessons/${next}/completion`)
      .set('Authorization', `Bearer ${tokenFor(t, learner!.user_id)}`)
      .expect(200);
    // One more item done, and the percent the database's own rule derives from the facts (not restated here).
    const [after] = (await t.db.query(
      `SELECT c.items_done, c.progress_percent FROM enrolments e CROSS JOIN LATERAL enrolment_counters(e.id, e.course_version_id) c WHERE e.id = $1`,
      [learner!.id],
    )) as { items_done: number; progress_percent: number }[];
    expect(after!.items_done).toBe(learner!.items_done + 1);
    expect(res.body).toEqual({ progressPercent: after!.progress_percent, status: 'active' });
  });

  it('publishes verifiable certificates', async () => {
    const [doc] = (await t.db.query(
      `SELECT d.verification_code, c.number FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id
         JOIN enrolments e ON e.id = c.enrolment_id WHERE e.cohort_id = $1 LIMIT 1`,
      [seed.cohortId],
    )) as { verification_code: string; number: string }[];
    const res = await t.http.get(`/api/verify/${doc!.verification_code}`).expect(200);
    expect(res.body).toMatchObject({ status: 'valid', number: doc!.number });
  });

  it('explains the statements behind the progress page and the summary into text files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindling-plans-'));
    const written = await explainCohortReports(
      t.db,
      seed.cohortId,
      { userId: seed.managerId, platformRoles: [], memberships: new Map([[seed.organizationId, 'manager']]) },
      String(LEARNERS),
      dir,
    );
    expect(written.map((w) => w.file.slice(dir.length + 1)).sort()).toEqual([`progress-${LEARNERS}.txt`, `summary-${LEARNERS}.txt`]);
    for (const w of written) {
      const text = readFileSync(w.file, 'utf8');
      expect(text).toContain('Buffers: shared');
      expect(text).toMatch(/Execution Time: [\d.]+ ms/);
      expect(text).toContain('e.cohort_id = $1');
    }
  });
});

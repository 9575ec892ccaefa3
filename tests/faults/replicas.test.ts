import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

process.env.JWT_SECRET = 'fault-tests-secret-0123456789abcdef0123456789';

const { startTestApp } = await import('../support/app.js');
const { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol } = await import('../support/fixtures.js');
const { startStack } = await import('../support/processes.js');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * Two API and two worker processes on one database under mixed load: learners complete
 * lessons, start attempts and submit them (double submissions sent to both APIs at once),
 * managers read dashboards. Afterwards nothing is duplicated and all counts reconcile.
 */
const SECONDS = Number(process.env.FAULT_LOAD_SECONDS ?? 60);
const LEARNERS = 40;

describe('faults: two APIs and two workers under mixed load', () => {
  let t: TestApp;
  let stacks: Stack[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    stacks = await Promise.all([
      startStack({ JWT_SECRET: process.env.JWT_SECRET!, CERTIFICATE_SWEEP_DELAY_MS: '3000' }),
      startStack({ JWT_SECRET: process.env.JWT_SECRET!, CERTIFICATE_SWEEP_DELAY_MS: '3000' }),
    ]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(stacks.map((s) => s.stop()));
    await t?.close();
  }, 60_000);

  it(`${SECONDS} s of mixed load: no duplicate attempt, completion or certificate; counts reconcile`, async () => {
    const author = await createUser(t, { platformRoles: ['author'] });
    const course = await createPublishedCourse(t, { authorId: author.id, lessons: 6, maxAttempts: null });
    const org = await createOrganization(t);
    const cohort = await createCohort(t, { organizationId: org, courseId: course.courseId });
    const manager = await createUser(t);
    await addMember(t, org, manager.id, 'manager');
    const learners: { auth: string; enrolmentId: string }[] = [];
    for (let i = 0; i < LEARNERS; i++) {
      const u = await createUser(t);
      await addMember(t, org, u.id, 'learner');
      learners.push({ auth: u.auth, enrolmentId: await enrol(t, { userId: u.id, course, cohortId: cohort, organizationId: org }) });
    }
    const quizId = course.quizIds[0]!;
    const deadline = Date.now() + SECONDS * 1000;
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const api = (i: number) => stacks[i % 2]!.baseUrl;
    const call = async (base: string, method: string, path: string, auth: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      count(res.status);
      return res;
    };

    const learnerLoop = async (i: number) => {
      const l = learners[i]!;
      let round = 0;
      while (Date.now() < deadline) {
        round++;
        for (const lessonId of course.lessonIds) {
          await call(api(i + round), 'PUT', `/api/enrolments/${l.enrolmentId}/lessons/${lessonId}/completion`, l.auth);
        }
        const started = await call(api(i), 'POST', `/api/enrolments/${l.enrolmentId}/quizzes/${quizId}/attempts`, l.auth);
        if (started.status === 201) {
          const { id } = (await started.json()) as { id: string };
          // Fail the first rounds, pass later; each submission is sent to both APIs at once.
          const pass = round > 2;
          const answers = course.answers[quizId]!.map((a) => ({ questionId: a.questionId, optionIds: pass ? a.correct : a.wrong }));
          await Promise.all([0, 1].map((k) => call(api(k), 'POST', `/api/attempts/${id}/submission`, l.auth, { answers })));
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const managerLoop = async () => {
      while (Date.now() < deadline) {
        await call(api(0), 'GET', `/api/cohorts/${cohort}/summary`, manager.auth);
        await call(api(1), 'GET', `/api/cohorts/${cohort}/progress?page=1&pageSize=50`, manager.auth);
      }
    };
    await Promise.all([...learners.map((_, i) => learnerLoop(i)), managerLoop()]);

    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    // Certificates arrive from the workers shortly after the last completion.
    const enrolmentIds = learners.map((l) => l.enrolmentId);
    const waitUntil = Date.now() + 60_000;
    let certs = 0;
    let completed = 0;
    while (Date.now() < waitUntil) {
      const [row] = (await t.db.query(
        `SELECT (SELECT count(*) FROM enrolments WHERE id = ANY($1) AND status = 'completed')::int AS completed,
                (SELECT count(*) FROM certificates WHERE enrolment_id = ANY($1))::int AS certs`,
        [enrolmentIds],
      )) as { completed: number; certs: number }[];
      ({ completed, certs } = row!);
      if (certs === completed && completed > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(completed).toBe(LEARNERS);
    expect(certs).toBe(completed);

    const [facts] = (await t.db.query(
      `SELECT
         (SELECT count(*) FROM outbox WHERE topic = 'certificate.issue' AND dedupe_key = ANY($2))::int AS outbox_rows,
         (SELECT count(*) FROM audit_events WHERE action = 'enrolment.completed' AND subject_id = ANY($2))::int AS completion_events,
         (SELECT count(*) FROM certificate_documents d JOIN certificates c ON c.id = d.certificate_id WHERE c.enrolment_id = ANY($1))::int AS documents,
         (SELECT count(*) FROM (SELECT enrolment_id, quiz_id, attempt_no FROM quiz_attempts WHERE enrolment_id = ANY($1)
                                 GROUP BY 1, 2, 3 HAVING count(*) > 1) d)::int AS duplicate_attempts,
         (SELECT count(*) FROM quiz_attempts WHERE enrolment_id = ANY($1) AND submitted_at IS NOT NULL AND score_percent IS NULL)::int AS ungraded,
         (SELECT count(*) FROM enrolments e WHERE e.id = ANY($1) AND (e.lessons_completed <> (SELECT count(*) FROM lesson_completions lc WHERE lc.enrolment_id = e.id)
            OR e.progress_percent <> 100))::int AS counter_mismatches`,
      [enrolmentIds, enrolmentIds.map(String)],
    )) as Record<string, number>[];
    expect(facts).toEqual({
      outbox_rows: LEARNERS,
      completion_events: LEARNERS,
      documents: LEARNERS,
      duplicate_attempts: 0,
      ungraded: 0,
      counter_mismatches: 0,
    });
    // Every submitted attempt was graded once (a doubled submission never grades twice).
    const [graded] = (await t.db.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = ANY($1) AND submitted_at IS NOT NULL`, [enrolmentIds])) as {
      n: number;
    }[];
    const summary = await (await fetch(`${stacks[0]!.baseUrl}/api/cohorts/${cohort}/summary`, { headers: { Authorization: manager.auth } })).json();
    expect(summary).toMatchObject({ enrolled: LEARNERS, completed: LEARNERS });
    expect(graded!.n).toBeGreaterThanOrEqual(LEARNERS);
  }, (SECONDS + 150) * 1000);
});

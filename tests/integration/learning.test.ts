import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobName } from '@kindling/queue';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import {
  addMember,
  createCohort,
  createOrganization,
  createPublishedCourse,
  createUser,
  enrol,
  type TestCourse,
  type TestUser,
} from '../support/fixtures.js';

/**
 * Cohorts, enrolments, progress, quiz attempts and completion (issue 5) against the real API,
 * PostgreSQL and Redis.
 */
describe('learning', () => {
  let t: TestApp;
  let author: TestUser;
  let manager: TestUser;
  let otherManager: TestUser;
  let orgId: string;
  let otherOrgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t, { name: 'Mara Manager' });
    otherManager = await createUser(t);
    orgId = await createOrganization(t);
    otherOrgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
    await addMember(t, otherOrgId, otherManager.id, 'manager');
  });
  afterAll(async () => {
    await t.close();
  });

  /** A learner enrolled in a fresh course through a cohort of `orgId`. */
  async function setup(opts: Parameters<typeof createPublishedCourse>[1] extends infer O ? Partial<O> : never = {}) {
    const course = await createPublishedCourse(t, { authorId: author.id, ...opts });
    const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    const learner = await createUser(t, { name: 'Lena Learner' });
    await addMember(t, orgId, learner.id, 'learner');
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
    return { course, cohortId, learner, enrolmentId };
  }

  const outboxRows = async (enrolmentId: string): Promise<number> => {
    const rows: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND dedupe_key = $2`, [
      JobName.IssueCertificate,
      enrolmentId,
    ]);
    return rows[0]!.n;
  };

  const answersFor = (course: TestCourse, right: boolean) =>
    course.answers[course.quizIds[0]!]!.map((q) => ({ questionId: q.questionId, optionIds: right ? q.correct : q.wrong }));

  async function passQuiz(learner: TestUser, enrolmentId: string, course: TestCourse, right = true) {
    const start = await t.http
      .post(`/api/enrolments/${enrolmentId}/quizzes/${course.quizIds[0]}/attempts`)
      .set('Authorization', learner.auth)
      .expect(201);
    return t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth).send({ answers: answersFor(course, right) });
  }

  it('documents the routes, with the multiple-choice rule on the submission', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, { description?: string; responses: Record<string, unknown> }>>;
    const { MULTIPLE_CHOICE_RULE } = await import('@kindling/domain');
    expect(paths['/api/attempts/{id}/submission']!.post!.description).toContain(MULTIPLE_CHOICE_RULE);
    expect(Object.keys(paths['/api/attempts/{id}/submission']!.post!.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    for (const path of [
      '/api/organizations/{orgId}/cohorts', '/api/cohorts/{id}/enrolments', '/api/cohorts/{id}/pupils', '/api/courses/{id}/enrolments',
      '/api/me/enrolments', '/api/enrolments/{id}', '/api/enrolments/{id}/lessons/{lessonId}/completion', '/api/enrolments/{id}/heartbeat',
      '/api/enrolments/{id}/withdrawal', '/api/enrolments/{id}/quizzes/{quizId}/attempts', '/api/attempts/{id}', '/api/jobs/{id}',
      '/api/jobs/{id}/result', '/api/cohorts/{id}/version-migration',
    ]) {
      expect(paths[path]).toBeDefined();
    }
  });

  describe('cohorts', () => {
    it('a manager creates a cohort for a published course and lists it with counts; dates and course are checked', async () => {
      const course = await createPublishedCourse(t, { authorId: author.id });
      const name = unique('Ward 3');
      const created = await t.http
        .post(`/api/organizations/${orgId}/cohorts`)
        .set('Authorization', manager.auth)
        .send({ name, courseId: course.courseId, audience: 'health-staff', startsOn: '2026-01-01', dueOn: '2026-03-31' })
        .expect(201);
      expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const list = await t.http.get(`/api/organizations/${orgId}/cohorts`).set('Authorization', manager.auth).expect(200);
      const row = list.body.find((c: { id: string }) => c.id === created.body.id);
      expect(row).toMatchObject({ name, courseId: course.courseId, audience: 'health-staff', dueOn: '2026-03-31', enrolled: 0, completed: 0, overdue: 0 });
      const one = await t.http.get(`/api/cohorts/${created.body.id}`).set('Authorization', manager.auth).expect(200);
      expect(one.body.courseTitle).toEqual(expect.any(String));

      const draft: { id: string }[] = await t.db.query(`INSERT INTO courses (author_id) VALUES ($1) RETURNING id`, [author.id]);
      const bad = await t.http
        .post(`/api/organizations/${orgId}/cohorts`)
        .set('Authorization', manager.auth)
        .send({ name: 'x', courseId: draft[0]!.id, audience: 'teachers' })
        .expect(400);
      expect(String(bad.body.message)).toMatch(/published/);
      await t.http
        .post(`/api/organizations/${orgId}/cohorts`)
        .set('Authorization', manager.auth)
        .send({ name: 'x', courseId: course.courseId, audience: 'teachers', startsOn: '2026-05-01', dueOn: '2026-04-01' })
        .expect(400);
      await t.http
        .post(`/api/organizations/${orgId}/cohorts`)
        .set('Authorization', manager.auth)
        .send({ name: 'x', courseId: course.courseId, audience: 'pirates' })
        .expect(400);
    });

    it('another organisation’s manager and a learner see 404', async () => {
      const { cohortId, learner } = await setup();
      await t.http.get(`/api/cohorts/${cohortId}`).set('Authorization', otherManager.auth).expect(404);
      await t.http.get(`/api/organizations/${orgId}/cohorts`).set('Authorization', otherManager.auth).expect(404);
      await t.http.get(`/api/organizations/${orgId}/cohorts`).set('Authorization', learner.auth).expect(404);
      await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', otherManager.auth).send({ learners: [] }).expect(404);
    });
  });

  describe('progress', () => {
    it('lesson completion is idempotent and keeps the counters exact', async () => {
      const { course, learner, enrolmentId } = await setup({ lessons: 3 });
      const url = `/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`;
      const first = await t.http.put(url).set('Authorization', learner.auth).expect(200);
      expect(first.body).toEqual({ progressPercent: 25, status: 'active' });
      const again = await t.http.put(url).set('Authorization', learner.auth).expect(200);
      expect(again.body).toEqual({ progressPercent: 25, status: 'active' });
      const rows = await t.db.query(
        `SELECT items_total, items_done, lessons_total, lessons_completed, progress_percent, last_lesson_id, started_at IS NOT NULL AS started
           FROM enrolments WHERE id = $1`,
        [enrolmentId],
      );
      expect(rows[0]).toEqual({
        items_total: 4, items_done: 1, lessons_total: 3, lessons_completed: 1, progress_percent: 25, last_lesson_id: course.lessonIds[0], started: true,
      });
      const other = await createUser(t);
      await t.http.put(url).set('Authorization', other.auth).expect(404);
      await t.http.put(url).set('Authorization', manager.auth).expect(404);
      const foreign = await createPublishedCourse(t, { authorId: author.id });
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${foreign.lessonIds[0]}/completion`).set('Authorization', learner.auth).expect(404);
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/not-a-uuid/completion`).set('Authorization', learner.auth).expect(404);
    });

    it('with a self-assessment, lessons and attempts wait for the pre phase (409)', async () => {
      const instrument: { id: string }[] = await t.db.query(
        `INSERT INTO instruments (key, version, title, definition) VALUES ($1, 1, '{"en":"T"}', '{}') RETURNING id`,
        [unique('instr')],
      );
      const { course, learner, enrolmentId } = await setup({ instrumentId: instrument[0]!.id });
      const lesson = await t.http
        .put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`)
        .set('Authorization', learner.auth)
        .expect(409);
      expect(lesson.body.message).toBe('complete the pre self-assessment first');
      const attempt = await t.http
        .post(`/api/enrolments/${enrolmentId}/quizzes/${course.quizIds[0]}/attempts`)
        .set('Authorization', learner.auth)
        .expect(409);
      expect(attempt.body.message).toMatch(/pre self-assessment/);
      await t.db.query(`UPDATE enrolments SET pre_done = true WHERE id = $1`, [enrolmentId]);
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', learner.auth).expect(200);
    });

    it('heartbeats count at most 60 s each and nothing after a gap over 2 minutes', async () => {
      const { learner, enrolmentId } = await setup();
      const beat = () => t.http.post(`/api/enrolments/${enrolmentId}/heartbeat`).set('Authorization', learner.auth).expect(200);
      expect((await beat()).body).toEqual({ minutes: 0 }); // the first counts 0
      const seconds = async () => ((await t.db.query(`SELECT learning_seconds FROM enrolments WHERE id = $1`, [enrolmentId])) as { learning_seconds: number }[])[0]!.learning_seconds;
      expect(await seconds()).toBe(0);
      const ago = (s: number) => t.db.query(`UPDATE enrolments SET last_heartbeat_at = now() - make_interval(secs => $2) WHERE id = $1`, [enrolmentId, s]);
      await ago(30);
      await beat();
      expect(await seconds()).toBeGreaterThanOrEqual(30);
      expect(await seconds()).toBeLessThanOrEqual(31);
      await ago(100); // between 60 s and 2 minutes: capped at 60
      await beat();
      const afterCap = await seconds();
      expect(afterCap).toBeGreaterThanOrEqual(90);
      expect(afterCap).toBeLessThanOrEqual(91);
      await ago(8 * 3600); // a tab left open overnight
      const res = await beat();
      expect(await seconds()).toBe(afterCap);
      expect(res.body).toEqual({ minutes: 1 });
      const other = await createUser(t);
      await t.http.post(`/api/enrolments/${enrolmentId}/heartbeat`).set('Authorization', other.auth).expect(404);
    });

    it('minimum learning time holds completion back until a heartbeat reaches it', async () => {
      const { course, learner, enrolmentId } = await setup({ lessons: 1, minMinutes: 2 });
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', learner.auth).expect(200);
      expect((await passQuiz(learner, enrolmentId, course)).status).toBe(200);
      const before = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(before.body).toMatchObject({ status: 'active', progressPercent: 100 });
      await t.db.query(`UPDATE enrolments SET learning_seconds = 90, last_heartbeat_at = now() - interval '30 seconds' WHERE id = $1`, [enrolmentId]);
      const res = await t.http.post(`/api/enrolments/${enrolmentId}/heartbeat`).set('Authorization', learner.auth).expect(200);
      expect(res.body.minutes).toBe(2);
      const after = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(after.body.status).toBe('completed');
      expect(await outboxRows(enrolmentId)).toBe(1);
    });
  });

  describe('quiz attempts', () => {
    it('starts with questions but no answers, returns the open attempt again, grades on the server', async () => {
      const { course, learner, enrolmentId } = await setup();
      const url = `/api/enrolments/${enrolmentId}/quizzes/${course.quizIds[0]}/attempts`;
      const start = await t.http.post(url).set('Authorization', learner.auth).expect(201);
      expect(start.body.attemptsLeft).toBe(2);
      expect(start.body.questions).toHaveLength(3);
      expect(JSON.stringify(start.body)).not.toMatch(/correct/);
      for (const q of start.body.questions) {
        expect(Object.keys(q).sort()).toEqual(['id', 'kind', 'options', 'prompt']);
        for (const o of q.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
      }
      const again = await t.http.post(url).set('Authorization', learner.auth).expect(201);
      expect(again.body.id).toBe(start.body.id);
      const reload = await t.http.get(`/api/attempts/${start.body.id}`).set('Authorization', learner.auth).expect(200);
      expect(reload.body.questions).toEqual(start.body.questions);

      const unknown = await t.http
        .post(`/api/attempts/${start.body.id}/submission`)
        .set('Authorization', learner.auth)
        .send({ answers: [{ questionId: 'nope', optionIds: [] }] })
        .expect(400);
      expect(String(unknown.body.message)).toMatch(/unknown question "nope"/);
      const wrongOption = await t.http
        .post(`/api/attempts/${start.body.id}/submission`)
        .set('Authorization', learner.auth)
        .send({ answers: [{ questionId: start.body.questions[0].id, optionIds: ['zzz'] }] })
        .expect(400);
      expect(String(wrongOption.body.message)).toMatch(/option "zzz" does not belong/);
      await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth).send({ answers: [], extra: 1 }).expect(400);

      // two of three right: 66.67 ≥ 60
      const key = course.answers[course.quizIds[0]!]!;
      const answers = key.map((q, i) => ({ questionId: q.questionId, optionIds: i < 2 ? q.correct : q.wrong }));
      const other = await createUser(t);
      await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', other.auth).send({ answers }).expect(404);
      const sub = await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth).send({ answers }).expect(200);
      expect(sub.body).toMatchObject({ scorePercent: 66.67, passed: true, attemptsLeft: 2, answersRevealed: true });
      expect(sub.body.review.map((r: { correct: boolean }) => r.correct)).toEqual([true, true, false]);
      const result = await t.http.get(`/api/attempts/${start.body.id}`).set('Authorization', learner.auth).expect(200);
      expect(result.body).toMatchObject({ id: start.body.id, scorePercent: 66.67, passed: true });
      const audit = await t.db.query(`SELECT data FROM audit_events WHERE action = 'attempt.submitted' AND subject_id = $1`, [start.body.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].data).toMatchObject({ scorePercent: 66.67, passed: true });
    });

    it('ten parallel submissions of one attempt: exactly one 200, the rest 409, one graded row', async () => {
      const { course, learner, enrolmentId } = await setup();
      const start = await t.http
        .post(`/api/enrolments/${enrolmentId}/quizzes/${course.quizIds[0]}/attempts`)
        .set('Authorization', learner.auth)
        .expect(201);
      const answers = answersFor(course, true);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth).send({ answers })),
      );
      const codes = results.map((r) => r.status).sort();
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(9);
      const graded = await t.db.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = $1 AND submitted_at IS NOT NULL`, [enrolmentId]);
      expect(graded[0].n).toBe(1);
      const audits = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'attempt.submitted' AND subject_id = $1`, [start.body.id]);
      expect(audits[0].n).toBe(1);
    });

    it('enforces the maximum attempts, also under parallel starts', async () => {
      const { course, learner, enrolmentId } = await setup({ maxAttempts: 2 });
      const url = `/api/enrolments/${enrolmentId}/quizzes/${course.quizIds[0]}/attempts`;
      const parallel = await Promise.all(Array.from({ length: 6 }, () => t.http.post(url).set('Authorization', learner.auth)));
      expect(parallel.every((r) => r.status === 201)).toBe(true);
      expect(new Set(parallel.map((r) => r.body.id)).size).toBe(1); // one open attempt, handed to everyone
      const fail = await t.http.post(`/api/attempts/${parallel[0]!.body.id}/submission`).set('Authorization', learner.auth).send({ answers: answersFor(course, false) }).expect(200);
      expect(fail.body).toMatchObject({ scorePercent: 0, passed: false, attemptsLeft: 1, answersRevealed: false });
      expect((await passQuiz(learner, enrolmentId, course, false)).body.attemptsLeft).toBe(0);
      const after = await Promise.all(Array.from({ length: 4 }, () => t.http.post(url).set('Authorization', learner.auth)));
      expect(after.map((r) => r.status)).toEqual([409, 409, 409, 409]);
      expect(after[0]!.body.message).toMatch(/no attempts left/);
      const rows = await t.db.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = $1`, [enrolmentId]);
      expect(rows[0].n).toBe(2);
      const detail = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(detail.body.quizzes[0]).toMatchObject({ attemptsUsed: 2, attemptsLeft: 0, passed: false, bestScore: 0 });
    });
  });

  describe('completion', () => {
    it('completes once with a certificate request in the same transaction and an audit event', async () => {
      const { course, learner, enrolmentId } = await setup({ lessons: 2 });
      for (const lessonId of course.lessonIds) {
        await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/completion`).set('Authorization', learner.auth).expect(200);
      }
      const failed = await passQuiz(learner, enrolmentId, course, false);
      expect(failed.body.passed).toBe(false);
      expect(await outboxRows(enrolmentId)).toBe(0);
      const passed = await passQuiz(learner, enrolmentId, course, true);
      expect(passed.body).toMatchObject({ scorePercent: 100, passed: true });
      const rows = await t.db.query(
        `SELECT status, completed_at IS NOT NULL AS done, progress_percent, items_done, items_total, best_final_score FROM enrolments WHERE id = $1`,
        [enrolmentId],
      );
      expect(rows[0]).toEqual({ status: 'completed', done: true, progress_percent: 100, items_done: 3, items_total: 3, best_final_score: '100.00' });
      expect(await outboxRows(enrolmentId)).toBe(1);
      const outbox = await t.db.query(`SELECT payload FROM outbox WHERE topic = $1 AND dedupe_key = $2`, [JobName.IssueCertificate, enrolmentId]);
      expect(outbox[0].payload).toEqual({ enrolmentId });
      // later activity does not complete it again
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', learner.auth).expect(200);
      expect(await outboxRows(enrolmentId)).toBe(1);
      const audits = await t.db.query(`SELECT actor_id, organization_id FROM audit_events WHERE action = 'enrolment.completed' AND subject_id = $1`, [enrolmentId]);
      expect(audits).toEqual([{ actor_id: learner.id, organization_id: orgId }]);
      const mine = await t.http.get('/api/me/enrolments').set('Authorization', learner.auth).expect(200);
      expect(mine.body.find((e: { id: string }) => e.id === enrolmentId)).toMatchObject({ status: 'completed', progressPercent: 100, completedAt: expect.any(String) });
    });

    it('parallel completions of the last lessons give one completion and exactly one outbox row', async () => {
      for (let round = 0; round < 3; round++) {
        const { course, learner, enrolmentId } = await setup({ lessons: 4 });
        expect((await passQuiz(learner, enrolmentId, course)).status).toBe(200);
        const results = await Promise.all(
          course.lessonIds.map((lessonId) =>
            t.http.put(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/completion`).set('Authorization', learner.auth),
          ),
        );
        expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        expect(results.filter((r) => r.body.status === 'completed').length).toBeGreaterThanOrEqual(1);
        expect(await outboxRows(enrolmentId)).toBe(1);
        const audits = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.completed' AND subject_id = $1`, [enrolmentId]);
        expect(audits[0].n).toBe(1);
        const row = await t.db.query(`SELECT status, lessons_completed, items_done FROM enrolments WHERE id = $1`, [enrolmentId]);
        expect(row[0]).toEqual({ status: 'completed', lessons_completed: 4, items_done: 5 });
      }
    });

    it('the exported CompletionService needs the post self-assessment when the course has one', async () => {
      const instrument: { id: string }[] = await t.db.query(
        `INSERT INTO instruments (key, version, title, definition) VALUES ($1, 1, '{"en":"T"}', '{}') RETURNING id`,
        [unique('instr')],
      );
      const { course, learner, enrolmentId } = await setup({ lessons: 1, instrumentId: instrument[0]!.id });
      await t.db.query(`UPDATE enrolments SET pre_done = true WHERE id = $1`, [enrolmentId]);
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', learner.auth).expect(200);
      await passQuiz(learner, enrolmentId, course);
      expect(await outboxRows(enrolmentId)).toBe(0);
      const { CompletionService } = await import('../../apps/api/src/learning/completion.service.js');
      const completion = t.app.get(CompletionService);
      const result = await t.db.transaction(async (em) => {
        await em.query(`UPDATE enrolments SET post_done = true WHERE id = $1`, [enrolmentId]);
        return completion.evaluate(em, enrolmentId, learner.id);
      });
      expect(result).toMatchObject({ completed: true, justCompleted: true, progressPercent: 100 });
      expect(await outboxRows(enrolmentId)).toBe(1);
      const detail = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(detail.body.selfAssessment).toEqual({ required: true, pre: true, post: true });
    });
  });

  describe('enrolments', () => {
    it('the detail carries the outline of the enrolled version, progress and the cohort; managers may read it', async () => {
      const { course, cohortId, learner, enrolmentId } = await setup({ lessons: 2 });
      await t.db.query(`UPDATE cohorts SET due_on = '2030-01-31' WHERE id = $1`, [cohortId]);
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[1]}/completion`).set('Authorization', learner.auth).expect(200);
      const res = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(res.body).toMatchObject({
        id: enrolmentId,
        status: 'active',
        progressPercent: 33,
        lastLessonId: course.lessonIds[1],
        minutes: 0,
        selfAssessment: { required: false, pre: false, post: false },
        certificate: null,
        cohort: { id: cohortId, dueOn: '2030-01-31' },
        course: { id: course.courseId, version: 1, locale: 'en' },
      });
      expect(res.body.course.modules[0].lessons.map((l: { id: string }) => l.id)).toEqual(course.lessonIds);
      expect(res.body.course.modules[0].quizzes[0]).toMatchObject({ id: course.quizIds[0], passMark: 60, questionCount: 3, maxAttempts: 3 });
      expect(res.body.lessons).toEqual([
        { lessonId: course.lessonIds[0], completedAt: null },
        { lessonId: course.lessonIds[1], completedAt: expect.any(String) },
      ]);
      expect(res.body.quizzes).toEqual([{ quizId: course.quizIds[0], bestScore: null, passed: false, attemptsUsed: 0, attemptOpen: false, attemptsLeft: 3 }]);
      await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', manager.auth).expect(200);
      await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', otherManager.auth).expect(404);
      const mine = await t.http.get('/api/me/enrolments').set('Authorization', learner.auth).expect(200);
      expect(mine.body).toEqual([
        {
          id: enrolmentId,
          course: { id: course.courseId, title: expect.any(String) },
          organization: { id: orgId, name: expect.any(String) },
          cohort: { id: cohortId, name: expect.any(String) },
          status: 'active',
          progressPercent: 33,
          completedAt: null,
          certificate: null,
          dueOn: '2030-01-31',
          lastLessonId: course.lessonIds[1],
          // issue 17: time studied / time required (this course has no minimum time)
          learningTime: { learningSeconds: 0, requiredSeconds: null, remainingSeconds: 0, remainingMinutes: 0, met: true },
          requirementsNotMet: null,
          // issue 18: the first round, renewing no certificate
          round: 1,
          renewsCertificateExpiresOn: null,
        },
      ]);
    });

    it('withdrawal keeps history, is audited, blocks progress; re-enrolling reactivates the same row; overdue is counted', async () => {
      const { course, cohortId, learner, enrolmentId } = await setup();
      await t.db.query(`UPDATE cohorts SET due_on = current_date - 1 WHERE id = $1`, [cohortId]);
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', learner.auth).expect(200);
      let cohort = await t.http.get(`/api/cohorts/${cohortId}`).set('Authorization', manager.auth).expect(200);
      expect(cohort.body).toMatchObject({ enrolled: 1, completed: 0, overdue: 1 });

      await t.http.post(`/api/enrolments/${enrolmentId}/withdrawal`).set('Authorization', learner.auth).expect(404);
      await t.http.post(`/api/enrolments/${enrolmentId}/withdrawal`).set('Authorization', otherManager.auth).expect(404);
      const w = await t.http.post(`/api/enrolments/${enrolmentId}/withdrawal`).set('Authorization', manager.auth).expect(200);
      expect(w.body).toMatchObject({ id: enrolmentId, status: 'withdrawn' });
      await t.http.post(`/api/enrolments/${enrolmentId}/withdrawal`).set('Authorization', manager.auth).expect(200);
      cohort = await t.http.get(`/api/cohorts/${cohortId}`).set('Authorization', manager.auth).expect(200);
      expect(cohort.body).toMatchObject({ enrolled: 0, overdue: 0 });
      const lesson = await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[1]}/completion`).set('Authorization', learner.auth);
      expect(lesson.status).toBe(409);
      const kept = await t.db.query(`SELECT count(*)::int AS n FROM lesson_completions WHERE enrolment_id = $1`, [enrolmentId]);
      expect(kept[0].n).toBe(1);
      const audits = await t.db.query(`SELECT actor_id FROM audit_events WHERE action = 'enrolment.withdrawn' AND subject_id = $1`, [enrolmentId]);
      expect(audits).toEqual([{ actor_id: manager.id }]);

      const email = ((await t.db.query(`SELECT email FROM users WHERE id = $1`, [learner.id])) as { email: string }[])[0]!.email;
      const again = await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).send({ learners: [{ email }] }).expect(200);
      expect(again.body).toMatchObject({ enrolled: 1, alreadyEnrolled: 0, errors: [] });
      const row = await t.db.query(`SELECT id, status, withdrawn_at, lessons_completed FROM enrolments WHERE user_id = $1 AND course_id = $2`, [learner.id, course.courseId]);
      expect(row).toEqual([{ id: enrolmentId, status: 'active', withdrawn_at: null, lessons_completed: 1 }]);
      const reactivated = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.reactivated' AND subject_id = $1`, [enrolmentId]);
      expect(reactivated[0].n).toBe(1);
    });

    it('self-enrolment: 201 new, 200 when already enrolled, 403 when the course does not allow it, 404 unknown', async () => {
      const open = await createPublishedCourse(t, { authorId: author.id, selfEnrolment: true });
      const closed = await createPublishedCourse(t, { authorId: author.id, selfEnrolment: false });
      const learner = await createUser(t);
      const first = await t.http.post(`/api/courses/${open.courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
      const second = await t.http.post(`/api/courses/${open.courseId}/enrolments`).set('Authorization', learner.auth).expect(200);
      expect(second.body).toEqual({ id: first.body.id });
      const row = await t.db.query(`SELECT items_total, lessons_total, cohort_id, course_version_id FROM enrolments WHERE id = $1`, [first.body.id]);
      expect(row[0]).toEqual({ items_total: 4, lessons_total: 3, cohort_id: null, course_version_id: open.versionId });
      const denied = await t.http.post(`/api/courses/${closed.courseId}/enrolments`).set('Authorization', learner.auth).expect(403);
      expect(denied.body.message).toBe('this course does not allow self-enrolment');
      await t.http.post(`/api/courses/00000000-0000-4000-8000-000000000000/enrolments`).set('Authorization', learner.auth).expect(404);
      await t.http.post(`/api/courses/${open.courseId}/enrolments`).expect(401);
      const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.created' AND subject_id = $1`, [first.body.id]);
      expect(audit[0].n).toBe(1);
    });

    it('version migration moves active enrolments and carries completions and passed attempts by lineage', async () => {
      const { course, cohortId, learner, enrolmentId } = await setup({ lessons: 2 });
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', learner.auth).expect(200);
      await passQuiz(learner, enrolmentId, course);
      // version 2: the same two lessons and quiz (same lineage) plus one new lesson
      const v2: { id: string }[] = await t.db.query(
        `INSERT INTO course_versions (course_id, version, status, title, locale, published_at) VALUES ($1, 2, 'published', 'V2', 'en', now()) RETURNING id`,
        [course.courseId],
      );
      const versionId = v2[0]!.id;
      const mod: { id: string }[] = await t.db.query(`INSERT INTO modules (course_version_id, title, position) VALUES ($1, 'M', 0) RETURNING id`, [versionId]);
      await t.db.query(
        `INSERT INTO lessons (module_id, course_version_id, lineage_id, title, body, body_html, position)
         SELECT $1, $2, lineage_id, title, body, body_html, position FROM lessons WHERE course_version_id = $3`,
        [mod[0]!.id, versionId, course.versionId],
      );
      await t.db.query(`INSERT INTO lessons (module_id, course_version_id, title, body, body_html, position) VALUES ($1, $2, 'New', 'b', '<p>b</p>', 5)`, [mod[0]!.id, versionId]);
      await t.db.query(
        `INSERT INTO quizzes (module_id, course_version_id, lineage_id, title, pass_mark, max_attempts, questions, position)
         SELECT $1, $2, lineage_id, title, pass_mark, max_attempts, questions, 9 FROM quizzes WHERE course_version_id = $3`,
        [mod[0]!.id, versionId, course.versionId],
      );
      await t.db.query(`UPDATE course_versions SET status = 'retired' WHERE id = $1`, [course.versionId]);
      await t.db.query(`UPDATE courses SET published_version_id = $1 WHERE id = $2`, [versionId, course.courseId]);

      await t.http.post(`/api/cohorts/${cohortId}/version-migration`).set('Authorization', otherManager.auth).expect(404);
      const res = await t.http.post(`/api/cohorts/${cohortId}/version-migration`).set('Authorization', manager.auth).expect(200);
      expect(res.body).toEqual({ moved: 1, courseVersion: 2, completed: 0 });
      const row = await t.db.query(
        `SELECT course_version_id, lessons_total, lessons_completed, items_total, items_done, progress_percent, best_final_score FROM enrolments WHERE id = $1`,
        [enrolmentId],
      );
      expect(row[0]).toEqual({
        course_version_id: versionId, lessons_total: 3, lessons_completed: 1, items_total: 4, items_done: 2, progress_percent: 50, best_final_score: '100.00',
      });
      const detail = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(detail.body.course.version).toBe(2);
      expect(detail.body.quizzes[0]).toMatchObject({ passed: true, bestScore: 100 });
      const audit = await t.db.query(`SELECT data FROM audit_events WHERE action = 'cohort.version-migrated' AND subject_id = $1`, [cohortId]);
      expect(audit[0].data).toMatchObject({ moved: 1, toVersion: 2 });
      const again = await t.http.post(`/api/cohorts/${cohortId}/version-migration`).set('Authorization', manager.auth).expect(200);
      expect(again.body.moved).toBe(0);
    });
  });
});

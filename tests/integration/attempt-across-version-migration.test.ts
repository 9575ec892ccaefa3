import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';

/**
 * A quiz attempt left open while the learner's cohort is moved to a newer course version. The
 * migration carries passed attempts by lineage, but an attempt still open is not passed yet; the
 * learner then submits it (the old quiz's attempt) and passes. That pass must count for the same
 * quiz of the version the enrolment is on now, as a pass submitted a minute before the migration
 * would have: the quiz shows passed, the progress counts it, and the stored counters agree with
 * the recompute. (The learner's own version upgrade refuses while an attempt is open; a
 * manager's cohort migration cannot wait for every learner.)
 */
describe('an attempt open across a cohort version migration', () => {
  let t: TestApp;
  let author: TestUser;
  let manager: TestUser;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t);
    orgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
  });
  afterAll(async () => {
    await t.close();
  });

  async function movedWithOpenAttempt() {
    const course = await createPublishedCourse(t, { authorId: author.id, lessons: 1 });
    const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    const learner = await createUser(t);
    await addMember(t, orgId, learner.id, 'learner');
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
    const l = (method: 'get' | 'post' | 'put', path: string, body?: object) => t.http[method](path).set('Authorization', learner.auth).send(body);
    await l('put', `/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`).expect(200);

    // the learner starts the quiz of version 1 and leaves it open
    const attempt = await l('post', `/api/enrolments/${enrolmentId}/quizzes/${course.quizIds[0]}/attempts`).expect(201);

    // version 2 (the same lesson and quiz by lineage) is published and the cohort moved to it
    await t.http.patch(`/api/courses/${course.courseId}`).set('Authorization', author.auth).send({ summary: 'Version 2', accreditation: null }).expect(200);
    await t.http.post(`/api/courses/${course.courseId}/publish`).set('Authorization', author.auth).expect(200);
    const moved = await t.http.post(`/api/cohorts/${cohortId}/version-migration`).set('Authorization', manager.auth).expect(200);
    expect(moved.body).toMatchObject({ moved: 1, courseVersion: 2 });
    return { course, enrolmentId, attempt, l };
  }

  it('counts the pass for the same quiz of the version the learner was moved to', async () => {
    const { course, enrolmentId, attempt, l } = await movedWithOpenAttempt();
    // the learner comes back to the open attempt and passes it
    const answers = course.answers[course.quizIds[0]!]!.map((q) => ({ questionId: q.questionId, optionIds: q.correct }));
    const result = await l('post', `/api/attempts/${attempt.body.id}/submission`, { answers }).expect(200);
    expect(result.body).toMatchObject({ scorePercent: 100, passed: true });

    const detail = await l('get', `/api/enrolments/${enrolmentId}`).expect(200);
    expect(detail.body.course.version).toBe(2);
    expect(detail.body.quizzes[0]).toMatchObject({ passed: true, bestScore: 100 });
    expect(detail.body).toMatchObject({ status: 'completed', progressPercent: 100 });
    expect(await t.db.query(`SELECT id FROM enrolment_counter_drift(ARRAY[$1::uuid])`, [enrolmentId])).toEqual([]);
  });

  it('counts a failed attempt at the earlier version for nothing, and a later pass once', async () => {
    const { course, enrolmentId, attempt, l } = await movedWithOpenAttempt();
    const wrong = course.answers[course.quizIds[0]!]!.map((q) => ({ questionId: q.questionId, optionIds: q.wrong }));
    expect((await l('post', `/api/attempts/${attempt.body.id}/submission`, { answers: wrong }).expect(200)).body).toMatchObject({ passed: false });
    const failed = await l('get', `/api/enrolments/${enrolmentId}`).expect(200);
    expect(failed.body.quizzes[0]).toMatchObject({ passed: false, bestScore: null });
    expect(await t.db.query(`SELECT id FROM enrolment_counter_drift(ARRAY[$1::uuid])`, [enrolmentId])).toEqual([]);

    // the quiz of version 2, passed: counted once
    const newQuizId = failed.body.quizzes[0].quizId as string;
    const next = await l('post', `/api/enrolments/${enrolmentId}/quizzes/${newQuizId}/attempts`).expect(201);
    const answers = course.answers[course.quizIds[0]!]!.map((q) => ({ questionId: q.questionId, optionIds: q.correct }));
    await l('post', `/api/attempts/${next.body.id}/submission`, { answers }).expect(200);
    const passed = await l('get', `/api/enrolments/${enrolmentId}`).expect(200);
    expect(passed.body).toMatchObject({ status: 'completed', progressPercent: 100 });
    expect(await t.db.query(`SELECT id FROM enrolment_counter_drift(ARRAY[$1::uuid])`, [enrolmentId])).toEqual([]);
  });
});

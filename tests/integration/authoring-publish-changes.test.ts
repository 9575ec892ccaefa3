import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMember, createCohort, createOrganization, createUser, type TestUser } from '../support/fixtures.js';

/**
 * Issue 22 point 4 over HTTP: what publishing would change (added, removed, edited, quiz changes
 * that affect grading), the manager's "a newer version exists" with the changes and the move of
 * all learners or only those not started, and the self-enrolled learner's offer (never mid-quiz).
 */
describe('safe publishing', () => {
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

  const as = (user: TestUser) => ({
    get: (path: string) => t.http.get(path).set('Authorization', user.auth),
    post: (path: string, body?: object) => t.http.post(path).set('Authorization', user.auth).send(body),
    put: (path: string, body?: object) => t.http.put(path).set('Authorization', user.auth).send(body),
    patch: (path: string, body?: object) => t.http.patch(path).set('Authorization', user.auth).send(body),
  });
  const quiz = (correct: 'Yes' | 'No') => ({
    title: 'Check', passMark: 100,
    questions: [{ prompt: 'Kind?', kind: 'single', options: [{ text: 'Yes', correct: correct === 'Yes' }, { text: 'No', correct: correct === 'No' }] }],
  });

  /** Version 1: lessons Intro and Old, a quiz; published. */
  async function course() {
    const a = as(author);
    const c = await a.post('/api/courses', { title: 'Publishing', locale: 'en', selfEnrolment: true }).expect(201);
    const m = await a.post(`/api/courses/${c.body.id}/modules`, { title: 'Basics' }).expect(201);
    await a.post(`/api/modules/${m.body.id}/lessons`, { title: 'Intro', body: 'one' }).expect(201);
    await a.post(`/api/modules/${m.body.id}/lessons`, { title: 'Old', body: 'two' }).expect(201);
    await a.post(`/api/modules/${m.body.id}/quizzes`, quiz('Yes')).expect(201);
    const first = await a.get(`/api/courses/${c.body.id}/changes`).expect(200);
    expect(first.body.fromVersion).toBeNull();
    expect(first.body.changes.map((x: { item: string; change: string }) => `${x.item} ${x.change}`)).toEqual(['module added', 'lesson added', 'lesson added', 'quiz added']);
    await a.post(`/api/courses/${c.body.id}/publish`).expect(200);
    return c.body.id as string;
  }

  /** Version 2 as a draft: Intro edited, Old removed, New added, the quiz's correct answer changed. */
  async function editDraft(courseId: string) {
    const a = as(author);
    const draft = await a.get(`/api/courses/${courseId}?version=draft`).expect(200);
    // the first edit makes the draft; read it again for the draft's ids
    await a.patch(`/api/courses/${courseId}`, { summary: 'v2' }).expect(200);
    const outline = (await a.get(`/api/courses/${courseId}?version=draft`).expect(200)).body;
    expect(outline.version).toBe(draft.body.version + 1);
    const module = outline.modules[0];
    const intro = module.lessons.find((l: { title: string }) => l.title === 'Intro');
    const old = module.lessons.find((l: { title: string }) => l.title === 'Old');
    await t.http.patch(`/api/lessons/${intro.id}`).set('Authorization', author.auth).send({ body: 'one, edited' }).expect(200);
    await t.http.delete(`/api/lessons/${old.id}`).set('Authorization', author.auth).expect((r) => { expect([200, 204]).toContain(r.status); });
    await a.post(`/api/modules/${module.id}/lessons`, { title: 'New', body: 'three' }).expect(201);
    await t.http.patch(`/api/quizzes/${module.quizzes[0].id}`).set('Authorization', author.auth).send(quiz('No')).expect(200);
  }

  it('shows the changes since the live version before publishing', async () => {
    const courseId = await course();
    expect((await as(author).get(`/api/courses/${courseId}/changes`).expect(200)).body).toEqual({ fromVersion: 1, toVersion: 1, changes: [] });
    await editDraft(courseId);
    const changes = await as(author).get(`/api/courses/${courseId}/changes`).expect(200);
    expect(changes.body).toMatchObject({ fromVersion: 1, toVersion: 2 });
    expect(changes.body.changes.map((c: { item: string; change: string; title: string; fields: string[]; affectsGrading: boolean }) => [c.item, c.change, c.title, c.fields, c.affectsGrading])).toEqual([
      ['lesson', 'edited', 'Intro', ['body'], false],
      ['lesson', 'added', 'New', [], false],
      ['lesson', 'removed', 'Old', [], false],
      ['quiz', 'edited', 'Check', ['questions'], true],
    ]);
    const stranger = await createUser(t, { platformRoles: ['author'] });
    await as(stranger).get(`/api/courses/${courseId}/changes`).expect(404);
  });

  it('tells the manager a newer version exists and moves only the learners not started, then all', async () => {
    const courseId = await course();
    const cohortId = await createCohort(t, { organizationId: orgId, courseId });
    const started = await createUser(t);
    const waiting = await createUser(t);
    await as(manager).post(`/api/cohorts/${cohortId}/enrolments`, { learners: [{ email: started.email }, { email: waiting.email }] }).expect(200);
    const mine = await as(started).get('/api/me/enrolments').expect(200);
    const enrolment = (await as(started).get(`/api/enrolments/${mine.body[0].id}`).expect(200)).body;
    const outline = (await as(started).get(`/api/courses/${courseId}`).expect(200)).body;
    const intro = outline.modules[0].lessons.find((l: { title: string }) => l.title === 'Intro');
    await as(started).put(`/api/enrolments/${enrolment.id}/lessons/${intro.id}/completion`).expect(200);

    expect((await as(manager).get(`/api/cohorts/${cohortId}/version-status`).expect(200)).body).toMatchObject({ newerVersionExists: false, publishedVersion: 1 });
    await editDraft(courseId);
    await as(author).post(`/api/courses/${courseId}/publish`).expect(200);

    const status = await as(manager).get(`/api/cohorts/${cohortId}/version-status`).expect(200);
    expect(status.body).toMatchObject({ newerVersionExists: true, publishedVersion: 2, fromVersion: 1, versions: [{ version: 1, active: 2, notStarted: 1 }] });
    expect(status.body.changes).toHaveLength(4);
    await as(manager).post(`/api/cohorts/${cohortId}/version-migration?learners=some`).expect(400);

    const first = await as(manager).post(`/api/cohorts/${cohortId}/version-migration?learners=not-started`).expect(200);
    expect(first.body).toMatchObject({ moved: 1, courseVersion: 2 });
    const after = await as(manager).get(`/api/cohorts/${cohortId}/version-status`).expect(200);
    expect(after.body.versions).toEqual([{ version: 2, active: 1, notStarted: 1 }, { version: 1, active: 1, notStarted: 0 }]);

    const all = await as(manager).post(`/api/cohorts/${cohortId}/version-migration`).expect(200);
    expect(all.body).toMatchObject({ moved: 1, courseVersion: 2 });
    // progress carried by lineage: Intro stays done on version 2
    const moved = (await as(started).get(`/api/enrolments/${enrolment.id}`).expect(200)).body;
    expect(moved.lessons.filter((l: { completedAt: string | null }) => l.completedAt !== null)).toHaveLength(1);
    expect((await as(manager).get(`/api/cohorts/${cohortId}/version-status`).expect(200)).body.newerVersionExists).toBe(false);
  });

  it('offers a self-enrolled learner the new version, never while a quiz attempt is open', async () => {
    const courseId = await course();
    const learner = await createUser(t);
    const enrolmentId = (await as(learner).post(`/api/courses/${courseId}/enrolments`).expect(201)).body.id as string;
    expect((await as(learner).get(`/api/enrolments/${enrolmentId}/version-offer`).expect(200)).body).toMatchObject({ offered: false, currentVersion: 1 });
    await as(learner).post(`/api/enrolments/${enrolmentId}/version-upgrade`).expect(409);

    const outline = (await as(learner).get(`/api/courses/${courseId}`).expect(200)).body;
    const quizId = outline.modules[0].quizzes[0].id;
    await as(learner).post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).expect(201);
    await editDraft(courseId);
    await as(author).post(`/api/courses/${courseId}/publish`).expect(200);

    // still on version 1: nothing moved by itself
    const offer = await as(learner).get(`/api/enrolments/${enrolmentId}/version-offer`).expect(200);
    expect(offer.body).toMatchObject({ offered: true, currentVersion: 1, newVersion: 2, quizInProgress: true });
    expect(offer.body.changes.some((c: { affectsGrading: boolean }) => c.affectsGrading)).toBe(true);
    const refused = await as(learner).post(`/api/enrolments/${enrolmentId}/version-upgrade`).expect(409);
    expect(String(refused.body.message)).toContain('quiz attempt is open');
    const other = await createUser(t);
    await as(other).get(`/api/enrolments/${enrolmentId}/version-offer`).expect(404);

    await t.db.query(`UPDATE quiz_attempts SET submitted_at = now(), answers = '[]', score_percent = 0, passed = false WHERE enrolment_id = $1`, [enrolmentId]);
    const moved = await as(learner).post(`/api/enrolments/${enrolmentId}/version-upgrade`).expect(200);
    expect(moved.body).toMatchObject({ courseVersion: 2, status: 'active' });
    expect((await as(learner).get(`/api/enrolments/${enrolmentId}/version-offer`).expect(200)).body).toMatchObject({ offered: false, currentVersion: 2 });
  });
});

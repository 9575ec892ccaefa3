import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AttemptsService } from '../../apps/api/src/learning/attempts.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createUser, type TestUser } from '../support/fixtures.js';

/**
 * Short-text answers in the learner's language (issue 22 point 6): an edition gives a question
 * its own accepted answers; a learner reading that edition is graded right typing either the
 * edition's or the default language's answer, and a learner of another language is not given the
 * edition's answers. The same grade whether this API process started the attempt (the texts it
 * held) or not (submit_own_attempt answers regrade with the learner's texts).
 */
describe('short-text accepted answers per edition', () => {
  let t: TestApp;
  let author: TestUser;
  let courseId: string;
  let quizId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    const a = (method: 'post' | 'put', path: string, body?: object) => t.http[method](path).set('Authorization', author.auth).send(body);
    courseId = (await a('post', '/api/courses', { title: 'Self-kindness', locale: 'en', selfEnrolment: true }).expect(201)).body.id;
    const moduleId = (await a('post', `/api/courses/${courseId}/modules`, { title: 'Basics' }).expect(201)).body.id as string;
    await a('post', `/api/modules/${moduleId}/lessons`, { title: 'Read', body: 'Hello' }).expect(201);
    quizId = (await a('post', `/api/modules/${moduleId}/quizzes`, {
      title: 'One word', passMark: 100, maxAttempts: 10,
      questions: [{ prompt: 'Kindness towards oneself is called…', kind: 'short-text', acceptedAnswers: ['self-compassion'] }],
    }).expect(201)).body.id;
    await a('put', `/api/courses/${courseId}/editions/it`, {
      quizzes: [{ id: quizId, title: 'Una parola', questions: [{ prompt: 'La gentilezza verso se stessi si chiama…', acceptedAnswers: ['autocompassione', ' ', 'compassione di sé'] }] }],
    }).expect(200);
    const texts = await t.http.get(`/api/courses/${courseId}/editions/it`).set('Authorization', author.auth).expect(200);
    expect(texts.body.quizzes[0].questions[0].acceptedAnswers).toEqual({ source: ['self-compassion'], text: ['autocompassione', 'compassione di sé'] });
    await a('post', `/api/courses/${courseId}/publish`).expect(200);
    quizId = (await t.http.get(`/api/courses/${courseId}`).set('Authorization', author.auth).expect(200)).body.modules[0].quizzes[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function answer(learner: TestUser, enrolmentId: string, text: string, forget = false) {
    const attempt = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
    // another API process: it did not start this attempt and holds no texts for it
    if (forget) (t.app.get(AttemptsService) as unknown as { attemptTexts: Map<string, unknown> }).attemptTexts.clear();
    const result = await t.http
      .post(`/api/attempts/${attempt.body.id}/submission`)
      .set('Authorization', learner.auth)
      .send({ answers: [{ questionId: attempt.body.questions[0].id, text }] })
      .expect(200);
    const again = await t.http.get(`/api/attempts/${attempt.body.id}`).set('Authorization', learner.auth).expect(200);
    expect(again.body.scorePercent).toBe(result.body.scorePercent);
    return { prompt: attempt.body.questions[0].prompt as string, score: result.body.scorePercent as number, review: result.body.review[0] };
  }

  async function enrol(locale: string) {
    const learner = await createUser(t, { locale });
    const enrolment = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
    return { learner, enrolmentId: enrolment.body.id as string };
  }

  it('accepts the edition’s answers and the default ones for a learner of that edition', async () => {
    const { learner, enrolmentId } = await enrol('it');
    const first = await answer(learner, enrolmentId, '  Autocompassione ');
    expect(first.prompt).toBe('La gentilezza verso se stessi si chiama…');
    expect(first.score).toBe(100);
    expect(first.review.correct).toBe(true);
    expect((await answer(learner, enrolmentId, 'Compassione di sé')).score).toBe(100);
    expect((await answer(learner, enrolmentId, 'self-compassion')).score).toBe(100);
    expect((await answer(learner, enrolmentId, 'pietà')).score).toBe(0);
    // graded the same by a process that did not start the attempt
    expect((await answer(learner, enrolmentId, 'autocompassione', true)).score).toBe(100);
    expect((await answer(learner, enrolmentId, 'pietà', true)).score).toBe(0);
  });

  it('does not accept an edition’s answers from learners of other languages', async () => {
    for (const locale of ['en', 'de']) {
      const { learner, enrolmentId } = await enrol(locale);
      expect((await answer(learner, enrolmentId, 'autocompassione')).score).toBe(0);
      expect((await answer(learner, enrolmentId, 'autocompassione', true)).score).toBe(0);
      expect((await answer(learner, enrolmentId, 'Self-Compassion')).score).toBe(100);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 17 points 2 and 4 in headless Chromium against the built API: a course written in
 * English with a French edition; a French-speaking learner takes the lesson and the quiz in
 * French and sees the review (right/wrong and the author's French feedback, the correct answers
 * withheld while attempts remain). axe stays at zero violations on each page.
 */
describe('a course edition in Chromium (issue 17)', () => {
  let h: BrowserHarness;
  let author: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { platformRoles: ['author'] });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('a French learner reads the lesson and takes the quiz in French, then sees the review', async () => {
    const call = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
      const r = await api<T>(h, author.auth, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const { id: courseId } = await call<{ id: string }>('POST', '/api/courses', { title: 'Kindness at work', summary: 'A short course.', locale: 'en', selfEnrolment: true });
    const { id: moduleId } = await call<{ id: string }>('POST', `/api/courses/${courseId}/modules`, { title: 'Basics' });
    const { id: lessonId } = await call<{ id: string }>('POST', `/api/modules/${moduleId}/lessons`, {
      title: 'What kindness is',
      body: '## Kindness is a practice\n\n- attention\n- action',
      minutes: 5,
    });
    const { id: quizId } = await call<{ id: string }>('POST', `/api/modules/${moduleId}/quizzes`, {
      title: 'Check your understanding',
      passMark: 100,
      maxAttempts: 3,
      questions: [
        {
          prompt: 'Can kindness be practised?',
          kind: 'single',
          options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false }],
          feedback: 'Kindness is something people do: it can be learned.',
        },
      ],
    });
    await call('PUT', `/api/courses/${courseId}/editions/fr`, {
      course: { title: 'La bienveillance au travail', summary: 'Un cours court.' },
      modules: [{ id: moduleId, title: 'Les bases' }],
      lessons: [{ id: lessonId, title: 'Ce qu’est la bienveillance', body: '## La bienveillance est une pratique\n\n- l’attention\n- l’action' }],
      quizzes: [
        {
          id: quizId,
          title: 'Vérifiez votre compréhension',
          questions: [{ prompt: 'La bienveillance peut-elle s’exercer ?', options: ['Oui', 'Non'], feedback: 'La bienveillance se pratique : elle s’apprend.' }],
        },
      ],
    });
    await call('POST', `/api/courses/${courseId}/publish`);
    const learner = await createUser(h.t, { locale: 'fr', name: 'Fanny Apprenante' });
    const enrolment = await api<{ id: string }>(h, learner.auth, 'POST', `/api/courses/${courseId}/enrolments`);
    expect(enrolment.status).toBe(201);
    const enrolmentId = enrolment.body.id;

    const context = await signedInContext(h, learner.id, { locale: 'fr-CH' });
    const page = await context.newPage();
    await withFailureDump(page, 'edition-fr', async () => {
      await page.goto(`${h.baseUrl}/learn/${enrolmentId}/lessons/${lessonId}`);
      await page.locator('.lesson-body').waitFor();
      await settled(page);
      await expect(page.locator('h1').first().innerText()).resolves.toContain('Ce qu’est la bienveillance');
      await expect(page.locator('.lesson-body').innerText()).resolves.toContain('La bienveillance est une pratique');
      expect(await page.locator('body').innerText()).not.toContain('Kindness is a practice');
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${h.baseUrl}/learn/${enrolmentId}/quizzes/${quizId}`);
      await page.getByRole('button', { name: 'Commencer le quiz' }).click();
      await page.getByText('La bienveillance peut-elle s’exercer ?').waitFor();
      await page.getByLabel('Non').check();
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.getByRole('heading', { name: 'Vos réponses' }).waitFor();
      await settled(page);
      const review = await page.locator('.quiz-review').innerText();
      expect(review).toContain('Incorrecte');
      expect(review).toContain('La bienveillance se pratique : elle s’apprend.');
      expect(review).toContain('Les bonnes réponses s’affichent une fois le quiz réussi');
      expect(review).not.toContain('bonne réponse\n');
      expect(await page.locator('.review-option-correct').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toMatch(/Kindness|Check your understanding|can be learned/);
      expect(await axeViolations(page)).toEqual([]);
    });
    await context.close();
  }, 120_000);
});

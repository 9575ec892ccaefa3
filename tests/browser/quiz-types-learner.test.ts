import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, scrollWidth, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 22 points 5 and 7 in headless Chromium against the built API: a learner answers a quiz
 * with every question kind — radio buttons (single choice, true/false), checkboxes (multiple),
 * an ordering put right with the keyboard through "Move up"/"Move down" buttons, a matching with
 * one select per item, a short text typed with other case and spacing — and the server grades each
 * one right; then a second learner answers wrongly and the review marks each kind wrong, with the
 * per-option feedback of the chosen option. axe finds nothing on the quiz and the review, at 320 px too.
 */
describe('quiz question types in Chromium (issue 22)', () => {
  let h: BrowserHarness;
  let author: TestUser;
  let courseId: string;
  let quizId: string;

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { platformRoles: ['author'] });
    const call = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
      const r = await api<T>(h, author.auth, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    ({ id: courseId } = await call<{ id: string }>('POST', '/api/courses', { title: 'Every kind of question', locale: 'en', selfEnrolment: true }));
    const { id: moduleId } = await call<{ id: string }>('POST', `/api/courses/${courseId}/modules`, { title: 'Basics' });
    await call('POST', `/api/modules/${moduleId}/lessons`, { title: 'Read me', body: 'Kindness is a practice.' });
    ({ id: quizId } = await call<{ id: string }>('POST', `/api/modules/${moduleId}/quizzes`, {
      title: 'All kinds',
      passMark: 100,
      maxAttempts: 3,
      questions: [
        {
          prompt: 'Which gesture is kind?', kind: 'single',
          options: [{ text: 'Holding the door', correct: true }, { text: 'Looking away', correct: false, feedback: 'Looking away leaves the person alone.' }],
        },
        { prompt: 'Which help a tired team?', kind: 'multiple', options: [{ text: 'A check-in', correct: true }, { text: 'Thanks', correct: true }, { text: 'Blame', correct: false }] },
        { prompt: 'Kindness can be trained.', kind: 'true-false', options: [{ text: 'True', correct: true }, { text: 'False', correct: false }] },
        { prompt: 'Put the steps in order', kind: 'ordering', options: [{ text: 'Notice' }, { text: 'Feel' }, { text: 'Act' }] },
        { prompt: 'Match the words', kind: 'matching', options: [{ text: 'Empathy', match: 'feeling with' }, { text: 'Compassion', match: 'wishing to help' }] },
        { prompt: 'Kindness towards oneself is called…', kind: 'short-text', acceptedAnswers: ['self-compassion'] },
      ],
    }));
    await call('POST', `/api/courses/${courseId}/publish`);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  async function openQuiz(learner: TestUser, width?: number) {
    const enrolment = await api<{ id: string }>(h, learner.auth, 'POST', `/api/courses/${courseId}/enrolments`);
    expect(enrolment.status).toBe(201);
    const context = await signedInContext(h, learner.id, width ? { width } : {});
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/learn/${enrolment.body.id}/quizzes/${quizId}`);
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await page.getByText('Put the steps in order').waitFor();
    await settled(page);
    return { context, page };
  }

  it('grades every kind right when the learner answers right, ordering by keyboard', async () => {
    const learner = await createUser(h.t, { name: 'Rita Right' });
    const { context, page } = await openQuiz(learner);
    await withFailureDump(page, 'quiz-types-right', async () => {
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Holding the door').check();
      await page.getByLabel('A check-in').check();
      await page.getByLabel('Thanks').check();
      await page.getByLabel('True', { exact: true }).check();
      // ordering: with the keyboard only, move each step up to its place
      const ordering = page.locator('fieldset', { hasText: 'Put the steps in order' });
      for (const [target, text] of ['Notice', 'Feel', 'Act'].entries()) {
        for (;;) {
          const items = await ordering.locator('.ordering-text').allInnerTexts();
          const at = items.indexOf(text);
          if (at <= target) break;
          await ordering.locator('li', { hasText: text }).getByRole('button', { name: /Move up/ }).focus();
          await page.keyboard.press('Enter');
        }
      }
      expect(await ordering.locator('.ordering-text').allInnerTexts()).toEqual(['Notice', 'Feel', 'Act']);
      await expect(ordering.locator('[aria-live="polite"]').innerText()).resolves.toMatch(/position \d of 3/);
      await page.getByLabel('Empathy').selectOption({ label: 'feeling with' });
      await page.getByLabel('Compassion').selectOption({ label: 'wishing to help' });
      await page.getByLabel('Your answer').fill('  Self-Compassion ');
      await page.getByRole('button', { name: 'Submit my answers' }).click();
      await page.getByRole('heading', { name: 'Passed' }).waitFor();
      await settled(page);
      const review = page.locator('.quiz-review');
      expect(await review.locator('.review-item.review-right').count()).toBe(6);
      expect(await review.innerText()).toContain('The correct order:');
      expect(await axeViolations(page)).toEqual([]);
    });
    await context.close();
  }, 120_000);

  it('grades every kind wrong when the learner answers wrong, at 320 px, and shows the chosen option\'s feedback', async () => {
    const learner = await createUser(h.t, { name: 'Walter Wrong' });
    const { context, page } = await openQuiz(learner, 320);
    await withFailureDump(page, 'quiz-types-wrong', async () => {
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
      await page.getByLabel('Looking away').check();
      await page.getByLabel('Blame').check();
      await page.getByLabel('False', { exact: true }).check();
      // ordering left as shown: never the correct order
      await page.getByLabel('Empathy').selectOption({ label: 'wishing to help' });
      await page.getByLabel('Compassion').selectOption({ label: 'feeling with' });
      await page.getByLabel('Your answer').fill('pity');
      await page.getByRole('button', { name: 'Submit my answers' }).click();
      await page.getByRole('heading', { name: 'Not passed' }).waitFor();
      await settled(page);
      const review = page.locator('.quiz-review');
      expect(await review.locator('.review-item.review-wrong').count()).toBe(6);
      const text = await review.innerText();
      expect(text).toContain('Looking away leaves the person alone.');
      // attempts are left: the correct answers stay hidden
      expect(text).not.toContain('The correct order:');
      expect(text).not.toContain('self-compassion');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
      expect(await axeViolations(page)).toEqual([]);
    });
    await context.close();
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 22 points 1 and 5 in headless Chromium, end to end through the pages: the author fills the
 * course's Question bank (tagged questions) on its page, sets a quiz to draw two "care" questions
 * from the bank, gives the video lesson its text alternative (the builder lists it as missing until
 * then) and publishes. A learner opens the lesson's Transcript disclosure under the video, then
 * takes the quiz: its own question plus two bank questions tagged "care" (never the "other" one),
 * graded right. axe is clean on the Question bank page and the quiz editor.
 */
describe('question bank and video text alternative in Chromium (issue 22)', () => {
  let h: BrowserHarness;
  let author: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { platformRoles: ['author'] });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  const call = async <T,>(who: TestUser, method: string, path: string, body?: unknown): Promise<T> => {
    const r = await api<T>(h, who.auth, method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const BANK = [
    { prompt: 'Bank: a colleague is upset. First?', right: 'Listen first', wrong: 'Give advice', tags: 'care' },
    { prompt: 'Bank: a patient waits long. Say?', right: 'Thank them for waiting', wrong: 'Say nothing', tags: 'care, waiting' },
    { prompt: 'Bank: a neighbour is new. Do?', right: 'Say hello', wrong: 'Ignore them', tags: 'care' },
    { prompt: 'Bank: never drawn here', right: 'Other right', wrong: 'Other wrong', tags: 'other' },
  ];
  const TRANSCRIPT = 'A nurse sits beside a patient and listens.\n\nShe repeats what she heard, then asks what would help.';

  it('fills the bank, draws from it, adds the video text, publishes; the learner gets drawn questions graded and the transcript', async () => {
    const { id: courseId } = await call<{ id: string }>(author, 'POST', '/api/courses', { title: 'Listening well', locale: 'en', selfEnrolment: true });
    const { id: moduleId } = await call<{ id: string }>(author, 'POST', `/api/courses/${courseId}/modules`, { title: 'Listening' });
    await call(author, 'POST', `/api/modules/${moduleId}/lessons`, {
      title: 'Watch and listen', body: 'Watch the short film.', videoUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    });
    await call(author, 'POST', `/api/modules/${moduleId}/quizzes`, {
      title: 'Listening check', passMark: 100, maxAttempts: 3,
      questions: [{ prompt: 'Own: listening is a skill.', kind: 'true-false', options: [{ text: 'True', correct: true }, { text: 'False', correct: false }] }],
    });

    const context = await signedInContext(h, author.id);
    await context.route(/youtube-nocookie\.com/, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Video</title><main><p>Video</p></main></html>' }),
    );
    const page = await context.newPage();
    await withFailureDump(page, 'authoring-bank', async () => {
      await page.goto(`${h.baseUrl}/author/courses/${courseId}`);
      await settled(page);
      // the builder names the video lesson without a text alternative
      await page.getByRole('link', { name: /Lesson “Watch and listen” has a video without a text alternative/ }).waitFor();

      // the Question bank page: four questions with tags, through the form
      await page.getByRole('link', { name: 'Question bank' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Question bank' }).waitFor();
      await page.getByText('The question bank has no questions yet.').waitFor();
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
      for (const [i, q] of BANK.entries()) {
        await page.getByRole('button', { name: 'Add a question to the bank' }).click();
        await page.locator(`#question-${i}-prompt`).fill(q.prompt);
        await page.locator(`#question-${i}-tags`).fill(q.tags);
        await page.locator(`#question-${i}-option-0`).fill(q.right);
        await page.locator(`#question-${i}-option-1`).fill(q.wrong);
      }
      await expect(page.locator('#question-0-option-0-correct').isChecked()).resolves.toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save the question bank' }).click();
      await page.getByText('Question bank saved.').waitFor();
      await page.getByText('Tags in the bank: care, other, waiting').waitFor();
      const bank = await call<{ questions: { prompt: string; tags: string[] }[] }>(author, 'GET', `/api/courses/${courseId}/question-bank`);
      expect(bank.questions.map((q) => q.prompt)).toEqual(BANK.map((q) => q.prompt));
      expect(bank.questions[1]!.tags).toEqual(['care', 'waiting']);

      // the quiz editor: draw two "care" questions from the bank
      await page.getByRole('link', { name: 'Back to the course' }).click();
      await page.getByRole('link', { name: 'Listening check' }).click();
      await page.locator('#quiz-draw-bank').waitFor();
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('#quiz-draw-count').fill('2');
      await page.locator('#quiz-draw-tag').fill('care');
      await page.getByLabel('Draw these questions from the course’s question bank').check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // the lesson's text alternative, reached from the builder's warning
      await page.getByRole('link', { name: 'Back to the course' }).click();
      await page.getByRole('link', { name: /Lesson “Watch and listen” has a video without a text alternative/ }).click();
      await page.locator('#lesson-video-text').fill(TRANSCRIPT);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.').waitFor();

      await page.getByRole('link', { name: 'Back to the course' }).click();
      await page.getByRole('button', { name: 'Publish…' }).click();
      await page.getByRole('button', { name: /^Confirm: publish version 1/ }).click();
      await page.getByText('Published as version 1.').waitFor();
      expect(await page.getByText(/has a video without a text alternative/).count()).toBe(0);
    });
    await context.close();

    const stored = await call<{ draws: { count: number; tag?: string; from?: string }[]; questions: unknown[] }>(
      author, 'GET', `/api/quizzes/${(await call<{ modules: { quizzes: { id: string }[] }[] }>(author, 'GET', `/api/courses/${courseId}`)).modules[0]!.quizzes[0]!.id}`,
    );
    expect(stored.draws).toEqual([{ count: 2, tag: 'care', from: 'bank' }]);

    // the learner: the transcript under the video, then the quiz with two drawn bank questions
    const learner = await createUser(h.t, { name: 'Lena Listener' });
    const enrolment = await call<{ id: string }>(learner, 'POST', `/api/courses/${courseId}/enrolments`);
    const published = await call<{ modules: { lessons: { id: string }[]; quizzes: { id: string }[] }[] }>(learner, 'GET', `/api/courses/${courseId}`);
    const learnerContext = await signedInContext(h, learner.id);
    await learnerContext.route(/youtube-nocookie\.com/, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Video</title><main><p>Video</p></main></html>' }),
    );
    const lp = await learnerContext.newPage();
    await withFailureDump(lp, 'authoring-bank-learner', async () => {
      await lp.goto(`${h.baseUrl}/learn/${enrolment.id}/lessons/${published.modules[0]!.lessons[0]!.id}`);
      await lp.locator('.video iframe').waitFor();
      const disclosure = lp.locator('details.video-text');
      const summary = disclosure.getByText('Transcript and description of the video');
      await summary.waitFor();
      await expect(disclosure.getByText('She repeats what she heard').isVisible()).resolves.toBe(false);
      await summary.focus();
      await lp.keyboard.press('Enter');
      await disclosure.getByText('She repeats what she heard, then asks what would help.').waitFor();
      expect(await disclosure.locator('p').count()).toBe(2);
      await settled(lp);
      expect(await axeViolations(lp)).toEqual([]);

      await lp.goto(`${h.baseUrl}/learn/${enrolment.id}/quizzes/${published.modules[0]!.quizzes[0]!.id}`);
      await lp.getByRole('button', { name: 'Start the quiz' }).click();
      await lp.getByText('Own: listening is a skill.').waitFor();
      await settled(lp);
      const shown = BANK.filter((q) => q.tags.includes('care'));
      const visible: string[] = [];
      for (const q of BANK) if (await lp.getByText(q.prompt).count() > 0) visible.push(q.prompt);
      expect(visible).toHaveLength(2);
      expect(visible).not.toContain('Bank: never drawn here');
      await lp.getByLabel('True', { exact: true }).check();
      for (const q of shown) if (visible.includes(q.prompt)) await lp.getByLabel(q.right).check();
      expect(await axeViolations(lp)).toEqual([]);
      await lp.getByRole('button', { name: 'Submit my answers' }).click();
      await lp.getByRole('heading', { name: 'Passed' }).waitFor();
      expect(await lp.locator('.quiz-review .review-item.review-right').count()).toBe(3);
      expect(await lp.locator('.quiz-review .review-item.review-wrong').count()).toBe(0);
    });
    await learnerContext.close();
  }, 180_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 22 points 2 and 3 in headless Chromium: deleting a lesson and a module from the builder
 * asks for confirmation and can be undone (the lesson comes back with the same link); the
 * whole-draft "preview as learner" shows the outline, a lesson and a quiz without recording
 * anything; a never-published course can be deleted. axe is clean on the builder pages.
 */
describe('the course builder in Chromium (issue 22)', () => {
  let h: BrowserHarness;
  let author: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { platformRoles: ['author'] });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  const call = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await api<T>(h, author.auth, method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  it('deletes with confirmation and undo, previews the draft as a learner, and deletes a never-published course', async () => {
    const { id: courseId } = await call<{ id: string }>('POST', '/api/courses', { title: 'Undo course', summary: 'Try deleting.', locale: 'en' });
    const { id: moduleId } = await call<{ id: string }>('POST', `/api/courses/${courseId}/modules`, { title: 'First steps' });
    const { id: keepId } = await call<{ id: string }>('POST', `/api/modules/${moduleId}/lessons`, { title: 'Lesson to keep', body: 'Stays.' });
    const { id: goneId } = await call<{ id: string }>('POST', `/api/modules/${moduleId}/lessons`, { title: 'Lesson to delete', body: '## Comes back\n\nWith undo.' });
    const { id: quizId } = await call<{ id: string }>('POST', `/api/modules/${moduleId}/quizzes`, {
      title: 'Tiny quiz',
      passMark: 50,
      questions: [{ prompt: 'Is undo kind?', kind: 'single', options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false }] }],
    });

    const context = await signedInContext(h, author.id);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await withFailureDump(page, 'authoring-builder', async () => {
      await page.goto(`${h.baseUrl}/author/courses/${courseId}`);
      await settled(page);
      await page.getByRole('link', { name: 'Lesson to delete' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Delete Lesson to delete' }).click();
      await page.getByText('“Lesson to delete” deleted.').waitFor();
      expect(dialogs.at(-1)).toContain('Delete the lesson “Lesson to delete”? You can undo this');
      await page.getByRole('link', { name: 'Lesson to delete' }).waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: 'Deleted from this draft' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Undo Lesson to delete' }).click();
      await page.getByText('“Lesson to delete” restored.').waitFor();
      // Back in its place, with the same link (ids are kept by the restore).
      await expect(page.getByRole('link', { name: 'Lesson to delete' }).getAttribute('href')).resolves.toBe(`/author/courses/${courseId}/lessons/${goneId}`);
      const order = await page.locator('.structure-list a').allInnerTexts();
      expect(order.slice(0, 2)).toEqual(['Lesson to keep', 'Lesson to delete']);
      await page.getByRole('heading', { name: 'Deleted from this draft' }).waitFor({ state: 'detached' });

      // Preview as learner: outline, a lesson rendered as learners see it, the quiz without a submit.
      await page.getByRole('link', { name: 'Preview as learner' }).click();
      await settled(page);
      await page.getByRole('link', { name: 'Lesson to delete' }).click();
      await page.getByRole('heading', { name: 'Comes back' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Tiny quiz' }).click();
      await page.getByText('Is undo kind?').waitFor();
      await page.getByLabel('No').check();
      expect(await page.getByRole('button', { name: /submit/i }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(page.url()).toContain(`item=quiz:${quizId}`);

      // The lesson editor (side-by-side preview) is clean too.
      await page.goto(`${h.baseUrl}/author/courses/${courseId}/lessons/${keepId}`);
      await settled(page);
      await page.locator('.preview-surface .lesson-body').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // A never-published course can be deleted, after a confirmation.
      await page.goto(`${h.baseUrl}/author/courses/${courseId}`);
      await settled(page);
      await page.getByRole('button', { name: 'Delete course' }).click();
      await page.waitForURL(`${h.baseUrl}/author`);
      expect(dialogs.at(-1)).toContain('Delete this course for good?');
    });
    await context.close();
    const gone = await api(h, author.auth, 'GET', `/api/courses/${courseId}?version=draft`);
    expect(gone.status).toBe(404);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addMember, createCohort, createOrganization, createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 22 points 4 and 7 in headless Chromium: the author edits a published course, the header
 * and the versions table agree on what is live and what is a draft, "Publish…" lists the changes
 * (the quiz change marked as affecting grading) and publishes only on confirmation; then the
 * cohort's manager sees "a newer version exists" with the changes and moves the learners, whose
 * completed lesson is carried over. axe finds nothing on the builder and the cohort overview.
 */
describe('publishing with changes, and moving a cohort (issue 22)', () => {
  let h: BrowserHarness;
  let author: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { platformRoles: ['author'] });
    manager = await createUser(h.t);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows what changed before publishing, then the manager moves the cohort to the new version', async () => {
    const call = async <T,>(who: TestUser, method: string, path: string, body?: unknown): Promise<T> => {
      const r = await api<T>(h, who.auth, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const quiz = (right: 'Yes' | 'No') => ({
      title: 'Check', passMark: 100,
      questions: [{ prompt: 'Kind?', kind: 'single', options: [{ text: 'Yes', correct: right === 'Yes' }, { text: 'No', correct: right === 'No' }] }],
    });
    const { id: courseId } = await call<{ id: string }>(author, 'POST', '/api/courses', { title: 'Careful changes', locale: 'en' });
    const { id: moduleId } = await call<{ id: string }>(author, 'POST', `/api/courses/${courseId}/modules`, { title: 'Basics' });
    const { id: introId } = await call<{ id: string }>(author, 'POST', `/api/modules/${moduleId}/lessons`, { title: 'Intro', body: 'one' });
    await call(author, 'POST', `/api/modules/${moduleId}/quizzes`, quiz('Yes'));
    await call(author, 'POST', `/api/courses/${courseId}/publish`);
    const orgId = await createOrganization(h.t);
    await addMember(h.t, orgId, manager.id, 'manager');
    const cohortId = await createCohort(h.t, { organizationId: orgId, courseId });
    const learner = await createUser(h.t);
    await call(manager, 'POST', `/api/cohorts/${cohortId}/enrolments`, { learners: [{ email: learner.email }] });
    const [mine] = await call<{ id: string }[]>(learner, 'GET', '/api/me/enrolments');
    await call(learner, 'PUT', `/api/enrolments/${mine!.id}/lessons/${introId}/completion`);

    // the draft: a lesson edited and one added, the quiz's correct answer changed
    await call(author, 'PATCH', `/api/courses/${courseId}`, { summary: 'Second edition' });
    const draft = await call<{ modules: { id: string; lessons: { id: string; title: string }[]; quizzes: { id: string }[] }[] }>(
      author, 'GET', `/api/courses/${courseId}?version=draft`,
    );
    const draftModule = draft.modules[0]!;
    await call(author, 'PATCH', `/api/lessons/${draftModule.lessons[0]!.id}`, { body: 'one, clearer' });
    await call(author, 'POST', `/api/modules/${draftModule.id}/lessons`, { title: 'Practice', body: 'two' });
    await call(author, 'PATCH', `/api/quizzes/${draftModule.quizzes[0]!.id}`, quiz('No'));

    const authorContext = await signedInContext(h, author.id);
    const page = await authorContext.newPage();
    await withFailureDump(page, 'publish-diff', async () => {
      await page.goto(`${h.baseUrl}/author/courses/${courseId}`);
      await page.locator('.version-line').waitFor();
      await settled(page);
      // the header and the versions table agree
      await expect(page.locator('.version-line').innerText()).resolves.toBe('Live: version 1 · Draft: version 2 (not published)');
      const rows = await page.locator('section[aria-labelledby="versions-heading"] tbody tr').allInnerTexts();
      expect(rows.join('\n')).toMatch(/2\s+Draft/);
      expect(rows.join('\n')).toMatch(/1\s+Published/);

      await page.getByRole('button', { name: 'Publish…' }).click();
      const review = page.locator('.publish-review');
      await review.getByRole('heading', { name: 'Changes from version 1 (live) to version 2' }).waitFor();
      const text = await review.innerText();
      expect(text).toContain('Lesson “Intro” edited (text)');
      expect(text).toContain('Lesson “Practice” added');
      expect(text).toMatch(/Quiz “Check” edited \(questions\)\s*affects grading/);
      expect(await axeViolations(page)).toEqual([]);
      // cancelling publishes nothing
      await review.getByRole('button', { name: 'Cancel' }).click();
      const stillDraft = await call<{ status: string; version: number }[]>(author, 'GET', `/api/courses/${courseId}/versions`);
      expect(stillDraft.find((v) => v.version === 2)?.status).toBe('draft');

      await page.getByRole('button', { name: 'Publish…' }).click();
      await page.getByRole('button', { name: 'Confirm: publish version 2' }).click();
      await page.getByText('Published as version 2.').waitFor();
      // the header follows the versions once they are read again
      await page.locator('.version-line', { hasText: /^Live: version 2$/ }).waitFor();
    });
    await authorContext.close();

    const managerContext = await signedInContext(h, manager.id, { width: 1366, height: 900 });
    const managerPage = await managerContext.newPage();
    await withFailureDump(managerPage, 'cohort-newer-version', async () => {
      await managerPage.goto(`${h.baseUrl}/manage/organizations/${orgId}/cohorts/${cohortId}`);
      const notice = managerPage.locator('.newer-version');
      await notice.getByRole('heading', { name: 'A newer version of the course exists (version 2)' }).waitFor();
      await settled(managerPage);
      const text = await notice.innerText();
      expect(text).toContain('1 learner is on version 1 or older; 0 of them have not started yet.');
      expect(text).toContain('Lesson “Practice” added');
      expect(await axeViolations(managerPage)).toEqual([]);
      await notice.getByRole('button', { name: 'Move the 1 learner' }).click();
      await managerPage.getByText('1 learner moved to version 2.').waitFor();
    });
    await managerContext.close();
    const after = await call<{ lessons: { lessonId: string; completedAt: string | null }[] }>(learner, 'GET', `/api/enrolments/${mine!.id}`);
    expect(after.lessons.filter((l) => l.completedAt !== null)).toHaveLength(1);
    expect(after.lessons).toHaveLength(2);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/fixtures.js';
import { api, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Translations belong to questions, not to positions, in the real quiz editor: the author of a
 * course with a German edition removes the first question and corrects the wording of the other
 * in the page, and saves. The German edition then still has the second question's translation on
 * that question (the editor sent its id back; its prompt changed, so only the id can tell), and a
 * German learner sees it with its own options.
 */
describe('edition texts follow their question in the quiz editor (Chromium)', () => {
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

  it('removing a question and rewording another keeps each translation on its own question', async () => {
    const { id: courseId } = await call<{ id: string }>(author, 'POST', '/api/courses', { title: 'Kind shifts', locale: 'en', selfEnrolment: true });
    const { id: moduleId } = await call<{ id: string }>(author, 'POST', `/api/courses/${courseId}/modules`, { title: 'On the ward' });
    await call(author, 'POST', `/api/modules/${moduleId}/lessons`, { title: 'Handover', body: 'Say the name first.' });
    const { id: quizId } = await call<{ id: string }>(author, 'POST', `/api/modules/${moduleId}/quizzes`, {
      title: 'Handover check', passMark: 100, maxAttempts: 3,
      questions: [
        { prompt: 'What comes first?', kind: 'single', options: [{ text: 'The name', correct: true }, { text: 'The bed number', correct: false }] },
        { prompt: 'Who do you tel?', kind: 'single', options: [{ text: 'The next nurse', correct: true }, { text: 'Nobody', correct: false }] },
      ],
    });
    await call(author, 'PUT', `/api/courses/${courseId}/editions/de`, {
      quizzes: [{
        id: quizId, title: 'Übergabe-Check',
        questions: [
          { prompt: 'Was kommt zuerst?', options: ['Der Name', 'Die Bettnummer'] },
          { prompt: 'Wem sagen Sie es?', options: ['Der nächsten Pflegekraft', 'Niemandem'] },
        ],
      }],
    });

    const context = await signedInContext(h, author.id);
    const page = await context.newPage();
    await withFailureDump(page, 'edition-question-lineage', async () => {
      await page.goto(`${h.baseUrl}/author/courses/${courseId}/quizzes/${quizId}`);
      await settled(page);
      await page.locator('#question-1-prompt').waitFor();
      await page.getByRole('button', { name: 'Remove question 1' }).click();
      await page.locator('#question-0-prompt').fill('Who do you tell?');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved').first().waitFor();
    });
    await context.close();

    const edition = await call<{ quizzes: { questions: { prompt: { source: string; text: string | null }; options: { source: string; text: string | null }[] }[] }[]; missing: unknown[] }>(
      author, 'GET', `/api/courses/${courseId}/editions/de`,
    );
    const [only] = edition.quizzes[0]!.questions;
    expect(edition.quizzes[0]!.questions).toHaveLength(1);
    expect(only!.prompt).toEqual({ source: 'Who do you tell?', text: 'Wem sagen Sie es?' });
    expect(only!.options.map((o) => `${o.source}=${o.text}`)).toEqual(['The next nurse=Der nächsten Pflegekraft', 'Nobody=Niemandem']);

    await call(author, 'POST', `/api/courses/${courseId}/publish`);
    const published = await call<{ modules: { quizzes: { id: string }[] }[] }>(author, 'GET', `/api/courses/${courseId}`);
    const learner = await createUser(h.t, { locale: 'de' });
    const enrolment = await call<{ id: string }>(learner, 'POST', `/api/courses/${courseId}/enrolments`);
    const attempt = await call<{ questions: { prompt: string; options: { text: string }[] }[] }>(
      learner, 'POST', `/api/enrolments/${enrolment.id}/quizzes/${published.modules[0]!.quizzes[0]!.id}/attempts`,
    );
    expect(attempt.questions.map((q) => [q.prompt, ...q.options.map((o) => o.text).sort()])).toEqual([['Wem sagen Sie es?', 'Der nächsten Pflegekraft', 'Niemandem']]);
  }, 120_000);
});

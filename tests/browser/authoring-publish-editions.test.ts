import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 22 point 6 in headless Chromium: the builder says how many texts each language edition
 * lacks and opens the edition side by side with the default language; the author fills the
 * missing texts there, saves, and the edition is complete — the video's text alternative, option
 * feedback, matching pairs, accepted short answers and the question bank included. axe finds
 * nothing on the page.
 */
describe('filling a language edition side by side (issue 22)', () => {
  let h: BrowserHarness;
  let author: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { platformRoles: ['author'] });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows the missing German texts next to the English ones and saves them', async () => {
    const call = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
      const r = await api<T>(h, author.auth, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const { id: courseId } = await call<{ id: string }>('POST', '/api/courses', { title: 'Kindness at work', summary: 'Short.', locale: 'en' });
    const { id: moduleId } = await call<{ id: string }>('POST', `/api/courses/${courseId}/modules`, { title: 'Basics' });
    await call('POST', `/api/modules/${moduleId}/lessons`, { title: 'What kindness is', body: 'Kindness is a practice.' });
    await call('PUT', `/api/courses/${courseId}/editions/de`, { course: { title: 'Freundlichkeit bei der Arbeit' } });

    const context = await signedInContext(h, author.id);
    const page = await context.newPage();
    await withFailureDump(page, 'edition-side-by-side', async () => {
      await page.goto(`${h.baseUrl}/author/courses/${courseId}`);
      await page.getByRole('link', { name: /Fill in the German texts side by side/ }).click();
      await page.getByRole('heading', { name: 'German edition' }).waitFor();
      await settled(page);
      await expect(page.getByRole('status').first().innerText()).resolves.toMatch(/Missing texts: 4 of 5/);
      expect(await page.locator('.edition-source-text').allInnerTexts()).toEqual(expect.arrayContaining(['Kindness at work', 'Basics', 'Kindness is a practice.']));
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Show only the missing texts').check();
      expect(await page.locator('.edition-row').count()).toBe(4);
      await page.getByLabel('Course summary · German').fill('Kurz.');
      await page.getByLabel('Module “Basics”: title · German').fill('Grundlagen');
      await page.getByLabel('Lesson “What kindness is”: title · German').fill('Was Freundlichkeit ist');
      await page.getByLabel('Lesson “What kindness is”: text · German').fill('Freundlichkeit ist eine Übung.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved').first().waitFor();
      // the count is the server's, refetched after the save: wait for it rather than read it at once
      await page.getByRole('status').filter({ hasText: /Missing texts: 0 of 5/ }).first().waitFor({ timeout: 10_000 });
    });
    await context.close();
    const overview = await call<{ editions: { locale: string; missing: number }[] }>('GET', `/api/courses/${courseId}/editions`);
    expect(overview.editions.find((e) => e.locale === 'de')?.missing).toBe(0);
  }, 120_000);

  it('lists and fills the video text, option feedback, matches, accepted answers and the question bank', async () => {
    const call = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
      const r = await api<T>(h, author.auth, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const { id: courseId } = await call<{ id: string }>('POST', '/api/courses', { title: 'Listening', locale: 'en' });
    const { id: moduleId } = await call<{ id: string }>('POST', `/api/courses/${courseId}/modules`, { title: 'Basics' });
    await call('POST', `/api/modules/${moduleId}/lessons`, { title: 'Watch', body: 'Watch this.', videoUrl: 'https://vimeo.com/123456', videoText: 'A nurse listens.' });
    await call('PUT', `/api/courses/${courseId}/question-bank`, {
      questions: [{ prompt: 'Bank: match them', kind: 'matching', options: [{ text: 'Ear', match: 'listen' }, { text: 'Eye', match: 'see' }] }],
    });
    await call('POST', `/api/modules/${moduleId}/quizzes`, {
      title: 'Check', passMark: 100, draws: [{ count: 1, from: 'bank' }],
      questions: [
        { prompt: 'Kind?', kind: 'single', options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false, feedback: 'It is kind.' }] },
        { prompt: 'Word?', kind: 'short-text', acceptedAnswers: ['kindness'] },
      ],
    });
    await call('PUT', `/api/courses/${courseId}/editions/de`, { course: { title: 'Zuhören' } });

    const context = await signedInContext(h, author.id);
    const page = await context.newPage();
    await withFailureDump(page, 'edition-every-text', async () => {
      await page.goto(`${h.baseUrl}/author/courses/${courseId}/editions/de`);
      await page.getByRole('heading', { name: 'German edition' }).waitFor();
      await settled(page);
      // the same count as the builder's: every text the server lists is a row here
      const { missing } = await call<{ missing: unknown[] }>('GET', `/api/courses/${courseId}/editions/de`);
      await expect(page.getByRole('status').first().innerText()).resolves.toBe(`Missing texts: ${missing.length} of ${missing.length + 1}.`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Show only the missing texts').check();
      expect(await page.locator('.edition-row').count()).toBe(missing.length);
      await page.getByLabel('Lesson “Watch”: text alternative of the video · German').fill('Eine Pflegerin hört zu.');
      await page.getByLabel('Quiz “Check”, question 1, answer 2: feedback · German').fill('Es ist freundlich.');
      await page.getByLabel('Quiz “Check”, question 2: accepted answers, one per line · German').fill('Freundlichkeit\nGüte');
      await page.getByLabel('Question bank, question 1, answer 1: its match · German').fill('hören');
      await page.getByLabel('Question bank, question 1, answer 2: its match · German').fill('sehen');
      // the rest: anything, in German
      const empty = page.locator('.edition-row-missing').locator('input, textarea');
      for (let i = 0; i < 30 && (await empty.count()) > 0; i++) await empty.first().fill('Deutsch');
      expect(await empty.count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved').first().waitFor();
      // The count is the server's list, asked again after the save: waited for, not read at once.
      await page.getByRole('status').filter({ hasText: /^Missing texts: 0 of/ }).first().waitFor({ timeout: 15_000 });
    });
    await context.close();
    const edition = await call<{
      missing: unknown[];
      lessons: { videoText: { text: string } }[];
      quizzes: { questions: { optionFeedback: { text: string }[]; acceptedAnswers: { text: string[] } | null }[] }[];
      bank: { questions: { matches: { text: string }[] }[] };
    }>('GET', `/api/courses/${courseId}/editions/de`);
    expect(edition.missing).toEqual([]);
    expect(edition.lessons[0]!.videoText.text).toBe('Eine Pflegerin hört zu.');
    expect(edition.quizzes[0]!.questions[0]!.optionFeedback[0]!.text).toBe('Es ist freundlich.');
    expect(edition.quizzes[0]!.questions[1]!.acceptedAnswers!.text).toEqual(['Freundlichkeit', 'Güte']);
    expect(edition.bank.questions[0]!.matches.map((m) => m.text)).toEqual(['hören', 'sehen']);
  }, 120_000);
});

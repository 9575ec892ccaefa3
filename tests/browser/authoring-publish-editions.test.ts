import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 22 point 6 in headless Chromium: the builder says how many texts each language edition
 * lacks and opens the edition side by side with the default language; the author fills the
 * missing texts there, saves, and the edition is complete. axe finds nothing on the page.
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
      await expect(page.getByRole('status').first().innerText()).resolves.toMatch(/Missing texts: 0 of 5/);
    });
    await context.close();
    const overview = await call<{ editions: { locale: string; missing: number }[] }>('GET', `/api/courses/${courseId}/editions`);
    expect(overview.editions.find((e) => e.locale === 'de')?.missing).toBe(0);
  }, 120_000);
});

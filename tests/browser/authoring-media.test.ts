import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, eventually, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 22 point 1 (and 2) in headless Chromium: an author uploads an image from the lesson
 * editor (button), pastes and drops two more, sees them in the side-by-side preview rendered as
 * learners see it, saves; after publishing, an enrolled learner sees the image in the lesson
 * (served from Kindling's origin, allowed by the CSP). axe stays clean on the editor.
 */
describe('lesson media in Chromium (issue 22)', () => {
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

  /** Whether every image in `selector` has loaded (naturalWidth > 0), and how many there are. */
  const loadedImages = (page: import('playwright-core').Page, selector: string) =>
    page.evaluate<{ count: number; loaded: number }>(
      `(() => { const imgs = [...document.querySelectorAll(${JSON.stringify(selector)})];
        return { count: imgs.length, loaded: imgs.filter((i) => i.complete && i.naturalWidth > 0).length }; })()`,
    );

  it('uploads and inserts an image (button, paste, drop) that an enrolled learner then sees', async () => {
    const { id: courseId } = await call<{ id: string }>('POST', '/api/courses', { title: 'Seeing kindness', summary: 'Pictures.', locale: 'en', selfEnrolment: true });
    const { id: moduleId } = await call<{ id: string }>('POST', `/api/courses/${courseId}/modules`, { title: 'Look' });
    const { id: lessonId } = await call<{ id: string }>('POST', `/api/modules/${moduleId}/lessons`, { title: 'A picture lesson', body: 'Before the picture.', minutes: 3 });
    const red = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#c0392b' } }).png().toBuffer();
    const blue = await sharp({ create: { width: 100, height: 80, channels: 3, background: '#2450c0' } }).jpeg().toBuffer();
    const green = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#1e8c45' } }).webp().toBuffer();

    const context = await signedInContext(h, author.id);
    const page = await context.newPage();
    await withFailureDump(page, 'authoring-media-editor', async () => {
      await page.goto(`${h.baseUrl}/author/courses/${courseId}/lessons/${lessonId}`);
      await settled(page);
      await page.locator('#lesson-body').waitFor();
      // Button: the file picker behind "Insert image or PDF".
      await page.locator('[data-testid="media-picker"]').setInputFiles({ name: 'red square.png', mimeType: 'image/png', buffer: red });
      await page.getByText('red square.png uploaded and inserted.').waitFor();
      // Paste and drop: a clipboard and a drag carrying a file, as the browser delivers them.
      const deliver = (type: 'paste' | 'drop', name: string, mime: string, bytes: Buffer) =>
        page.evaluate(`(() => {
          const bytes = Uint8Array.from(atob(${JSON.stringify(bytes.toString('base64'))}), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], ${JSON.stringify(name)}, { type: ${JSON.stringify(mime)} }));
          const el = document.getElementById('lesson-body');
          el.focus();
          el.setSelectionRange(el.value.length, el.value.length);
          const event = ${JSON.stringify(type)} === 'paste'
            ? new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })
            : new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
          el.dispatchEvent(event);
        })()`);
      await deliver('paste', 'blue.jpg', 'image/jpeg', blue);
      await page.getByText('blue.jpg uploaded and inserted.').waitFor();
      await deliver('drop', 'green.webp', 'image/webp', green);
      await page.getByText('green.webp uploaded and inserted.').waitFor();
      const body = await page.locator('#lesson-body').inputValue();
      expect(body.match(/!\[[^\]]*\]\(\/api\/media\/[0-9a-f-]{36}\)/g)).toHaveLength(3);
      expect(body.startsWith('Before the picture.\n\n![red square](/api/media/')).toBe(true);
      // The preview is the learners' rendering: three images, loaded from our origin.
      // (polled from the test: the page's CSP forbids the evaluated functions waitForFunction uses)
      const preview = await eventually(async () => {
        const r = await loadedImages(page, '.preview-surface .lesson-body img');
        return r.count === 3 && r.loaded === 3 ? r : undefined;
      }, 30_000, 'three loaded images in the preview');
      expect(preview).toEqual({ count: 3, loaded: 3 });
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.', { exact: true }).waitFor();
    });
    await context.close();

    await call('POST', `/api/courses/${courseId}/publish`);
    const learner = await createUser(h.t, { name: 'Lina Learner' });
    const enrolment = await api<{ id: string }>(h, learner.auth, 'POST', `/api/courses/${courseId}/enrolments`);
    expect(enrolment.status).toBe(201);
    const published = await call<{ modules: { lessons: { id: string }[] }[] }>('GET', `/api/courses/${courseId}`);
    const learnerLesson = published.modules[0]!.lessons[0]!.id;

    const learnerContext = await signedInContext(h, learner.id);
    const learnerPage = await learnerContext.newPage();
    const blocked: string[] = [];
    learnerPage.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    await withFailureDump(learnerPage, 'authoring-media-learner', async () => {
      await learnerPage.goto(`${h.baseUrl}/learn/${enrolment.body.id}/lessons/${learnerLesson}`);
      await learnerPage.locator('.lesson-body img').first().waitFor();
      const seen = await eventually(async () => {
        const r = await loadedImages(learnerPage, '.lesson-body img');
        return r.loaded === 3 ? r : undefined;
      }, 30_000, 'the learner’s three loaded images');
      expect(seen).toEqual({ count: 3, loaded: 3 });
      await expect(learnerPage.locator('.lesson-body img').first().getAttribute('alt')).resolves.toBe('red square');
      expect(blocked).toEqual([]);
    });
    await learnerContext.close();
  }, 120_000);
});

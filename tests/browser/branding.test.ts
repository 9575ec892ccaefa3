import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { unique } from '../support/app.js';
import { addMember, createOrganization, createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, scrollWidth, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/** Issue #16 point 7: the organisation's Branding page, in Chromium against the built app. */
describe('branding page in Chromium (issue 16)', () => {
  let h: BrowserHarness;
  let manager: TestUser;
  let organizationId: string;

  beforeAll(async () => {
    h = await startHarness();
    manager = await createUser(h.t, { name: 'Maria Manager' });
    organizationId = await createOrganization(h.t, unique('Scuola Gentile'));
    await addMember(h.t, organizationId, manager.id, 'manager');
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  it('a manager uploads a logo and sets the signatory; the page is axe-clean and fits 390 and 320 px', async () => {
    const context = await signedInContext(h, manager.id, { width: 1280, height: 900 });
    const page = await context.newPage();
    const logo = await sharp({ create: { width: 600, height: 200, channels: 4, background: { r: 46, g: 107, b: 102, alpha: 1 } } }).png().toBuffer();
    await withFailureDump(page, 'branding', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/branding`);
      await page.getByRole('heading', { level: 1, name: /Certificate branding of/ }).waitFor();
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Choose an image').first().setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
      await page.getByLabel("Signatory's name").fill('Dr. Maria Rossi');
      await page.getByLabel("Signatory's title").fill('Head of School');
      await page.getByRole('button', { name: 'Save branding' }).click();
      await page.getByText('Branding saved. New certificates will carry it.').waitFor();
      await page.getByRole('img', { name: 'Current logo' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
    const saved = await api<{ signatoryName: string; logo: { mime: string } | null }>(h, `Bearer ${manager.token}`, 'GET', `/api/organizations/${organizationId}/branding`);
    expect(saved.body).toMatchObject({ signatoryName: 'Dr. Maria Rossi', logo: { mime: 'image/png' } });

    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settled(page);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    }
    await context.close();
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mintLinkFor } from '../support/mail-links.js';
import { createUser } from '../support/fixtures.js';
import { axeViolations, signedInContext, startHarness, type BrowserHarness } from './support/harness.js';

/**
 * Issue #14: (12) while demo accounts (published password) exist, every page says so in a
 * visible, labelled banner; without them there is none. (1) The verification e-mail's page
 * confirms the address once. The harness gives the file a database of its own, so the demo
 * account inserted here never shows up in other browser tests.
 */
describe('trust pages: the demo banner and e-mail verification', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('appears while demo accounts exist, is accessible, and goes away with them', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    const banner = page.getByRole('region', { name: 'Demo' });

    await page.goto(`${h.baseUrl}/sign-in`, { waitUntil: 'networkidle' });
    await expect(banner.count()).resolves.toBe(0);

    await h.t.db.query(`INSERT INTO users (email, name) VALUES ('admin@kindling.demo', 'Ada Admin')`);
    await page.goto(`${h.baseUrl}/sign-in`, { waitUntil: 'networkidle' });
    await banner.waitFor();
    await expect(banner.isVisible()).resolves.toBe(true);
    await expect(banner.textContent()).resolves.toMatch(/demonstration accounts whose password is public/);
    expect(await axeViolations(page)).toEqual([]);

    await h.t.db.query(`DELETE FROM users WHERE email = 'admin@kindling.demo'`);
    await page.reload({ waitUntil: 'networkidle' });
    await expect(banner.count()).resolves.toBe(0);
    await context.close();
  }, 120_000);

  it('the verification link confirms the address once; a signed-in unverified account is told and can ask again', async () => {
    // A self-registered account (unverified, with a password), written directly.
    const vera = await createUser(h.t, { name: 'Vera', verified: false });
    const email = vera.email;

    const signedIn = await signedInContext(h, vera.id);
    const home = await signedIn.newPage();
    await home.goto(`${h.baseUrl}/`, { waitUntil: 'networkidle' });
    const notice = home.getByRole('region', { name: 'E-mail address not confirmed' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(email);
    await notice.getByRole('button', { name: 'Send the e-mail again' }).click();
    await notice.getByRole('status').filter({ hasText: 'A new confirmation e-mail is on its way' }).waitFor();
    await signedIn.close();

    const link = await mintLinkFor(h.t.db, h.baseUrl, email, 'email_verification');
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(link, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Confirm your e-mail address' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm my e-mail address' }).click();
    await page.getByText('your e-mail address is confirmed').waitFor();
    const rows: { v: boolean }[] = await h.t.db.query(`SELECT email_verified_at IS NOT NULL AS v FROM users WHERE email = $1`, [email]);
    expect(rows).toEqual([{ v: true }]);

    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Confirm my e-mail address' }).click();
    await page.getByRole('alert').filter({ hasText: 'already used, has expired' }).waitFor();
    await context.close();
  }, 120_000);
});

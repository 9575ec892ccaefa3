import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../support/fixtures.js';
import { axeViolations, type BrowserHarness, settled, startHarness, withFailureDump } from './support/harness.js';

type Tree = { [key: string]: string | Tree };
type Lang = 'it' | 'de' | 'fr';

const catalogue = (locale: string): Map<string, string> => {
  const tree = JSON.parse(readFileSync(join(process.cwd(), 'apps', 'web', 'src', 'i18n', 'locales', `${locale}.json`), 'utf8')) as Tree;
  const out = new Map<string, string>();
  const walk = (node: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') out.set(prefix + k, v);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(tree, '');
  return out;
};

/**
 * The English phrases a page in `locale` must not show: every English catalogue text that the
 * other language translates differently, cut at its {{placeholders}} and tags, keeping the
 * pieces long enough to mean something (two words, or one long word).
 */
function englishFragments(locale: Lang): string[] {
  const en = catalogue('en');
  const other = catalogue(locale);
  const fragments = new Set<string>();
  for (const [key, text] of en) {
    const translated = other.get(key);
    if (translated === undefined || translated === text) continue;
    for (const piece of text.split(/\{\{[^}]*\}\}|<[^>]*>|\$t\([^)]*\)/)) {
      const p = piece.trim().replace(/^[\s.,:;!?()–—-]+|[\s.,:;!?()–—-]+$/g, '');
      if (p.length >= 8 && /[a-z]/i.test(p) && (p.includes(' ') || p.length >= 12) && !translated.includes(p)) fragments.add(p);
    }
  }
  return [...fragments];
}

/**
 * Issue #17 points 1 and 6 in Chromium against the built API and web app: in a browser that
 * speaks English, a person picks Italian, German or French on the sign-in page, signs in, and the
 * home page is in that language — no English fragment of the catalogue in its visible text; the
 * account keeps the choice, so a fresh browser lands in it too.
 */
describe('the language picked on the sign-in page survives the sign-in (issue 17)', () => {
  let h: BrowserHarness;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h?.close();
  });

  const englishBrowser = async (): Promise<Page> => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    return context.newPage();
  };

  async function signIn(page: Page, email: string): Promise<void> {
    await page.locator('#signin-email').fill(email);
    await page.locator('#signin-password').fill(TEST_PASSWORD);
    await page.locator('form:has(#signin-password) button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 });
    await settled(page);
  }

  /** English phrases visible on the page (the body's rendered text). */
  async function englishOn(page: Page, locale: Lang): Promise<string[]> {
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    return englishFragments(locale).filter((f) => text.includes(f));
  }

  it.each<[Lang, string]>([
    ['it', 'Italiano'],
    ['de', 'Deutsch'],
    ['fr', 'Français'],
  ])('%s: choose %s on the sign-in page → sign in → the home page speaks it', async (locale) => {
    const user = await createUser(h.t, { name: `Learner ${locale}`, locale: 'en' });
    const page = await englishBrowser();
    await withFailureDump(page, `language-rule-${locale}`, async () => {
      await page.goto(`${h.baseUrl}/sign-in`);
      await settled(page);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.locator('.language-picker select').selectOption(locale);
      await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
      await signIn(page, user.email);

      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await englishOn(page, locale)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      const rows: { locale: string; locale_chosen: boolean }[] = await h.t.db.query(`SELECT locale, locale_chosen FROM users WHERE id = $1`, [user.id]);
      expect(rows[0]).toEqual({ locale, locale_chosen: true });

      // Another English browser, no choice on its sign-in page: the account's language wins.
      const fresh = await englishBrowser();
      await fresh.goto(`${h.baseUrl}/sign-in`);
      await settled(fresh);
      await signIn(fresh, user.email);
      expect(await fresh.getAttribute('html', 'lang')).toBe(locale);
      expect(await englishOn(fresh, locale)).toEqual([]);
    });
  }, 90_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { prepareDatabase } from '../support/app.js';
import { startStack } from '../support/processes.js';

describe('the built web app', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let browser: Browser;
  beforeAll(async () => {
    await prepareDatabase();
    stack = await startStack();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('loads at / without console errors and routes client-side', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(`${stack.baseUrl}/`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    await expect(page.locator('main').first().isVisible()).resolves.toBe(true);
    const deep = await page.goto(`${stack.baseUrl}/verify/not-a-real-code`, { waitUntil: 'networkidle' });
    expect(deep?.status()).toBe(200); // the SPA answers every client route with index.html
    expect(await page.title()).not.toBe('');
    // A 404 from the verification API is expected on this page; anything else is a bug.
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { isolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { startStack } from '../support/processes.js';

describe('the built web app', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let browser: Browser;
  let own: IsolatedStack;
  beforeAll(async () => {
    own = await isolatedStack('smoke');
    stack = await startStack(own.env);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await own?.drop();
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

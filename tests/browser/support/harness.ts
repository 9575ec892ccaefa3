import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { KINDLING_CONFIG, loadConfig } from '@kindling/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestingModule } from '@nestjs/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { TestApp } from '../../support/app.js';
import { launchChromium } from '../../support/browser.js';
import { tokenFor } from '../../support/fixtures.js';
import { isolatedStack } from '../../support/isolated-stack.js';
import { workerServices } from '../../support/worker.js';
import { startStack } from '../../support/processes.js';

/** The secret the built API and worker are started with, so the tests can sign tokens too. */
const JWT_SECRET = 'browser-tests-secret-0123456789abcdef0123456789';

export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  /** Fixture handle for tests/support/fixtures.ts: SQL on the test database, tokens for the running stack. */
  t: TestApp;
  stack: Awaited<ReturnType<typeof startStack>>;
  /** The worker's services in this process (not started) on the stack's database and configuration. */
  workerServices(): Promise<TestingModule>;
  close(): Promise<void>;
}

/**
 * One built API + worker on a database of their own, one Chromium and one connection to that database per test file. The fixtures in
 * tests/support/fixtures.ts expect a TestApp (an in-process Nest app); here the API runs as a real
 * process, so the handle carries only what the fixtures use: the database and the signing config.
 * `extraEnv` goes to both processes (e.g. SMTP_URL of a test SMTP server).
 */
export async function startHarness(extraEnv: Record<string, string> = {}): Promise<BrowserHarness> {
  // Its own database and Redis prefix: see tests/support/isolated-stack.ts for the race a
  // shared one caused between test files running at the same time.
  const own = await isolatedStack('web');
  const db = await new DataSource({ type: 'postgres', url: own.databaseUrl, poolSize: 4 }).initialize();
  // The fixtures complete enrolments in SQL without the API's outbox row, so their certificates
  // come from the worker's sweep, which waits CERTIFICATE_SWEEP_DELAY_MS (30 s by default)
  // after the completion: 3 s here keeps each such file from idling half a minute.
  const stack = await startStack({ JWT_SECRET, WEB_DIST_DIR: await snapshotWebBuild(), CERTIFICATE_SWEEP_DELAY_MS: '3000', ...own.env, ...extraEnv });
  const browser = await launchChromium();
  // The stack's own configuration: its database, prefix and public URL (for fixtures and for
  // worker services built in this process, which must work on the stack's database).
  const config = loadConfig({ ...process.env, JWT_SECRET, CERTIFICATE_SWEEP_DELAY_MS: '3000', ...own.env, ...extraEnv, PUBLIC_URL: stack.baseUrl });
  // The fixtures ask the app for the configuration (tokenFor) and for repositories (every
  // repository is constructed over a DataSource): here they are built over this file's own
  // connection to the same database the API process uses.
  const repositories = new Map<unknown, unknown>();
  const get = (token: unknown): unknown => {
    if (token === KINDLING_CONFIG) return config;
    if (typeof token !== 'function') throw new Error(`the browser harness cannot provide ${String(token)}`);
    if (!repositories.has(token)) repositories.set(token, new (token as new (ds: DataSource) => unknown)(db));
    return repositories.get(token);
  };
  const app = { get } as unknown as NestExpressApplication;
  const t: TestApp = {
    app,
    db,
    http: undefined as unknown as TestApp['http'],
    close: async () => undefined,
  };
  return {
    baseUrl: stack.baseUrl,
    browser,
    t,
    stack,
    workerServices: () => workerServices({ config }),
    close: async () => {
      await browser.close().catch(() => undefined);
      await stack.stop();
      await db.destroy();
      await own.drop();
    },
  };
}

/**
 * A private copy of dist/web for this run: others rebuild the shared dist/web while tests run
 * (vite empties the folder first), which would pull the web app from under the browser.
 */
async function snapshotWebBuild(): Promise<string> {
  const source = join(process.cwd(), 'dist', 'web');
  for (let i = 0; i < 120; i++) {
    if (existsSync(join(source, 'index.html')) && existsSync(join(source, '.vite', 'manifest.json'))) {
      const target = mkdtempSync(join(tmpdir(), 'kindling-web-'));
      cpSync(source, target, { recursive: true });
      if (existsSync(join(target, 'index.html'))) return target;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dist/web is not built: run `npm run build` first');
}

/** A browser context signed in as `userId` through the API's httpOnly access cookie. */
export async function signedInContext(h: BrowserHarness, userId: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<BrowserContext> {
  const context = await h.browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: options.locale ?? 'en-GB',
    acceptDownloads: true,
  });
  const token = tokenFor(h.t, userId, 3600);
  // Say plainly when the API refuses the token, rather than letting the page bounce to sign-in.
  const me = await api(h, `Bearer ${token}`, 'GET', '/api/me');
  if (me.status !== 200) throw new Error(`the API refused the test's access token for ${userId}: ${me.status} ${JSON.stringify(me.body)}`);
  await context.addCookies([
    { name: 'kindling_at', value: token, url: h.baseUrl, httpOnly: true, sameSite: 'Strict' },
    // the readable hint the API sets beside its session cookies (the web app asks /api/me only with it)
    { name: 'kindling_session', value: '1', url: h.baseUrl, sameSite: 'Strict' },
  ]);
  return context;
}

/** Calls the API like a script would, with a bearer token. */
export async function api<T = unknown>(h: BrowserHarness, auth: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers: { ...(auth ? { Authorization: auth } : {}), Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed as T };
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe in the page for the WCAG 2.2 AA rules: a readable list of violations (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`axe did not finish on ${page.url()} within 20 s`)), 20_000);
    }),
  ]).finally(() => clearTimeout(timer));
  if (result.passes.length === 0) throw new Error(`axe checked nothing on ${page.url()}`);
  return result.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}) on ${new URL(page.url()).pathname}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`,
  );
}

/** Width of the page's content; more than the viewport means horizontal scrolling. */
export function scrollWidth(page: Page): Promise<number> {
  // In-page code is passed as text: this project's TypeScript has no DOM library.
  return page.evaluate<number>('(document.scrollingElement ?? document.documentElement).scrollWidth');
}

/** Waits until the SPA has rendered a page heading and no loading indicator is left. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.locator('h1').first().waitFor({ state: 'visible' });
  await untilTrueInPage(page, `!document.querySelector('[aria-busy="true"], .loading')`, 10_000).catch(() => undefined);
}

/**
 * Waits until a JavaScript expression is true in the page. Playwright's waitForFunction polls with
 * `new Function` inside the page, which Kindling's content security policy (no 'unsafe-eval') refuses
 * whenever the first check is false; page.evaluate runs through the DevTools protocol, outside the CSP.
 */
export async function untilTrueInPage(page: Page, expression: string, timeoutMs = 20_000): Promise<void> {
  await eventually(async () => ((await page.evaluate<boolean>(expression)) ? true : undefined), timeoutMs, expression);
}

/** The verification link in the QR code of a certificate PDF (pdftoppm + zbarimg). */
export function qrLinkOfPdf(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-qr-'));
  const file = join(dir, 'certificate.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, join(dir, 'page')]);
  const png = execFileSync('sh', ['-c', `ls ${JSON.stringify(dir)}/page*.png | head -1`]).toString().trim();
  return execFileSync('zbarimg', ['-q', '--raw', png]).toString().trim();
}

/** Text of a PDF (pdftotext), to read the holder's name and number back. */
export function textOfPdf(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-pdf-'));
  const file = join(dir, 'certificate.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

/** Polls `check` until it answers a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** On a failing step: the page's screenshot and HTML under $TMPDIR/kindling-browser-failures, and the path in the error. */
export async function withFailureDump<T>(page: Page, name: string, run: () => Promise<T>, notes: () => string[] = () => []): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const dir = join(tmpdir(), 'kindling-browser-failures');
    execFileSync('mkdir', ['-p', dir]);
    const base = join(dir, `${name}-${Date.now()}`);
    await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
    const html = await page.content().catch(() => '');
    writeFileSync(`${base}.html`, `<!-- ${page.url()}\n${notes().join('\n')} -->\n${html}`);
    if (error instanceof Error) error.message += `\n(page: ${page.url()}; dump: ${base}.png/.html; notes: ${notes().join(' | ')})`;
    throw error;
  }
}

/** What has the keyboard focus, and whether a focus indicator is drawn around it. */
export interface Focused {
  tag: string;
  type: string;
  id: string;
  name: string;
  text: string;
  checked: boolean;
  /** a radio group in which nothing is chosen yet */
  groupEmpty: boolean;
  visibleFocus: boolean;
  /** reachable with Tab (tabindex ≥ 0); headings focused by the app on navigation are not */
  tabStop: boolean;
}

/** Runs in the page (as text: this project's TypeScript has no DOM library) and answers a Focused. */
const FOCUSED_IN_PAGE = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) {
    return { tag: 'body', type: '', id: '', name: '', text: '', checked: false, groupEmpty: false, visibleFocus: true, tabStop: false };
  }
  const input = el instanceof HTMLInputElement ? el : null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  const name = input ? input.name : (el.getAttribute('name') || '');
  const group = input && input.type === 'radio' && name
    ? [...document.querySelectorAll('input[type=radio][name="' + CSS.escape(name) + '"]')]
    : [];
  const labelText = input && input.labels && input.labels[0] ? input.labels[0].textContent : '';
  return {
    tag: el.tagName.toLowerCase(),
    type: input ? input.type : (el.getAttribute('type') || ''),
    id: el.id,
    name,
    text: (el.innerText || labelText || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' '),
    checked: input ? input.checked : false,
    groupEmpty: group.length > 0 && !group.some((r) => r.checked),
    visibleFocus: outline || shadow,
    tabStop: el.tabIndex >= 0,
  };
})()`;

export function focused(page: Page): Promise<Focused> {
  return page.evaluate<Focused>(FOCUSED_IN_PAGE);
}

/**
 * Presses Tab until the focused element satisfies `want` (at most `max` presses), noting every
 * focus stop that draws no visible focus indicator.
 */
export async function tabUntil(page: Page, want: (f: Focused) => boolean, invisible: string[], max = 60, what = 'the wanted element'): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tabStop && !f.visibleFocus) invisible.push(`${new URL(page.url()).pathname}: <${f.tag}${f.id ? ` id=${f.id}` : ''}> "${f.text.slice(0, 40)}"`);
    if (want(f)) return f;
  }
  throw new Error(`${what} was not reached with ${max} presses of Tab on ${page.url()}`);
}

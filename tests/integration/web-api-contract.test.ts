import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The web app's one API client may only call operations the API documents: every
 * `{method, path}` in apps/web/src/api/operations.ts must exist in /api/docs-json.
 */
interface WebOperation {
  method: string;
  path: string;
}

describe('the web client and the OpenAPI document agree', () => {
  let t: TestApp;
  let operations: Record<string, WebOperation>;
  beforeAll(async () => {
    t = await startTestApp();
    // Loaded at run time: the web app is type-checked by its own tsconfig (bundler resolution).
    const modulePath = '../../apps/web/src/api/operations.js';
    ({ operations } = (await import(modulePath)) as { operations: Record<string, WebOperation> });
  });
  afterAll(async () => {
    await t.close();
  });

  it('documents every operation the web app calls, with the same method', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const entries = Object.entries(operations);
    expect(entries.length).toBeGreaterThan(20);
    const missing = entries
      .map(([name, op]) => ({ name, key: `${op.method} ${op.path.replace(/:([A-Za-z]+)/g, '{$1}')}` }))
      .filter(({ key }) => !documented.has(key))
      .map(({ name, key }) => `${name}: ${key}`);
    expect(missing).toEqual([]);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * apps/web/src/api/schema.gen.ts (the web app's API types) is generated from the OpenAPI
 * document by `npm run gen:api` and committed, so that building the web app needs no database.
 * This test regenerates it in memory from the document the API serves and fails when the
 * committed file is stale. `WRITE_WEB_SCHEMA=1` rewrites the file instead (from the TypeScript
 * sources, without a server build).
 */
interface Generator {
  SCHEMA_FILE: string;
  renderWebSchema(document: unknown): Promise<string>;
}

describe('the generated web API schema', () => {
  let t: TestApp;
  let gen: Generator;
  beforeAll(async () => {
    t = await startTestApp();
    const modulePath = '../../scripts/gen-web-api.mjs';
    gen = (await import(modulePath)) as Generator;
  });
  afterAll(async () => {
    await t.close();
  });

  it('apps/web/src/api/schema.gen.ts is what `npm run gen:api` makes of /api/docs-json', async () => {
    const document = (await t.http.get('/api/docs-json').expect(200)).body as unknown;
    const fresh = await gen.renderWebSchema(document);
    if (process.env.WRITE_WEB_SCHEMA === '1') writeFileSync(gen.SCHEMA_FILE, fresh);
    const committed = readFileSync(gen.SCHEMA_FILE, 'utf8');
    // Not a diff of two 6,000-line strings: whether it is stale, the first line that differs, and what to do.
    const upToDate = committed === fresh;
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    const firstDifference = upToDate ? null : { line: (line === -1 ? a.length : line) + 1, committed: a[line] ?? '(end of file)', generated: b[line === -1 ? a.length : line] ?? '(end of file)' };
    expect({ upToDate, firstDifference, fix: upToDate ? '' : 'run `npm run gen:api` (or WRITE_WEB_SCHEMA=1 with this test) and commit apps/web/src/api/schema.gen.ts' }).toEqual({
      upToDate: true,
      firstDifference: null,
      fix: '',
    });
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kindling/config';
import pg from 'pg';
import { loadDemoData } from '../../apps/api/src/cli/demo-data.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue #14, point 12: demo data (sign-ins with a published password) only where it belongs.
 * Runs on a database of its own, created empty here and dropped afterwards.
 */
describe('demo data only where it belongs', () => {
  const base = process.env.DATABASE_URL!;
  const url = new URL(base);
  const dbName = `${url.pathname.slice(1)}_demo_${Date.now().toString(36)}`;
  url.pathname = `/${dbName}`;
  const adminEmail = 'operator@hospital.example';
  const saved = { ...process.env };
  let t: TestApp;

  beforeAll(async () => {
    process.env.DATABASE_URL = url.toString();
    process.env.KINDLING_ADMIN_EMAIL = adminEmail;
    process.env.KINDLING_ADMIN_PASSWORD = 'the operator password 2026';
    try {
      t = await startTestApp();
    } finally {
      process.env = { ...saved };
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.end();
  });

  it('KINDLING_DEMO: off by default in production, on elsewhere, explicit either way', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://k.example' }).demoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://k.example', KINDLING_DEMO: 'true' }).demoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).demoData).toBe(true);
  });

  it('with demo data off an empty database gets only the configured admin; GET /api/meta says demo: false', async () => {
    const result = await loadDemoData(t.app, false);
    expect(result.outcome).toBe('demo-off');
    expect(result.report.join('\n')).not.toMatch(/kindling-demo-2026/);
    const users: { email: string; platform_roles: string[] }[] = await t.db.query(`SELECT email, platform_roles FROM users`);
    expect(users).toEqual([{ email: adminEmail, platform_roles: ['admin'] }]);
    const counts: { n: number }[] = await t.db.query(`SELECT ((SELECT count(*) FROM organizations) + (SELECT count(*) FROM courses))::int AS n`);
    expect(counts[0]!.n).toBe(0);
    const meta = await t.http.get('/api/meta').expect(200);
    expect(meta.body).toEqual({ demo: false });
    expect(meta.headers['cache-control']).toBe('no-store');
  });

  it('with demo data on, the empty database gets the demo; /api/meta says demo: true; a second run adds nothing', async () => {
    const result = await loadDemoData(t.app, true);
    expect(result.outcome).toBe('loaded');
    expect(result.report.join('\n')).toMatch(/admin@kindling\.demo/);
    await t.http.get('/api/meta').expect(200, { demo: true });
    const verified: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@kindling.demo' AND email_verified_at IS NOT NULL`);
    expect(verified[0]!.n).toBe(5);
    const again = await loadDemoData(t.app, true);
    expect(again.outcome).toBe('not-empty');
    const orgs: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM organizations`);
    expect(orgs[0]!.n).toBe(1);
    // One demo course, written in English, with its Italian, German and French editions (learner2 reads it in Italian).
    const courses = (await t.db.query(`SELECT count(*)::int AS n FROM courses`)) as { n: number }[];
    expect(courses[0]!.n).toBe(1);
    const editions = (await t.db.query(`SELECT locale, count(*)::int AS n FROM course_edition_texts GROUP BY locale ORDER BY locale`)) as { locale: string; n: number }[];
    expect(editions.map((e) => e.locale)).toEqual(['de', 'fr', 'it']);
    expect(editions[0]!.n).toBeGreaterThan(10);
    // Demo off later (e.g. the same database moved to production): nothing is loaded, the warning is printed.
    const off = await loadDemoData(t.app, false);
    expect(off.report.join('\n')).toMatch(/WARNING: demo accounts/);
  });

  it('GET /api/meta is public and documented', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/meta']?.get).toBeDefined();
    await t.http.post('/api/meta').expect(404);
  });
});

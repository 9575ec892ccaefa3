/**
 * Abuse cases (issue 11, point 4), the HTTP surface: oversized bodies, URLs and headers,
 * security headers and CORS. (Split from security-abuse.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser } from '../support/fixtures.js';
import { expectErrorShape, ip } from '../support/security.js';

let t: TestApp;
let config: KindlingConfig;

beforeAll(async () => {
  t = await startTestApp();
  config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
});
afterAll(async () => {
  await t?.close();
});


// ---------------------------------------------------------------------------------------------

describe('oversized bodies are refused with 413 and the error shape', () => {
  const limitBytes = () => {
    const m = /^(\d+)(kb|mb)$/i.exec(config.bodyLimit)!;
    return Number(m[1]) * (m[2]!.toLowerCase() === 'mb' ? 1024 * 1024 : 1024);
  };

  it('a JSON body over the limit → 413', async () => {
    const body = `{"email":"${'a'.repeat(limitBytes() + 1024)}","password":"x"}`;
    const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', ip()).set('Content-Type', 'application/json').send(body);
    expectErrorShape(res, 413);
  });

  it('a URL or header beyond what the HTTP parser takes → 431 with the error shape (not an empty answer)', async () => {
    const longUrl = await t.http.get(`/api/verify/${'a'.repeat(20_000)}`);
    expectErrorShape(longUrl, 431);
    const longHeader = await t.http.get('/api/health').set('X-Padding', 'b'.repeat(20_000));
    expectErrorShape(longHeader, 431);
  });

  it('a CSV upload over the limit → 413', async () => {
    const manager = await createUser(t);
    const orgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
    const author = await createUser(t, { platformRoles: ['author'] });
    const course = await createPublishedCourse(t, { authorId: author.id });
    const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    const line = 'someone@example.test,Some One\n';
    const csv = `email,name\n${line.repeat(Math.ceil((limitBytes() + 1024) / line.length))}`;
    const res = await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).set('Content-Type', 'text/csv').send(csv);
    expectErrorShape(res, 413);
    const rows: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1`, [cohortId]);
    expect(rows[0]!.n).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe('security headers and CORS', () => {
  it('helmet headers are on API answers, and X-Powered-By is off', async () => {
    const res = await t.http.get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('error answers carry the same headers', async () => {
    const res = await t.http.get('/api/no-such-route');
    expect(res.status).toBe(404);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('CORS is closed: a foreign Origin gets no Access-Control-Allow-Origin, on requests or preflights', async () => {
    const user = await createUser(t);
    const simple = await t.http.get('/api/me').set('Origin', 'https://evil.example').set('Authorization', user.auth);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await t.http
      .options('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,authorization');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });
});

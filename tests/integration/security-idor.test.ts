/**
 * Abuse cases (issue 11, point 4), tenants probing each other's ids. The role × route matrix
 * over every route lives in access-matrix.test.ts (identity); here the complementary property:
 * for another tenant's real ids an outsider's answer is exactly the answer for ids that do not
 * exist, so nothing reveals that the object is there. (Split from security-abuse.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { POLICY_KEY, type Policy } from '../../apps/api/src/common/auth/policy.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';
import { ip, messageOf } from '../support/security.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
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

// ---------------------------------------------------------------------------------------------

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

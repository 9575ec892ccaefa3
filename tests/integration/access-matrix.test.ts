import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { kindlingInstrument } from '@kindling/content';
import { POLICY_KEY, type Policy, type ScopedAccess, type ScopedResource } from '../../apps/api/src/common/auth/policy.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import {
  addMember,
  createCohort,
  createOrganization,
  createPublishedCourse,
  createUser,
  enrol,
  type TestUser,
} from '../support/fixtures.js';

/**
 * Issue 3, points 3 and 4: the route table is read from the running application, every
 * route must declare a policy, and a role × route matrix is derived from those policies —
 * routes added later by anyone are covered without touching this file.
 */

interface Route {
  method: string;
  path: string;
  handler: string;
  policy: Policy | undefined;
}

type CallerName = 'anonymous' | 'learnerA1' | 'learnerA2' | 'managerA' | 'managerB' | 'author' | 'admin';
const CALLERS: CallerName[] = ['anonymous', 'learnerA1', 'learnerA2', 'managerA', 'managerB', 'author', 'admin'];

/** What a caller must get: allowed (not 401/403/404), denied with exactly this status, or unspecified (only: no 5xx, no 401). */
type Expectation = { kind: 'allowed' } | { kind: 'denied'; status: 401 | 403 | 404 } | { kind: 'unspecified' };

const joinPath = (...parts: string[]) =>
  '/' + parts.flatMap((p) => p.split('/')).filter((p) => p.length > 0).join('/');

function routeTable(t: TestApp): Route[] {
  const reflector = t.app.get(Reflector);
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!ctrl || typeof ctrl !== 'function') continue;
      const base = Reflect.getMetadata(PATH_METADATA, ctrl) as string | string[] | undefined;
      const bases = Array.isArray(base) ? base : [base ?? ''];
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor') continue;
        const fn = proto[name];
        if (typeof fn !== 'function') continue;
        const methodPath = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (methodPath === undefined || method === undefined) continue;
        const policy = reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, [fn as () => void, ctrl]);
        for (const b of bases) {
          for (const p of Array.isArray(methodPath) ? methodPath : [methodPath]) {
            routes.push({ method: RequestMethod[method], path: joinPath('api', b, p), handler: `${ctrl.name}.${name}`, policy });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Routes Express actually serves under /api (to be sure the Nest walk missed none). */
function expressRoutes(t: TestApp): string[] {
  const instance = t.app.getHttpAdapter().getInstance() as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const out: string[] = [];
  for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route || !layer.route.path.startsWith('/api')) continue;
    for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return out;
}

interface World {
  orgA: string;
  ids: Record<ScopedResource, string>;
  lessonId: string;
  quizId: string;
  spareMember: string;
  /** a person only the erasure route names: erasing the learner the other routes use would end their sessions */
  erasable: string;
}

describe('access control derived from the route table', () => {
  let t: TestApp;
  let routes: Route[];
  const users = {} as Record<Exclude<CallerName, 'anonymous'>, TestUser>;
  let orgA: string;
  let orgB: string;
  let instrumentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    routes = routeTable(t);
    orgA = await createOrganization(t, unique('OrgA'));
    orgB = await createOrganization(t, unique('OrgB'));
    users.learnerA1 = await createUser(t, { name: 'Learner A1' });
    users.learnerA2 = await createUser(t, { name: 'Learner A2' });
    users.managerA = await createUser(t, { name: 'Manager A' });
    users.managerB = await createUser(t, { name: 'Manager B' });
    users.author = await createUser(t, { name: 'Author', platformRoles: ['author'] });
    users.admin = await createUser(t, { name: 'Admin', platformRoles: ['admin'] });
    await addMember(t, orgA, users.learnerA1.id, 'learner');
    await addMember(t, orgA, users.learnerA2.id, 'learner');
    await addMember(t, orgA, users.managerA.id, 'manager');
    await addMember(t, orgB, users.managerB.id, 'manager');
    const rows: { id: string }[] = await t.db.query(`SELECT id FROM instruments WHERE key = $1 ORDER BY version DESC LIMIT 1`, [kindlingInstrument.key]);
    instrumentId = rows[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One object per scoped resource: A1's work in org A, on a published course of `author`. */
  async function buildWorld(): Promise<World> {
    const course = await createPublishedCourse(t, { authorId: users.author.id, instrumentId, selfEnrolment: true });
    const cohort = await createCohort(t, { organizationId: orgA, courseId: course.courseId });
    const enrolment = await enrol(t, { userId: users.learnerA1.id, course, cohortId: cohort, organizationId: orgA });
    const quizId = course.quizIds[0]!;
    const [attempt] = (await t.db.query(
      `INSERT INTO quiz_attempts (enrolment_id, quiz_id, attempt_no, presented) VALUES ($1, $2, 1, '[]') RETURNING id`,
      [enrolment, quizId],
    )) as { id: string }[];
    const certificateId = randomUUID();
    const documentId = randomUUID();
    const storageKey = `test/${documentId}.pdf`;
    await t.db.transaction(async (em) => {
      await em.query(`INSERT INTO stored_files (key, content_type, bytes) VALUES ($1, 'application/pdf', $2)`, [storageKey, Buffer.from('%PDF-1.4\n%%EOF\n')]);
      await em.query(
        `INSERT INTO certificates (id, enrolment_id, organization_id, user_id, number, holder_name, course_title, locale, hours, completed_at, current_document_id)
         VALUES ($1, $2, $3, $4, $5, 'Learner A1', 'Course', 'en', 4, now(), $6)`,
        [certificateId, enrolment, orgA, users.learnerA1.id, `TST-${randomUUID().slice(0, 13)}`, documentId],
      );
      await em.query(
        `INSERT INTO certificate_documents (id, certificate_id, version, verification_code, holder_name, sha256, storage_key)
         VALUES ($1, $2, 1, $3, 'Learner A1', $4, $5)`,
        [documentId, certificateId, randomUUID().replace(/-/g, ''), 'a'.repeat(64), storageKey],
      );
    });
    const resultKey = `test/${randomUUID()}.csv`;
    await t.db.query(`INSERT INTO stored_files (key, content_type, bytes) VALUES ($1, 'text/csv', $2)`, [resultKey, Buffer.from('a,b\n')]);
    const [job] = (await t.db.query(
      `INSERT INTO jobs (kind, organization_id, created_by, status, total, processed, result_key, finished_at)
       VALUES ('bulk-enrolment', $1, $2, 'done', 1, 1, $3, now()) RETURNING id`,
      [orgA, users.managerA.id, resultKey],
    )) as { id: string }[];
    // Issue 22: a lesson image of the course (the media rules: its author, admins, learners enrolled in the course).
    const sha = randomUUID().replace(/-/g, '').repeat(2);
    const mediaKey = `media/${course.courseId}/${sha}.png`;
    await t.db.query(`INSERT INTO stored_files (key, content_type, bytes) VALUES ($1, 'image/png', $2)`, [mediaKey, Buffer.from('png')]);
    const [media] = (await t.db.query(
      `INSERT INTO course_media (course_id, sha256, kind, content_type, byte_size, file_name, storage_key)
       VALUES ($1, $2, 'image', 'image/png', 3, 'pic.png', $3) RETURNING id`,
      [course.courseId, sha, mediaKey],
    )) as { id: string }[];
    const spare = await createUser(t, { name: 'Spare member' });
    await addMember(t, orgA, spare.id, 'learner');
    return {
      orgA,
      lessonId: course.lessonIds[0]!,
      quizId,
      spareMember: spare.id,
      erasable: (await createUser(t, { name: 'Erasable' })).id,
      ids: {
        course: course.courseId,
        module: course.moduleIds[0]!,
        lesson: course.lessonIds[0]!,
        quiz: quizId,
        cohort,
        enrolment,
        attempt: attempt!.id,
        certificate: certificateId,
        job: job!.id,
        user: users.learnerA1.id,
        instrument: instrumentId,
        media: media!.id,
      },
    };
  }

  const SEGMENT_RESOURCE: Record<string, ScopedResource> = {
    courses: 'course', modules: 'module', lessons: 'lesson', quizzes: 'quiz', cohorts: 'cohort', enrolments: 'enrolment',
    attempts: 'attempt', certificates: 'certificate', jobs: 'job', users: 'user', instruments: 'instrument',
  };

  function fillPath(route: Route, world: World): string {
    const segments = route.path.split('/');
    return segments
      .map((seg, i) => {
        if (!seg.startsWith(':')) return seg;
        const name = seg.slice(1);
        if (route.policy?.kind === 'scoped' && route.policy.param === name) return world.ids[route.policy.resource];
        if (route.path.endsWith('/erasure') && name === 'id') return world.erasable;
        switch (name) {
          case 'orgId': return world.orgA;
          case 'userId': return world.spareMember;
          case 'lessonId': return world.lessonId;
          case 'quizId': return world.quizId;
          case 'phase': return 'pre';
          default: {
            const resource = SEGMENT_RESOURCE[segments[i - 1] ?? ''];
            return resource ? world.ids[resource] : `no-such-${name}`;
          }
        }
      })
      .join('/');
  }

  function expectationFor(policy: Policy, caller: CallerName): Expectation {
    if (policy.kind === 'public') return { kind: 'unspecified' };
    if (caller === 'anonymous') return { kind: 'denied', status: 401 };
    const user = users[caller];
    const isAdmin = caller === 'admin';
    switch (policy.kind) {
      case 'signed-in':
        return { kind: 'unspecified' };
      case 'platform-role': {
        const holds = isAdmin || (caller === 'author' && policy.roles.includes('author'));
        return holds ? { kind: 'allowed' } : { kind: 'denied', status: 403 };
      }
      case 'org-role': {
        const role = caller === 'managerA' ? 'manager' : caller === 'learnerA1' || caller === 'learnerA2' ? 'learner' : null;
        return isAdmin || (role !== null && policy.roles.includes(role)) ? { kind: 'allowed' } : { kind: 'denied', status: 404 };
      }
      case 'scoped': {
        const allowed = scopedAllowed(policy.resource, policy.access, caller);
        void user;
        return allowed === 'any' ? { kind: 'unspecified' } : allowed ? { kind: 'allowed' } : { kind: 'denied', status: 404 };
      }
      default:
        return { kind: 'unspecified' };
    }
  }

  /** Who may reach the fixture object under each access rule (see policy.ts); 'any' where the rule leaves it open. */
  function scopedAllowed(resource: ScopedResource, access: ScopedAccess, caller: CallerName): boolean | 'any' {
    switch (access) {
      case 'author':
        return caller === 'author' || caller === 'admin';
      case 'reader':
        // the published course is seen by its enrolled learner and its author; others depend on the route
        return caller === 'learnerA1' || caller === 'author' ? true : 'any';
      case 'learner':
        return caller === 'learnerA1' ? true : caller === 'admin' ? 'any' : false;
      case 'learner-or-manager':
        return caller === 'learnerA1' || caller === 'managerA' || caller === 'admin';
      case 'manager':
        return caller === 'managerA' || caller === 'admin';
      case 'self':
        return resource === 'user' && (caller === 'learnerA1' || caller === 'admin');
      default:
        return 'any';
    }
  }

  async function call(route: Route, world: World, caller: CallerName): Promise<{ status: number; body: unknown }> {
    const path = fillPath(route, world);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = t.http[method](path).set('X-Forwarded-For', `10.99.${CALLERS.indexOf(caller)}.1`);
    if (caller !== 'anonymous') req = req.set('Authorization', users[caller].auth);
    const res = ['post', 'put', 'patch'].includes(method) ? await req.send({}) : await req;
    return { status: res.status, body: res.body as unknown };
  }

  it('every route declares exactly one access policy', () => {
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(missing).toEqual([]);
  });

  it('the Nest route walk covers every route Express serves under /api', () => {
    const walked = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const served = expressRoutes(t);
    expect(served.length).toBeGreaterThan(0);
    // Not controllers: Swagger UI (public by nature) and the API's catch-all not-found answer.
    const notControllers = (r: string) => r.startsWith('HEAD ') || / \/api\/docs/.test(r) || r.endsWith(' /api{/*splat}');
    expect(served.filter((r) => !walked.has(r) && !notControllers(r))).toEqual([]);
  });

  it('the role × route matrix holds for every route (anonymous, learners A1/A2, managers A/B, author, admin)', async () => {
    const failures: string[] = [];
    const shared = await buildWorld();
    let checked = 0;
    for (const route of routes) {
      if (!route.policy) continue;
      for (const caller of CALLERS) {
        const expectation = expectationFor(route.policy, caller);
        // A denied caller must change nothing, so denials share one world; an allowed caller
        // of a mutating route gets a fresh world so one success cannot spoil the next check.
        const world = expectation.kind !== 'denied' && route.method !== 'GET' ? await buildWorld() : shared;
        const { status, body } = await call(route, world, caller);
        checked++;
        const where = `${route.method} ${route.path} [${route.policy.kind}${route.policy.kind === 'scoped' ? ` ${route.policy.resource}/${route.policy.access}` : ''}] as ${caller}: got ${status} ${JSON.stringify(body).slice(0, 160)}`;
        if (status >= 500) failures.push(`${where} — server error`);
        else if (expectation.kind === 'denied' && status !== expectation.status) failures.push(`${where} — expected exactly ${expectation.status}`);
        else if (expectation.kind === 'allowed' && [401, 403, 404].includes(status)) failures.push(`${where} — expected access`);
        else if (expectation.kind === 'unspecified' && route.policy.kind !== 'public' && (status === 401 || status === 403)) failures.push(`${where} — signed-in caller refused`);
        else if (expectation.kind === 'unspecified' && route.policy.kind === 'public' && status === 403) failures.push(`${where} — public route refused`);
      }
    }
    expect(checked).toBeGreaterThan(routes.length * 5);
    expect(failures).toEqual([]);
  }, 180_000);
});

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, TEST_PASSWORD, type TestUser } from '../support/fixtures.js';

/**
 * The web app's client (apps/web/src/api: openapi-fetch over the generated schema) against the
 * real API, the way the browser uses it: session cookies only, one refresh on a 401, the
 * session-lost handler when the refresh fails, ApiError for 4xx/5xx and network failures, CSV
 * uploads, empty query values left out. The browser supplies cookies and relative URLs; here a
 * small cookie jar and a base URL stand in for it (installed before the client is loaded).
 */
interface CallArgs {
  params?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
}
/** What this test uses of apps/web/src/api (loaded at run time: the web app has its own tsconfig). */
interface WebApi {
  operations: Record<string, unknown>;
  request(op: unknown, args?: CallArgs): Promise<unknown>;
  isApiError(value: unknown, status?: number): boolean;
  setSessionLostHandler(handler: (() => void) | null): void;
}

describe('the web API client', () => {
  let t: TestApp;
  let api: WebApi;
  let base: string;
  const jar = new Map<string, string>();
  const seen: { method: string; url: string; contentType: string | null }[] = [];
  let network = true;
  const realFetch = globalThis.fetch;
  const RealRequest = globalThis.Request;
  let manager: TestUser;
  let learner: TestUser;
  let cohortId: string;
  const ip = `2001:db8:c1::${Math.floor(Math.random() * 0xffff).toString(16)}`;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // The browser resolves '/api/…' against the page and keeps the cookies: so does this stand-in.
    globalThis.Request = class extends RealRequest {
      constructor(input: string | URL | Request, init?: RequestInit) {
        super(typeof input === 'string' && input.startsWith('/') ? `${base}${input}` : input, init);
      }
    } as typeof Request;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      if (!network) throw new TypeError('fetch failed');
      const request = new Request(input, init);
      seen.push({ method: request.method, url: request.url.slice(base.length), contentType: request.headers.get('Content-Type') });
      const headers = new Headers(request.headers);
      headers.set('X-Forwarded-For', ip);
      if (jar.size) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const res = await realFetch(new Request(request, { headers }));
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, value] = pair!.split('=') as [string, string];
        if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    }) as typeof fetch;
    const modulePath = '../../apps/web/src/api/index.js';
    api = (await import(modulePath)) as WebApi;

    const author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t, { name: 'Mia Manager' });
    learner = await createUser(t, { name: 'Leo Learner' });
    const orgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
    const course = await createPublishedCourse(t, { authorId: author.id });
    cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    globalThis.Request = RealRequest;
    await t.close();
  });

  const signIn = async (user: TestUser) => {
    jar.clear();
    return (await api.request(api.operations.login, { body: { email: user.email, password: TEST_PASSWORD } })) as { user: { name: string } };
  };

  it('signs in with cookies and calls operations with path parameters, JSON bodies and queries', async () => {
    const session = await signIn(learner);
    expect(session.user.name).toBe('Leo Learner');
    expect([...jar.keys()].sort()).toEqual(expect.arrayContaining(['kindling_at', 'kindling_rt', 'kindling_session']));
    const me = await api.request(api.operations.getMe);
    expect(me).toMatchObject({ id: learner.id, name: 'Leo Learner' });
    expect(await api.request(api.operations.updateMe, { body: { locale: 'it' } })).toMatchObject({ locale: 'it' });
    seen.length = 0;
    const page = (await api.request(api.operations.listCourses, { query: { pageSize: 100, q: '', locale: undefined } })) as { items: unknown[] };
    expect(page.items.length).toBeGreaterThan(0);
    expect(seen).toEqual([{ method: 'GET', url: '/api/courses?pageSize=100', contentType: null }]);
  });

  it('answers a 4xx with an ApiError carrying the status and the messages', async () => {
    await signIn(await createUser(t));
    const missing = await api.request(api.operations.getEnrolment, { params: { id: '00000000-0000-4000-8000-000000000000' } }).catch((e: unknown) => e);
    expect(api.isApiError(missing, 404)).toBe(true);
    expect(missing).toMatchObject({ status: 404, error: 'Not Found' });
    const invalid = await api.request(api.operations.updateMe, { body: { locale: 'xx' } }).catch((e: unknown) => e);
    expect(api.isApiError(invalid, 400)).toBe(true);
    expect((invalid as { messages: string[] }).messages.length).toBeGreaterThan(0);
  });

  it('sends CSV uploads as text/csv', async () => {
    await signIn(manager);
    seen.length = 0;
    const report = await api.request(api.operations.enrolCsv, { params: { id: cohortId }, body: `email,name\n${unique('csv')}@example.test,Carla\n`, query: { dryRun: true } });
    expect(report).toMatchObject({ enrolled: 1, dryRun: true });
    expect(seen[0]).toMatchObject({ method: 'POST', url: `/api/cohorts/${cohortId}/enrolments?dryRun=true`, contentType: 'text/csv' });
  });

  it('refreshes the session once on a 401 and repeats the request', async () => {
    await signIn(learner);
    jar.delete('kindling_at'); // the access token expired
    seen.length = 0;
    expect(await api.request(api.operations.getMe)).toMatchObject({ id: learner.id });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/me', 'POST /api/auth/refresh', 'GET /api/me']);
  });

  it('calls the session-lost handler when the refresh fails; public operations answer 401 as such', async () => {
    jar.clear();
    let lost = 0;
    api.setSessionLostHandler(() => {
      lost += 1;
    });
    try {
      const error = await api.request(api.operations.getMe).catch((e: unknown) => e);
      expect(api.isApiError(error, 401)).toBe(true);
      expect(lost).toBe(1);
      const stranger = await createUser(t);
      const wrong = await api.request(api.operations.login, { body: { email: stranger.email, password: 'not the password' } }).catch((e: unknown) => e);
      expect(api.isApiError(wrong, 401)).toBe(true);
      expect(lost).toBe(1);
    } finally {
      api.setSessionLostHandler(null);
    }
  });

  it('answers 204 with undefined and a network failure with ApiError status 0', async () => {
    await signIn(await createUser(t));
    expect(await api.request(api.operations.logout)).toBeUndefined();
    network = false;
    try {
      const error = await api.request(api.operations.getMeta).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ApiError', status: 0, error: 'Network Error' });
    } finally {
      network = true;
    }
  });
});

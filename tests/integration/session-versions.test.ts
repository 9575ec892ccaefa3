import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SessionVersions } from '@kindling/db';
import type { Redis } from 'ioredis';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createOrganization, createUser, TEST_PASSWORD } from '../support/fixtures.js';

/**
 * Access tokens carry the caller's roles and memberships; Redis (SessionVersions) says whether
 * they are still current and whether the session was revoked, so an authenticated request
 * asks PostgreSQL nothing in the common case. Every change still takes effect within a second.
 */
let ipCounter = 0;
const ip = () => `10.77.${Math.floor(Math.random() * 250)}.${(ipCounter++ % 250) + 1}`;
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('session versions: token claims checked against Redis', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createUser>>;
  let versions: SessionVersions;
  const redisOf = (v: SessionVersions) => (v as unknown as { redis: Redis }).redis;

  beforeAll(async () => {
    t = await startTestApp();
    versions = t.app.get(SessionVersions);
    admin = await createUser(t, { platformRoles: ['admin'] });
    // the store's own connection is up before the first sign-in
    for (let i = 0; i < 50 && redisOf(versions).status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function signIn(email: string, extra: Record<string, unknown> = {}): Promise<{ auth: string; token: string; refreshToken?: string }> {
    const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', ip()).send({ email, password: TEST_PASSWORD, ...extra }).expect(200);
    const token = res.body.accessToken as string;
    return { token, auth: `Bearer ${token}`, refreshToken: res.body.refreshToken as string | undefined };
  }

  /** Polls until the answer is `status`; returns how long that took. */
  async function within(ms: number, status: number, request: () => Promise<{ status: number }>): Promise<number> {
    const started = Date.now();
    for (;;) {
      const res = await request();
      if (res.status === status) return Date.now() - started;
      if (Date.now() - started > ms) throw new Error(`still ${res.status} after ${ms} ms, expected ${status}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('a signed-in token carries roles, memberships, its session and the stamp — and the claims are what the guard uses', async () => {
    const org = await createOrganization(t, unique('SV org'));
    const manager = await createUser(t);
    await addMember(t, org, manager.id, 'manager');
    const session = await signIn(manager.email);
    const claims = claimsOf(session.token);
    expect(claims).toMatchObject({ sub: manager.id, rol: [], mem: { [org]: 'manager' } });
    expect(typeof claims.fam).toBe('string');
    expect(typeof claims.ep).toBe('string');
    expect(typeof claims.mv).toBe('string');
    await t.http.get(`/api/organizations/${org}/members`).set('Authorization', session.auth).expect(200);
    // Proof that PostgreSQL is not asked: a membership removed behind the API's back (no
    // version change) is not seen by a current token. The routes always change the version.
    await t.db.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2`, [org, manager.id]);
    await t.http.get(`/api/organizations/${org}/members`).set('Authorization', session.auth).expect(200);
    // A token without the stamp (as the fixtures sign) is looked up in PostgreSQL.
    await t.http.get(`/api/organizations/${org}/members`).set('Authorization', manager.auth).expect(404);
  });

  it('a membership removed through the route stops a current token within one second', async () => {
    const org = await createOrganization(t, unique('SV removal'));
    const [stays, leaves] = [await createUser(t), await createUser(t)];
    await addMember(t, org, stays.id, 'manager');
    await addMember(t, org, leaves.id, 'manager');
    const session = await signIn(leaves.email);
    await t.http.get(`/api/organizations/${org}/members`).set('Authorization', session.auth).expect(200);
    await t.http.delete(`/api/organizations/${org}/members/${leaves.id}`).set('Authorization', admin.auth).expect(204);
    const took = await within(1_000, 404, () => t.http.get(`/api/organizations/${org}/members`).set('Authorization', session.auth));
    expect(took).toBeLessThan(1_000);
  });

  it('a role changed through the route, and a platform role taken away, take effect within one second', async () => {
    const org = await createOrganization(t, unique('SV role'));
    const [other, demoted] = [await createUser(t), await createUser(t, { platformRoles: ['author'] })];
    await addMember(t, org, other.id, 'manager');
    await addMember(t, org, demoted.id, 'manager');
    const session = await signIn(demoted.email);
    expect(claimsOf(session.token).rol).toEqual(['author']);
    await t.http.patch(`/api/organizations/${org}/members/${demoted.id}`).set('Authorization', admin.auth).send({ role: 'learner' }).expect(200);
    expect(await within(1_000, 404, () => t.http.get(`/api/organizations/${org}/members`).set('Authorization', session.auth))).toBeLessThan(1_000);
    await t.http.put(`/api/users/${demoted.id}/platform-roles`).set('Authorization', admin.auth).send({ roles: [] }).expect(200);
    const createCourse = () =>
      t.http.post('/api/courses').set('Authorization', session.auth).send({ title: 'Not any more', locale: 'en', hours: 1, description: 'x' });
    expect(await within(1_000, 403, createCourse)).toBeLessThan(1_000);
  });

  it('sign-out and a replayed refresh token end the session within one second', async () => {
    const user = await createUser(t);
    const out = await signIn(user.email);
    await t.http.get('/api/me').set('Authorization', out.auth).expect(200);
    await t.http.post('/api/auth/logout').set('Authorization', out.auth).expect(204);
    expect(await within(1_000, 401, () => t.http.get('/api/me').set('Authorization', out.auth))).toBeLessThan(1_000);

    const stolen = await signIn(user.email, { refreshTokenInBody: true });
    const first = await t.http.post('/api/auth/refresh').set('X-Forwarded-For', ip()).send({ refreshToken: stolen.refreshToken }).expect(200);
    const rotated = `Bearer ${first.body.accessToken as string}`;
    await t.http.get('/api/me').set('Authorization', rotated).expect(200);
    await t.http.post('/api/auth/refresh').set('X-Forwarded-For', ip()).send({ refreshToken: stolen.refreshToken }).expect(401);
    for (const auth of [stolen.auth, rotated]) {
      expect(await within(1_000, 401, () => t.http.get('/api/me').set('Authorization', auth))).toBeLessThan(1_000);
    }
  });

  it('without Redis every token is checked in PostgreSQL; a change missed meanwhile makes older tokens stale once Redis is back', async () => {
    const org = await createOrganization(t, unique('SV outage'));
    const [other, leaver, quitter] = [await createUser(t), await createUser(t), await createUser(t)];
    await addMember(t, org, other.id, 'manager');
    await addMember(t, org, leaver.id, 'manager');
    const before = await signIn(leaver.email); // stamped while Redis is up
    const quitting = await signIn(quitter.email);
    const redis = redisOf(versions);
    redis.disconnect();
    try {
      // Sign-in still works (a token without the stamp), requests are answered from PostgreSQL.
      const during = await signIn(quitter.email);
      expect(claimsOf(during.token).ep).toBeUndefined();
      await t.http.get('/api/me').set('Authorization', during.auth).expect(200);
      await t.http.post('/api/auth/logout').set('Authorization', during.auth).expect(204);
      await t.http.get('/api/me').set('Authorization', during.auth).expect(401);
      // The removal and the sign-out cannot be written to Redis now…
      await t.http.delete(`/api/organizations/${org}/members/${leaver.id}`).set('Authorization', admin.auth).expect(204);
      await t.http.post('/api/auth/logout').set('Authorization', quitting.auth).expect(204);
      await t.http.get(`/api/organizations/${org}/members`).set('Authorization', before.auth).expect(404);
    } finally {
      await redis.connect();
    }
    // …so the store's epoch is replaced when it answers again, and the older tokens go to PostgreSQL.
    expect(await within(1_000, 404, () => t.http.get(`/api/organizations/${org}/members`).set('Authorization', before.auth))).toBeLessThan(1_000);
    await t.http.get('/api/me').set('Authorization', quitting.auth).expect(401);
    // New sign-ins are stamped again.
    const after = await signIn(other.email);
    expect(typeof claimsOf(after.token).ep).toBe('string');
    await t.http.get(`/api/organizations/${org}/members`).set('Authorization', after.auth).expect(200);
  });
});

/**
 * Abuse cases (issue 11, point 4), tokens and sessions: forged, stale and foreign JWTs, session
 * cookies and refresh-token replay. (Split from security-abuse.test.ts; the other themes are in
 * security-idor, security-input, security-http and security-exports.)
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { startTestApp, type TestApp } from '../support/app.js';
import { createUser, TEST_PASSWORD, type TestUser } from '../support/fixtures.js';
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

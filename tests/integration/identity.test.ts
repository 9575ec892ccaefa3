import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { Redis } from 'ioredis';
import { REDIS } from '../../apps/api/src/common/redis/redis.module.js';
import { PupilCredentials } from '../../apps/api/src/identity/pupil-credentials.js';
import { rateLimitKey } from '../../apps/api/src/identity/rate-limit/rate-limiter.service.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { createUser } from '../support/fixtures.js';

const PASSWORD = 'a calm river at dawn';
let ipCounter = 0;
/** Each test signs in from its own address (trust proxy: loopback), so per-IP counters never collide. */
const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${(ipCounter++ % 250) + 1}`;

function cookiesOf(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
}

describe('identity: accounts, sessions, throttling', () => {
  let t: TestApp;
  let t2: TestApp;
  let config: KindlingConfig;
  const adminEmail = `${unique('boot-admin')}@example.test`;
  const saved = { ...process.env };

  beforeAll(async () => {
    t = await startTestApp();
    config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
    // A second API "replica" with the admin variables and a small body limit.
    process.env.KINDLING_ADMIN_EMAIL = adminEmail;
    process.env.KINDLING_ADMIN_PASSWORD = 'the first admin of kindling';
    process.env.BODY_LIMIT = '2kb';
    process.env.JWT_SECRET = config.jwtSecret;
    t2 = await startTestApp();
    process.env = saved;
  });
  afterAll(async () => {
    await t2?.close();
    await t?.close();
  });

  async function register(email = `${unique('reg')}@example.test`, password = PASSWORD) {
    return t.http.post('/api/auth/register').set('X-Forwarded-For', uniqueIp()).send({ email, password, name: 'Zoë Müller', locale: 'it' });
  }

  it('registers with 201 {user}, refuses a taken e-mail (409), weak or common passwords (400) and unknown fields (400)', async () => {
    const email = `${unique('reg')}@example.test`;
    const res = await register(email);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name: 'Zoë Müller', locale: 'it', platformRoles: [], memberships: [] });
    expect((await register(email.toUpperCase())).status).toBe(409);
    const short = await register(undefined, 'short pw');
    expect(short.status).toBe(400);
    expect(String(short.body.message)).toMatch(/at least 12/);
    const common = await register(undefined, 'password1234');
    expect(common.status).toBe(400);
    expect(String(common.body.message)).toMatch(/common/);
    const extra = await t.http.post('/api/auth/register').set('X-Forwarded-For', uniqueIp()).send({ email: `${unique('x')}@example.test`, password: PASSWORD, name: 'X', isAdmin: true });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.message)).toMatch(/isAdmin/);
    const stored: { password_hash: string }[] = await t.db.query(`SELECT password_hash FROM users WHERE email = $1`, [email]);
    expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('signs in with a bearer token and httpOnly SameSite=Strict cookies; /api/me answers the contract shape', async () => {
    const email = `${unique('login')}@example.test`;
    await register(email);
    const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.refreshToken).toBeUndefined();
    expect(res.body.user).toMatchObject({ email, platformRoles: [], memberships: [] });
    const cookies = cookiesOf(res);
    const at = cookies.find((c) => c.startsWith('kindling_at='))!;
    const rt = cookies.find((c) => c.startsWith('kindling_rt='))!;
    expect(at).toMatch(/HttpOnly/i);
    expect(at).toMatch(/SameSite=Strict/i);
    expect(at).toMatch(/Path=\//);
    expect(rt).toMatch(/HttpOnly/i);
    expect(rt).toMatch(/Path=\/api\/auth/);
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(Object.keys(me.body).sort()).toEqual(['email', 'emailVerified', 'id', 'locale', 'memberships', 'name', 'platformRoles', 'username']);
    // the cookie alone works too (web app)
    await t.http.get('/api/me').set('Cookie', at.split(';')[0]!).expect(200);
    await t.http.get('/api/me').expect(401);
  });

  it('pins the algorithm and checks issuer, audience and expiry', async () => {
    const user = await createUser(t);
    const jwt = new JwtService();
    const sign = (opts: { issuer?: string; audience?: string; expiresIn?: number; secret?: string }) =>
      jwt.sign({ sub: user.id }, { secret: opts.secret ?? config.jwtSecret, algorithm: 'HS256', issuer: opts.issuer ?? config.jwtIssuer, audience: opts.audience ?? config.jwtAudience, expiresIn: opts.expiresIn ?? 60 });
    await t.http.get('/api/me').set('Authorization', `Bearer ${sign({})}`).expect(200);
    await t.http.get('/api/me').set('Authorization', `Bearer ${sign({ issuer: 'evil' })}`).expect(401);
    await t.http.get('/api/me').set('Authorization', `Bearer ${sign({ audience: 'other-api' })}`).expect(401);
    await t.http.get('/api/me').set('Authorization', `Bearer ${sign({ expiresIn: -10 })}`).expect(401);
    await t.http.get('/api/me').set('Authorization', `Bearer ${sign({ secret: 'x'.repeat(40) })}`).expect(401);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, iss: config.jwtIssuer, aud: config.jwtAudience, iat: now, exp: now + 60 })}.`;
    await t.http.get('/api/me').set('Authorization', `Bearer ${none}`).expect(401);
    const hs512 = jwt.sign({ sub: user.id }, { secret: config.jwtSecret, algorithm: 'HS512', issuer: config.jwtIssuer, audience: config.jwtAudience, expiresIn: 60 });
    await t.http.get('/api/me').set('Authorization', `Bearer ${hs512}`).expect(401);
  });

  it('rotates refresh tokens; a reused refresh token revokes the whole family; logout revokes (access tokens of the family too)', async () => {
    const email = `${unique('rt')}@example.test`;
    await register(email);
    const login = await t.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email, password: PASSWORD, refreshTokenInBody: true }).expect(200);
    const first = login.body.refreshToken as string;
    const r1 = await t.http.post('/api/auth/refresh').send({ refreshToken: first }).expect(200);
    const second = r1.body.refreshToken as string;
    expect(second).not.toBe(first);
    await t.http.get('/api/me').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(200);
    // replaying the used token: 401, and the family (including `second`) is gone
    const replay = await t.http.post('/api/auth/refresh').send({ refreshToken: first });
    expect(replay.status).toBe(401);
    expect(String(replay.body.message)).toMatch(/already used/);
    await t.http.post('/api/auth/refresh').send({ refreshToken: second }).expect(401);
    // access tokens of the revoked family stop working at once
    await t.http.get('/api/me').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(401);

    // cookie flow: refresh reads kindling_rt, logout revokes it
    const web = await t.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email, password: PASSWORD }).expect(200);
    const rtCookie = cookiesOf(web).find((c) => c.startsWith('kindling_rt='))!.split(';')[0]!;
    const viaCookie = await t.http.post('/api/auth/refresh').set('Cookie', rtCookie).expect(200);
    const rt2 = cookiesOf(viaCookie).find((c) => c.startsWith('kindling_rt='))!.split(';')[0]!;
    expect(viaCookie.body.refreshToken).toBeUndefined();
    const out = await t.http.post('/api/auth/logout').set('Authorization', `Bearer ${viaCookie.body.accessToken}`);
    expect(out.status).toBe(204);
    expect(cookiesOf(out).join(';')).toMatch(/kindling_at=;/);
    await t.http.post('/api/auth/refresh').set('Cookie', rt2).expect(401);
    await t.http.get('/api/me').set('Authorization', `Bearer ${viaCookie.body.accessToken}`).expect(401);
    await t.http.post('/api/auth/logout').expect(401);
    await t.http.post('/api/auth/refresh').send({}).expect(401);
  });

  it('one message for unknown e-mail and wrong password, and an unknown e-mail costs as long', async () => {
    const email = `${unique('timing')}@example.test`;
    await register(email);
    const ip = uniqueIp();
    const wrong = await t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: 'not the right password' });
    const unknown = await t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: `${unique('nobody')}@example.test`, password: 'not the right password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const time = async (body: object) => {
      const started = process.hrtime.bigint();
      await t.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send(body);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const wrongTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      wrongTimes.push(await time({ email, password: `wrong password ${i}` }));
      unknownTimes.push(await time({ email: `${unique('nobody')}@example.test`, password: `wrong password ${i}` }));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // an argon2 verification runs in both cases: the unknown e-mail is not answered early
    // (without it the answer takes a few ms against ~40 ms; the margin absorbs a busy machine)
    expect(median(unknownTimes)).toBeGreaterThan(median(wrongTimes) * 0.35);
    await t.db.query(`SELECT 1`); // keep the connection warm for the next test
  });

  it('throttles per account across API replicas (Redis), 429 with Retry-After, without locking out others behind the same address', async () => {
    const email = `${unique('throttle')}@example.test`;
    const neighbour = `${unique('neighbour')}@example.test`;
    await register(email);
    await register(neighbour);
    const ip = uniqueIp();
    const replicas = [t, t2, t, t2, t];
    for (const replica of replicas) {
      const res = await replica.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: 'wrong password here' });
      expect(res.status).toBe(401);
    }
    const blocked = await t2.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // the right password does not help while blocked, even from another address
    expect((await t.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email, password: PASSWORD })).status).toBe(429);
    // a colleague behind the same address still signs in
    await t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: neighbour, password: PASSWORD }).expect(200);
  });

  it('throttles per IP with a higher allowance (100 failures per window)', async () => {
    const email = `${unique('ipthrottle')}@example.test`;
    await register(email);
    const ip = uniqueIp();
    const redis = t.app.get<Redis>(REDIS);
    const key = rateLimitKey(config.redisKeyPrefix, 'signin-ip', ip);
    await redis.set(key, '99', 'EX', 600); // 99 failures already counted by other replicas
    await t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: PASSWORD }).expect(200);
    await t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: 'wrong password here' }).expect(401);
    const blocked = await t2.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await t.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email, password: PASSWORD }).expect(200);
  });

  it('pupils sign in with user name and a one-time code', async () => {
    const creds = new PupilCredentials();
    const username = creds.generateUsername('Anna Bianchi');
    expect(username).toMatch(/^anna\.b-[a-z0-9]{4}$/);
    const { code, codeHash } = creds.generate();
    const rows: { id: string }[] = await t.db.query(
      `INSERT INTO users (username, name, is_pupil, sign_in_code_hash, class_name) VALUES ($1, 'Anna B.', true, $2, '4B') RETURNING id`,
      [username, codeHash],
    );
    const ip = uniqueIp();
    await t.http.post('/api/auth/pupil-login').set('X-Forwarded-For', ip).send({ username, code: 'wrong-code1' }).expect(401);
    const res = await t.http.post('/api/auth/pupil-login').set('X-Forwarded-For', ip).send({ username: username.toUpperCase(), code: code.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: rows[0]!.id, email: null, username });
    const again = await t.http.post('/api/auth/pupil-login').set('X-Forwarded-For', ip).send({ username, code });
    expect(again.status).toBe(401);
    const stored: { sign_in_code_hash: string | null }[] = await t.db.query(`SELECT sign_in_code_hash FROM users WHERE id = $1`, [rows[0]!.id]);
    expect(stored[0]!.sign_in_code_hash).toBeNull();
  });

  it('PATCH /api/me changes name and locale and rejects bad values', async () => {
    const user = await createUser(t);
    const res = await t.http.patch('/api/me').set('Authorization', user.auth).send({ name: 'Renamed', locale: 'de' }).expect(200);
    expect(res.body).toMatchObject({ id: user.id, name: 'Renamed', locale: 'de' });
    const bad = await t.http.patch('/api/me').set('Authorization', user.auth).send({ locale: 'xx' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/locale/);
    await t.http.patch('/api/me').set('Authorization', user.auth).send({ platformRoles: ['admin'] }).expect(400);
  });

  it('PUT /api/users/:id/platform-roles: admin only, audited', async () => {
    const admin = await createUser(t, { platformRoles: ['admin'] });
    const someone = await createUser(t);
    await t.http.put(`/api/users/${someone.id}/platform-roles`).set('Authorization', someone.auth).send({ roles: ['author'] }).expect(403);
    const res = await t.http.put(`/api/users/${someone.id}/platform-roles`).set('Authorization', admin.auth).send({ roles: ['author'] }).expect(200);
    expect(res.body).toEqual({ id: someone.id, platformRoles: ['author'] });
    const me = await t.http.get('/api/me').set('Authorization', someone.auth).expect(200);
    expect(me.body.platformRoles).toEqual(['author']);
    await t.http.put(`/api/users/${someone.id}/platform-roles`).set('Authorization', admin.auth).send({ roles: ['root'] }).expect(400);
    await t.http.put(`/api/users/${admin.id}/platform-roles`).set('Authorization', admin.auth).send({ roles: [] }).expect(409);
    await t.http.put(`/api/users/00000000-0000-4000-8000-000000000000/platform-roles`).set('Authorization', admin.auth).send({ roles: [] }).expect(404);
    const audit: { actor_id: string; data: { to: string[] } }[] = await t.db.query(
      `SELECT actor_id, data FROM audit_events WHERE action = 'user.platform_roles_changed' AND subject_id = $1`,
      [someone.id],
    );
    expect(audit).toEqual([{ actor_id: admin.id, data: { from: [], to: ['author'] } }]);
  });

  it('KINDLING_ADMIN_EMAIL/PASSWORD make the first admin at start-up, idempotently', async () => {
    const rows: { platform_roles: string[] }[] = await t.db.query(`SELECT platform_roles FROM users WHERE email = $1`, [adminEmail]);
    expect(rows).toEqual([{ platform_roles: ['admin'] }]);
    const res = await t2.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email: adminEmail, password: 'the first admin of kindling' }).expect(200);
    expect(res.body.user.platformRoles).toEqual(['admin']);
  });

  it('sends helmet headers, keeps CORS closed, limits the body size and validates input', async () => {
    const res = await t.http.get('/api/health').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const big = await t2.http.post('/api/auth/login').send({ email: 'a@example.test', password: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    const invalid = await t.http.post('/api/auth/login').send({ email: 42 });
    expect(invalid.status).toBe(400);
    expect(Array.isArray(invalid.body.message)).toBe(true);
  });
});

/**
 * Rate limits (issue 11, point 5): sign-in, pupil code sign-in, invitation acceptance and
 * certificate verification are throttled through Redis, so the limit holds across API
 * replicas. Two API instances run here against the same PostgreSQL and Redis (as two
 * replicas behind a load balancer would); a client that alternates between them still hits
 * 429 with Retry-After once the shared budget is spent.
 *
 * Every test uses its own source address (X-Forwarded-For from loopback is trusted) and its
 * own account, so it neither depends on nor spends the budgets of other tests.
 *
 * Issue 14: attempts are reserved atomically before the password is checked (bursts cannot
 * race past the limit), device cookies keep the owner's browser out of strangers' lock-out,
 * registration and reset requests are limited per e-mail and per client, and X-Forwarded-For
 * counts only when TRUST_PROXY trusts the proxy.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { DEVICE_COOKIE } from '../../apps/api/src/identity/rate-limit/device-cookie.js';
import { PupilCredentials } from '../../apps/api/src/identity/pupil-credentials.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { createUser, TEST_PASSWORD } from '../support/fixtures.js';

let a: TestApp;
let b: TestApp;
let ipSeq = Math.floor(Math.random() * 0xfff0);
/** A fresh documentation-range address per test. */
const freshIp = () => `2001:db8:7a7e::${(ipSeq++).toString(16)}`;

function expectThrottled(res: Response): void {
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
}

beforeAll(async () => {
  [a, b] = await Promise.all([startTestApp(), startTestApp()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe('rate limits shared by two API replicas through Redis', () => {
  it('sign-in: five wrong passwords for one account, spread over both replicas, lock it on both (429 + Retry-After)', async () => {
    const user = await createUser(a);
    const from = freshIp();
    const login = (app: TestApp, password: string) =>
      app.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password });
    for (const app of [a, a, a, b, b]) expect((await login(app, 'wrong password, guess')).status).toBe(401);
    expectThrottled(await login(a, 'wrong password, guess'));
    expectThrottled(await login(b, 'wrong password, guess'));
    // While locked, even the right password is refused: guessing cannot confirm a hit.
    expectThrottled(await login(b, TEST_PASSWORD));
    // Another account from another address is unaffected.
    const other = await createUser(b);
    await b.http.post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: other.email, password: TEST_PASSWORD }).expect(200);
  });

  it('sign-in: an unknown e-mail address is throttled the same way (no account enumeration through the limiter)', async () => {
    const email = `${unique('nobody')}@example.test`;
    const from = freshIp();
    const login = (app: TestApp) => app.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password: 'whatever it is' });
    for (const app of [b, a, b, a, b]) expect((await login(app)).status).toBe(401);
    expectThrottled(await login(a));
  });

  it('pupil code sign-in: wrong codes for one pupil, on both replicas, lock the user name (429 + Retry-After)', async () => {
    const username = unique('pupil').toLowerCase();
    const code = 'abcde-fghjk';
    await a.db.query(`INSERT INTO users (username, name, is_pupil, sign_in_code_hash) VALUES ($1, 'Pupil P.', true, $2)`, [
      username,
      PupilCredentials.hashCode(code),
    ]);
    const from = freshIp();
    const signIn = (app: TestApp, tryCode: string) =>
      app.http.post('/api/auth/pupil-login').set('X-Forwarded-For', from).send({ username, code: tryCode });
    for (const app of [a, b, a, b, a]) expect((await signIn(app, `zzzzz-${randomBytes(3).toString('hex').slice(0, 5)}`)).status).toBe(401);
    expectThrottled(await signIn(b, 'zzzzz-zzzzz'));
    expectThrottled(await signIn(a, code));
    // The right code was not consumed by the refused attempt.
    const rows: { sign_in_code_hash: string | null }[] = await a.db.query(`SELECT sign_in_code_hash FROM users WHERE username = $1`, [username]);
    expect(rows[0]!.sign_in_code_hash).not.toBeNull();
  });

  it('verification look-ups: guessing codes from one address hits the shared limit on both replicas (429 + Retry-After)', async () => {
    const from = freshIp();
    const verify = (app: TestApp) => app.http.get(`/api/verify/${randomBytes(16).toString('base64url')}`).set('X-Forwarded-For', from);
    let throttledAfter = 0;
    for (let i = 1; i <= 400; i++) {
      const res = await verify(i % 2 === 0 ? a : b);
      if (res.status === 429) {
        throttledAfter = i;
        expectThrottled(res);
        break;
      }
      expect(res.status).toBe(404);
    }
    expect(throttledAfter).toBeGreaterThan(1);
    // The budget is one: the replica that did not answer the 429 refuses too.
    expectThrottled(await verify(throttledAfter % 2 === 0 ? b : a));
    // An honest verifier elsewhere is not affected.
    expect((await a.http.get(`/api/verify/${randomBytes(16).toString('base64url')}`).set('X-Forwarded-For', freshIp())).status).toBe(404);
  });

  it('invitation acceptance: guessing invitation tokens from one address hits a shared limit (429 + Retry-After)', async () => {
    const from = freshIp();
    const accept = (app: TestApp) =>
      app.http
        .post(`/api/auth/invitations/${randomBytes(32).toString('base64url')}/accept`)
        .set('X-Forwarded-For', from)
        .send({ name: 'Guesser', password: 'a long enough passphrase 42' });
    let throttledAfter = 0;
    for (let i = 1; i <= 200; i++) {
      const res = await accept(i % 2 === 0 ? a : b);
      if (res.status === 429) {
        throttledAfter = i;
        expectThrottled(res);
        break;
      }
      expect(res.status).toBe(404);
    }
    if (throttledAfter === 0) {
      throw new Error(
        'DEFECT (identity): POST /api/auth/invitations/:token/accept is not rate-limited — 200 wrong tokens from one address, ' +
          'alternating between two replicas, all answered 404 and none 429. Expected a Redis-backed limit per address (RateLimiter.consume).',
      );
    }
    expectThrottled(await accept(throttledAfter % 2 === 0 ? b : a));
  });
});

/** Sends every request at once; resolves with all answers. */
function burst(requests: (() => PromiseLike<Response>)[]): Promise<Response[]> {
  return Promise.all(requests.map((send) => Promise.resolve(send())));
}

function statuses(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** The device cookie's `name=value` and its attributes from a sign-in answer. */
function deviceCookieFrom(res: Response): { pair: string; raw: string } {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
  if (!raw) throw new Error(`no ${DEVICE_COOKIE} cookie in the sign-in answer: ${JSON.stringify(res.headers['set-cookie'])}`);
  return { pair: raw.split(';')[0]!, raw };
}

async function failedSignInAudits(app: TestApp, userId: string): Promise<number> {
  const rows: { n: string }[] = await app.db.query(
    `SELECT count(*) AS n FROM audit_events WHERE action = 'auth.sign_in_failed' AND subject_id = $1`,
    [userId],
  );
  return Number(rows[0]!.n);
}

describe('sign-in limits cannot be raced (issue 14, point 4)', () => {
  it('30 parallel wrong passwords for one account, over both replicas: exactly the limit (5) are checked (401), the other 25 get 429', async () => {
    const user = await createUser(a);
    const from = freshIp();
    const responses = await burst(
      Array.from({ length: 30 }, (_, i) => () =>
        (i % 2 ? a : b).http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: `wrong guess ${i}` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 401: 5, 429: 25 });
    for (const r of responses.filter((x) => x.status === 429)) expectThrottled(r);
    // Each 401 is one argon2 verification, each recorded as a failed sign-in: five, not thirty.
    expect(await failedSignInAudits(a, user.id)).toBe(5);
  });

  it('a correct password sent inside a burst that went past the limit is refused (429), not signed in', async () => {
    const user = await createUser(a);
    const from = freshIp();
    const wrong: Promise<Response>[] = Array.from({ length: 29 }, (_, i) =>
      Promise.resolve((i % 2 ? a : b).http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: `wrong guess ${i}` })),
    );
    // As soon as the first refusal comes back the burst is past the limit while most guesses are still being checked.
    const firstRefusal = await new Promise<Response | null>((resolve) => {
      let pending = wrong.length;
      for (const request of wrong) {
        void request.then((r) => {
          if (r.status === 429) resolve(r);
          if (--pending === 0) resolve(null);
        });
      }
    });
    if (!firstRefusal) throw new Error('29 parallel wrong passwords all got past the limit check: the failure count is taken after the password is checked');
    const right = await b.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: TEST_PASSWORD });
    expectThrottled(right);
    expect(right.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^kindling_at=/)]));
    const all = await Promise.all(wrong);
    expect(all.filter((r) => r.status === 401)).toHaveLength(5);
  });

  it('30 parallel wrong pupil codes: at most the limit are checked, the rest 429, and the right code is refused after them', async () => {
    const username = unique('pupil').toLowerCase();
    const code = 'abcde-fghjk';
    await a.db.query(`INSERT INTO users (username, name, is_pupil, sign_in_code_hash) VALUES ($1, 'Pupil R.', true, $2)`, [username, PupilCredentials.hashCode(code)]);
    const from = freshIp();
    const responses = await burst(
      Array.from({ length: 30 }, (_, i) => () =>
        (i % 2 ? a : b).http.post('/api/auth/pupil-login').set('X-Forwarded-For', from).send({ username, code: `zzzzz-${String(i).padStart(5, 'y')}` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 401: 5, 429: 25 });
    expectThrottled(await a.http.post('/api/auth/pupil-login').set('X-Forwarded-For', from).send({ username, code }));
  });
});

describe('strangers cannot lock the owner out of their usual browser: device cookies (issue 14, point 4)', () => {
  it('after five wrong passwords from five addresses the account is locked for unknown clients, but the owner’s browser signs in', async () => {
    const owner = await createUser(a);
    const home = freshIp();
    const first = await a.http.post('/api/auth/login').set('X-Forwarded-For', home).send({ email: owner.email, password: TEST_PASSWORD });
    expect(first.status).toBe(200);
    const device = deviceCookieFrom(first);
    expect(device.raw).toMatch(/HttpOnly/i);
    expect(device.raw).toMatch(/SameSite=Strict/i);
    expect(device.raw).toMatch(/Path=\/api\/auth/);
    expect(device.raw).not.toMatch(/Secure/i); // Secure only with NODE_ENV=production (device-cookie.spec.ts)

    // Five strangers, five addresses, five wrong passwords: the shared lock-out closes.
    for (let i = 0; i < 5; i++) {
      const res = await (i % 2 ? a : b).http.post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: owner.email, password: `stranger ${i}` });
      expect(res.status).toBe(401);
    }
    expectThrottled(await a.http.post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: owner.email, password: 'stranger 6' }));
    // An untrusted client is locked even with the right password, from the owner's own address too…
    expectThrottled(await b.http.post('/api/auth/login').set('X-Forwarded-For', home).send({ email: owner.email, password: TEST_PASSWORD }));
    // …but the owner's usual browser, presenting its device cookie, signs in (on either replica).
    const again = await b.http.post('/api/auth/login').set('X-Forwarded-For', home).set('Cookie', device.pair).send({ email: owner.email, password: TEST_PASSWORD });
    expect(again.status).toBe(200);
    expect(again.body.user).toMatchObject({ id: owner.id });
    // A forged, altered or foreign device cookie buys nothing.
    const altered = device.pair.slice(0, -2) + (device.pair.endsWith('AA') ? 'BB' : 'AA');
    expectThrottled(await a.http.post('/api/auth/login').set('Cookie', altered).set('X-Forwarded-For', home).send({ email: owner.email, password: TEST_PASSWORD }));
    const other = await createUser(a);
    const otherDevice = deviceCookieFrom(
      await a.http.post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: other.email, password: TEST_PASSWORD }).expect(200),
    );
    expectThrottled(await a.http.post('/api/auth/login').set('Cookie', otherDevice.pair).set('X-Forwarded-For', home).send({ email: owner.email, password: TEST_PASSWORD }));
    // The stranger is still locked out after the owner's success.
    expectThrottled(await a.http.post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: owner.email, password: 'stranger 7' }));
  });

  it('a device cookie has its own allowance: wrong passwords from the owner’s browser are limited too', async () => {
    const owner = await createUser(a);
    const device = deviceCookieFrom(
      await a.http.post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: owner.email, password: TEST_PASSWORD }).expect(200),
    );
    const from = freshIp();
    const responses = await burst(
      Array.from({ length: 12 }, (_, i) => () =>
        (i % 2 ? a : b).http.post('/api/auth/login').set('X-Forwarded-For', from).set('Cookie', device.pair).send({ email: owner.email, password: `typo ${i}` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 401: 5, 429: 7 });
    expectThrottled(await a.http.post('/api/auth/login').set('X-Forwarded-For', from).set('Cookie', device.pair).send({ email: owner.email, password: TEST_PASSWORD }));
    // The owner's browser spending its own allowance did not lock the account for others.
    await b.http.post('/api/auth/login').set('X-Forwarded-For', freshIp()).send({ email: owner.email, password: TEST_PASSWORD }).expect(200);
  });

  it('pupil sign-in: strangers’ wrong codes lock the user name for unknown clients, not for the pupil’s usual browser', async () => {
    const username = unique('pupil').toLowerCase();
    const setCode = (code: string) => a.db.query(`UPDATE users SET sign_in_code_hash = $2 WHERE username = $1`, [username, PupilCredentials.hashCode(code)]);
    await a.db.query(`INSERT INTO users (username, name, is_pupil, sign_in_code_hash) VALUES ($1, 'Pupil D.', true, $2)`, [username, PupilCredentials.hashCode('aaaaa-bbbbb')]);
    const classroom = freshIp();
    const first = await a.http.post('/api/auth/pupil-login').set('X-Forwarded-For', classroom).send({ username, code: 'aaaaa-bbbbb' });
    expect(first.status).toBe(200);
    const device = deviceCookieFrom(first);
    await setCode('ccccc-ddddd'); // the teacher prints a new code
    for (let i = 0; i < 5; i++) {
      expect((await b.http.post('/api/auth/pupil-login').set('X-Forwarded-For', freshIp()).send({ username, code: `zzzzz-zzzz${i}` })).status).toBe(401);
    }
    expectThrottled(await a.http.post('/api/auth/pupil-login').set('X-Forwarded-For', classroom).send({ username, code: 'ccccc-ddddd' }));
    const res = await b.http.post('/api/auth/pupil-login').set('X-Forwarded-For', classroom).set('Cookie', device.pair).send({ username, code: 'ccccc-ddddd' });
    expect(res.status).toBe(200);
  });
});

describe('registration and password-reset requests are limited per e-mail address and per client (issue 14, point 4)', () => {
  it('registration: the same e-mail address from many clients gets 429 + Retry-After after five tries', async () => {
    const email = `${unique('squat')}@example.test`;
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push((await a.http.post('/api/auth/register').set('X-Forwarded-For', freshIp()).send({ email, password: TEST_PASSWORD, name: 'Sam' })).status);
    }
    expect(answers).toEqual([201, 409, 409, 409, 409]);
    const res = await b.http.post('/api/auth/register').set('X-Forwarded-For', freshIp()).send({ email, password: TEST_PASSWORD, name: 'Sam' });
    expectThrottled(res);
    expect(res.body.message).toMatch(/e-mail address/);
  });

  it('registration: one client registering many addresses gets 429 + Retry-After after thirty tries', async () => {
    const from = freshIp();
    // A common password is refused by the service (400) after the limiter counted the try: no account is created.
    const responses = await burst(
      Array.from({ length: 31 }, (_, i) => () =>
        (i % 2 ? a : b).http.post('/api/auth/register').set('X-Forwarded-For', from).send({ email: `${unique(`bulk${i}`)}@example.test`, password: 'password1234', name: 'Bot' }),
      ),
    );
    expect(statuses(responses)).toEqual({ 400: 30, 429: 1 });
    const res = await a.http.post('/api/auth/register').set('X-Forwarded-For', from).send({ email: `${unique('bulk')}@example.test`, password: TEST_PASSWORD, name: 'Bot' });
    expectThrottled(res);
    expect(res.body.message).toMatch(/network address/);
  });

  it('password reset: the same e-mail address from many clients gets 429 + Retry-After after three requests (known or unknown address alike)', async () => {
    const user = await createUser(a);
    for (const email of [user.email, `${unique('nobody')}@example.test`]) {
      for (let i = 0; i < 3; i++) expect((await a.http.post('/api/auth/password-reset').set('X-Forwarded-For', freshIp()).send({ email })).status).toBe(202);
      const res = await b.http.post('/api/auth/password-reset').set('X-Forwarded-For', freshIp()).send({ email });
      expectThrottled(res);
      expect(res.body.message).toMatch(/e-mail address/);
    }
  });

  it('password reset: one client asking for many addresses gets 429 + Retry-After after twenty requests', async () => {
    const from = freshIp();
    const responses = await burst(
      Array.from({ length: 21 }, (_, i) => () =>
        (i % 2 ? a : b).http.post('/api/auth/password-reset').set('X-Forwarded-For', from).send({ email: `${unique(`reset${i}`)}@example.test` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 202: 20, 429: 1 });
    const res = await a.http.post('/api/auth/password-reset').set('X-Forwarded-For', from).send({ email: `${unique('reset')}@example.test` });
    expectThrottled(res);
    expect(res.body.message).toMatch(/network address/);
  });
});

describe('client addresses come only from trusted proxies (issue 14, point 5)', () => {
  /** An app built with TRUST_PROXY unset (the production default) and its own Redis key prefix, so its loopback buckets are its own. */
  async function startWith(env: Record<string, string | undefined>): Promise<TestApp> {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    try {
      return await startTestApp();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }
  /** Under the run's prefix (so the run's clean-up removes it), with the same hash tag. */
  const privatePrefix = () => `${process.env.KINDLING_QUEUE_PREFIX ?? '{kindling}'}:xff-${randomBytes(6).toString('hex')}`;
  const resetBurst = (app: TestApp) =>
    burst(
      Array.from({ length: 21 }, (_, i) => () =>
        app.http.post('/api/auth/password-reset').set('X-Forwarded-For', freshIp()).send({ email: `${unique(`xff${i}`)}@example.test` }),
      ),
    );

  it('TRUST_PROXY unset: a fresh X-Forwarded-For on every request does not escape the per-client limit', async () => {
    const untrusted = await startWith({ TRUST_PROXY: undefined, KINDLING_QUEUE_PREFIX: privatePrefix() });
    try {
      const responses = await resetBurst(untrusted);
      expect(statuses(responses)).toEqual({ 202: 20, 429: 1 });
      expectThrottled(responses.find((r) => r.status === 429)!);
    } finally {
      await untrusted.close();
    }
  });

  it('TRUST_PROXY=loopback: behind the trusted proxy each forwarded client has its own bucket', async () => {
    const trusted = await startWith({ TRUST_PROXY: 'loopback', KINDLING_QUEUE_PREFIX: privatePrefix() });
    try {
      expect(statuses(await resetBurst(trusted))).toEqual({ 202: 21 });
    } finally {
      await trusted.close();
    }
  });
});

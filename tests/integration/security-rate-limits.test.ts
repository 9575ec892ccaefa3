/**
 * Rate limits (issue 11, point 5): sign-in, pupil code sign-in, invitation acceptance and
 * certificate verification are throttled through Redis, so the limit holds across API
 * replicas. Two API instances run here against the same PostgreSQL and Redis (as two
 * replicas behind a load balancer would); a client that alternates between them still hits
 * 429 with Retry-After once the shared budget is spent.
 *
 * Every test uses its own source address (X-Forwarded-For from loopback is trusted) and its
 * own account, so it neither depends on nor spends the budgets of other tests.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
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

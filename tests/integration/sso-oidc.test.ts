import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ExternalSignInRepository } from '@kindling/db';
import { newTestContext, type TestContext } from '../support/context.js';
import { unique } from '../support/app.js';
import { signInAtProvider, startTestOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

/**
 * Single sign-on against a real OpenID provider (oidc-provider) on loopback: the whole redirect
 * dance over HTTP — Kindling's start route, the provider's login and consent forms, Kindling's
 * callback — with accounts, memberships and sessions checked in PostgreSQL.
 */
describe('OpenID Connect single sign-on', () => {
  let ctx: TestContext;
  let idp: TestOidcProvider;
  let redirectUri: string;
  let org: { id: string; name: string };
  let providerId: string;
  let domain: string;

  const cookieOf = (setCookie: string[] | string | undefined, name: string): string | undefined => {
    const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    const line = lines.find((l) => l.startsWith(`${name}=`));
    return line?.split(';')[0]!.slice(name.length + 1);
  };

  /** Kindling's start route → the provider (as `login`) → Kindling's callback. Answers the callback's response. */
  async function signIn(login: string, options: { deny?: boolean; tamperState?: boolean; before?: () => Promise<void> } = {}) {
    const start = await ctx.http.get(`/api/sso/${providerId}/start`);
    expect(start.status).toBe(302);
    const state = cookieOf(start.headers['set-cookie'], 'kindling_sso_state');
    expect(state).toBeTruthy();
    const back = await signInAtProvider(start.headers.location!, redirectUri, login, { deny: options.deny });
    if (options.tamperState) back.searchParams.set('state', `${back.searchParams.get('state')}x`);
    await options.before?.();
    return ctx.http.get(`/api/sso/oidc/callback${back.search}`).set('Cookie', `kindling_sso_state=${state}`).set('Accept-Language', 'en');
  }

  const meOf = async (res: { headers: Record<string, unknown> }) => {
    const at = cookieOf(res.headers['set-cookie'] as string[], 'kindling_at');
    expect(at).toBeTruthy();
    const me = await ctx.http.get('/api/me').set('Authorization', `Bearer ${at}`);
    expect(me.status).toBe(200);
    return me.body as { id: string; email: string; name: string; memberships: { organizationId: string; role: string }[] };
  };

  beforeAll(async () => {
    // The provider check is trusted for 1 s here (300 s by default), so a test can wait it out.
    ctx = await newTestContext({ config: { ssoProviderCheckSeconds: 1 } });
    redirectUri = `${ctx.config.publicUrl}/api/sso/oidc/callback`;
    idp = await startTestOidcProvider({ redirectUris: [redirectUri], postLogoutRedirectUris: [`${ctx.config.publicUrl}/sign-in`] });
    org = await ctx.newOrganisation({ name: unique('Ospedale') });
    domain = `${unique('h').toLowerCase()}.example`;
    const manager = await ctx.newManager(org.id);
    const created = await ctx.http
      .post(`/api/organizations/${org.id}/identity-providers`)
      .set('Authorization', manager.auth)
      .send({
        displayName: 'Ospedale ID',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        employeeNumberClaim: 'employee_id',
        groupClaim: 'groups',
        managerGroups: ['kindling-managers'],
        domains: [domain.toUpperCase()],
      });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('clientSecret');
    expect(JSON.stringify(created.body)).not.toContain(idp.clientSecret);
    expect(created.body).toMatchObject({ hasClientSecret: true, domains: [domain], redirectUri });
    providerId = created.body.id;
  });

  afterAll(async () => {
    await idp?.stop();
    await ctx?.close();
  });

  it('stores the client secret sealed, never in clear, and never returns it', async () => {
    const rows = await ctx.db.query(`SELECT client_secret_sealed FROM identity_providers WHERE id = $1`, [providerId]);
    expect(rows[0].client_secret_sealed).toBeTruthy();
    expect(rows[0].client_secret_sealed).not.toContain(idp.clientSecret);
    const admin = await ctx.newAdmin();
    const list = await ctx.http.get(`/api/organizations/${org.id}/identity-providers`).set('Authorization', admin.auth);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(idp.clientSecret);
  });

  it('refuses a provider whose discovery document is unreachable or wrong, with a 400 naming it', async () => {
    const manager = await ctx.newManager(org.id);
    const base = { displayName: 'X', clientId: 'x', clientSecret: 'y', domains: ['x.example'] };
    const down = await ctx.http.post(`/api/organizations/${org.id}/identity-providers`).set('Authorization', manager.auth).send({ ...base, issuer: 'http://127.0.0.1:9' });
    expect(down.status).toBe(400);
    expect(String(down.body.message)).toContain('could not be reached');
    // Kindling's own health endpoint is reachable but no OpenID provider.
    const wrong = await ctx.http.post(`/api/organizations/${org.id}/identity-providers`).set('Authorization', manager.auth).send({ ...base, issuer: `${idp.issuer}/nothing-here` });
    expect(wrong.status).toBe(400);
    expect(String(wrong.body.message)).toMatch(/discovery document/);
  });

  it('a member of another organisation cannot see or change this organisation’s providers', async () => {
    const other = await ctx.newOrganisation();
    const stranger = await ctx.newManager(other.id);
    expect((await ctx.http.get(`/api/organizations/${org.id}/identity-providers`).set('Authorization', stranger.auth)).status).toBe(404);
    expect((await ctx.http.get(`/api/organizations/${other.id}/identity-providers/${providerId}`).set('Authorization', stranger.auth)).status).toBe(404);
  });

  it('routes an e-mail address to its organisation’s provider by domain', async () => {
    const res = await ctx.http.get('/api/sso/providers').query({ email: `someone@${domain}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ id: providerId, organizationId: org.id, displayName: 'Ospedale ID' })]);
    expect((await ctx.http.get('/api/sso/providers').query({ email: 'someone@nobody.example' })).status).toBe(404);
  });

  it('first sign-in creates the account and the membership; the second reuses them and refreshes the name', async () => {
    const sub = unique('sub');
    const email = `anna.${unique('a').toLowerCase()}@${domain}`;
    idp.accounts.set(sub, { sub, email, email_verified: true, name: 'Anna Rossi', employee_id: 'E-1001' });
    const first = await signIn(sub);
    expect(first.status).toBe(200);
    expect(first.text).toContain('url=/');
    const me = await meOf(first);
    expect(me.email).toBe(email);
    expect(me.name).toBe('Anna Rossi');
    expect(me.memberships).toEqual([expect.objectContaining({ organizationId: org.id, role: 'learner' })]);
    const [row] = await ctx.db.query(`SELECT certificate_name, password_hash, email_verified_at FROM users WHERE id = $1`, [me.id]);
    expect(row).toMatchObject({ certificate_name: 'Anna Rossi', password_hash: null });
    expect(row.email_verified_at).not.toBeNull();
    expect(await ctx.get(ExternalSignInRepository).employeeNumbers(me.id)).toEqual([{ organizationId: org.id, employeeNumber: 'E-1001' }]);

    // At the provider she changes her name and joins the managers' group.
    idp.accounts.set(sub, { sub, email, email_verified: true, name: 'Anna Rossi-Bianchi', employee_id: 'E-1002', groups: ['kindling-managers'] });
    const second = await signIn(sub);
    expect(second.status).toBe(200);
    const again = await meOf(second);
    expect(again.id).toBe(me.id);
    expect(again.name).toBe('Anna Rossi-Bianchi');
    expect(again.memberships).toEqual([expect.objectContaining({ organizationId: org.id, role: 'manager' })]);
    const users = await ctx.db.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)`, [email]);
    expect(users[0].n).toBe(1);
    expect(await ctx.get(ExternalSignInRepository).employeeNumbers(me.id)).toEqual([{ organizationId: org.id, employeeNumber: 'E-1002' }]);
  });

  it('takes over an unverified password account with the address: its password and sessions go', async () => {
    const email = `squatted.${unique('s').toLowerCase()}@${domain}`;
    const squatter = await ctx.newUser({ email, verified: false, name: 'Squatter' });
    const login = await ctx.http.post('/api/auth/login').send({ email, password: 'correct horse battery staple', refreshTokenInBody: true });
    expect(login.status).toBe(200);
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email, email_verified: true, name: 'Real Owner' });
    const res = await signIn(sub);
    expect(res.status).toBe(200);
    const me = await meOf(res);
    expect(me.id).toBe(squatter.id);
    expect(me.name).toBe('Real Owner');
    const [row] = await ctx.db.query(`SELECT password_hash FROM users WHERE id = $1`, [squatter.id]);
    expect(row.password_hash).toBeNull();
    // The squatter's session is over: its refresh token no longer works, nor does the password.
    expect((await ctx.http.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken })).status).toBe(401);
    expect((await ctx.http.post('/api/auth/login').send({ email, password: 'correct horse battery staple' })).status).toBe(401);
  });

  it('an existing verified account is linked only after its owner signs in with the password', async () => {
    const email = `verified.${unique('v').toLowerCase()}@${domain}`;
    const owner = await ctx.newUser({ email, name: 'Owner' });
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email, email_verified: true, name: 'Owner At Provider' });
    const res = await signIn(sub);
    expect(res.status).toBe(200);
    expect(cookieOf(res.headers['set-cookie'] as unknown as string[], 'kindling_at')).toBeUndefined();
    const token = /ssoLink=([^&"]+)/.exec(res.text)?.[1];
    expect(token).toBeTruthy();
    // Someone else signed in cannot use the link.
    const other = await ctx.newUser();
    expect((await ctx.http.post('/api/sso/links').set('Authorization', other.auth).send({ token: decodeURIComponent(token!) })).status).toBe(410);
    const linked = await ctx.http.post('/api/sso/links').set('Authorization', owner.auth).send({ token: decodeURIComponent(token!) });
    expect(linked.status).toBe(201);
    const next = await signIn(sub);
    expect(next.status).toBe(200);
    const me = await meOf(next);
    expect(me.id).toBe(owner.id);
    expect(me.memberships).toEqual([expect.objectContaining({ organizationId: org.id, role: 'learner' })]);
  });

  it('a platform admin can link an existing account to a subject; nobody else can', async () => {
    const owner = await ctx.newUser({ email: `adminlinked.${unique('l').toLowerCase()}@${domain}`, name: 'Linked By Admin' });
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: owner.email, email_verified: true, name: 'Linked By Admin' });
    const manager = await ctx.newManager(org.id);
    expect((await ctx.http.post(`/api/sso/${providerId}/identities`).set('Authorization', manager.auth).send({ userId: owner.id, subject: sub })).status).toBe(403);
    const admin = await ctx.newAdmin();
    expect((await ctx.http.post(`/api/sso/${providerId}/identities`).set('Authorization', admin.auth).send({ userId: owner.id, subject: sub })).status).toBe(201);
    const other = await ctx.newUser();
    expect((await ctx.http.post(`/api/sso/${providerId}/identities`).set('Authorization', admin.auth).send({ userId: other.id, subject: sub })).status).toBe(409);
    const res = await signIn(sub);
    expect(res.status).toBe(200);
    expect((await meOf(res)).id).toBe(owner.id);
  });

  it('refuses an address in a domain the provider does not vouch for', async () => {
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: `mallory@${unique('elsewhere').toLowerCase()}.example`, email_verified: true, name: 'Mallory' });
    const res = await signIn(sub);
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-reason="domain"');
    expect(res.text).toContain('may not vouch for');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses an unverified e-mail claim', async () => {
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: `unverified.${unique('u').toLowerCase()}@${domain}`, email_verified: false, name: 'U' });
    const res = await signIn(sub);
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-reason="unverified"');
  });

  it('refuses a tampered state', async () => {
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: `tamper.${unique('t').toLowerCase()}@${domain}`, email_verified: true, name: 'T' });
    const res = await signIn(sub, { tamperState: true });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-reason="state"');
    expect(cookieOf(res.headers['set-cookie'] as unknown as string[], 'kindling_at')).toBeUndefined();
  });

  it('a callback replayed with a used state is refused as expired', async () => {
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: `replay.${unique('r').toLowerCase()}@${domain}`, email_verified: true, name: 'R' });
    const start = await ctx.http.get(`/api/sso/${providerId}/start`);
    const state = cookieOf(start.headers['set-cookie'], 'kindling_sso_state');
    const back = await signInAtProvider(start.headers.location!, redirectUri, sub);
    expect((await ctx.http.get(`/api/sso/oidc/callback${back.search}`).set('Cookie', `kindling_sso_state=${state}`)).status).toBe(200);
    const replay = await ctx.http.get(`/api/sso/oidc/callback${back.search}`).set('Cookie', `kindling_sso_state=${state}`);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('data-reason="expired"');
  });

  it('denied consent ends on a readable page', async () => {
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: `deny.${unique('d').toLowerCase()}@${domain}`, email_verified: true, name: 'D' });
    const res = await signIn(sub, { deny: true });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-reason="denied"');
    expect(res.text).toContain('Ospedale ID');
  });

  it('password sign-in can be switched off for the organisation: members are refused with the reason, platform admins are not', async () => {
    const manager = await ctx.newManager(org.id);
    const member = await ctx.newLearner(org.id);
    const admin = await ctx.newAdmin();
    await ctx.addMember(org.id, admin.id, 'learner');
    const off = await ctx.http.put(`/api/organizations/${org.id}/password-sign-in`).set('Authorization', manager.auth).send({ allowed: false });
    expect(off).toMatchObject({ status: 200, body: { allowed: false } });
    try {
      const refused = await ctx.http.post('/api/auth/login').send({ email: member.email, password: 'correct horse battery staple' });
      expect(refused.status).toBe(403);
      expect(String(refused.body.message)).toContain(org.name);
      expect((await ctx.http.post('/api/auth/login').send({ email: admin.email, password: 'correct horse battery staple' })).status).toBe(200);
      // A wrong password still answers the one 401: the switch is not revealed to guessers.
      expect((await ctx.http.post('/api/auth/login').send({ email: member.email, password: 'wrong password here' })).status).toBe(401);
    } finally {
      await ctx.http.put(`/api/organizations/${org.id}/password-sign-in`).set('Authorization', manager.auth).send({ allowed: true });
    }
    const lonely = await ctx.newOrganisation();
    const lonelyManager = await ctx.newManager(lonely.id);
    expect((await ctx.http.put(`/api/organizations/${lonely.id}/password-sign-in`).set('Authorization', lonelyManager.auth).send({ allowed: false })).status).toBe(409);
  });

  it('a Kindling session started by the provider cannot be refreshed past the provider’s session; logout offers the provider’s', async () => {
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: `cap.${unique('c').toLowerCase()}@${domain}`, email_verified: true, name: 'Cap' });
    const res = await signIn(sub);
    const rt = cookieOf(res.headers['set-cookie'] as unknown as string[], 'kindling_rt')!;
    const at = cookieOf(res.headers['set-cookie'] as unknown as string[], 'kindling_at')!;
    const refreshed = await ctx.http.post('/api/auth/refresh').send({ refreshToken: rt });
    expect(refreshed.status).toBe(200);
    const logout = await ctx.http.post('/api/sso/logout').set('Authorization', `Bearer ${at}`);
    expect(logout.status).toBe(200);
    expect(logout.body.redirectTo).toContain(`${idp.issuer}/session/end`);
    expect(logout.body.redirectTo).toContain('id_token_hint=');

    const later = await signIn(sub);
    const rt2 = cookieOf(later.headers['set-cookie'] as unknown as string[], 'kindling_rt')!;
    await ctx.db.query(`UPDATE external_sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [idp.accounts.get(sub)!.email]);
    expect((await ctx.http.post('/api/auth/refresh').send({ refreshToken: rt2 })).status).toBe(401);
  });

  it('a person removed at the provider can no longer refresh once the short check cache has lapsed; within it no provider call', async () => {
    const sub = unique('sub');
    const email = `gone.${unique('g').toLowerCase()}@${domain}`;
    idp.accounts.set(sub, { sub, email, email_verified: true, name: 'Gone' });
    const res = await signIn(sub);
    expect(res.status).toBe(200);
    // offline_access was asked for (the provider lists it) and its refresh token is stored only sealed.
    const rows = await ctx.db.query(
      `SELECT x.provider_refresh_sealed FROM external_sessions x JOIN users u ON u.id = x.user_id WHERE u.email = $1`,
      [email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].provider_refresh_sealed).toMatch(/\S{20,}/);
    let rt = cookieOf(res.headers['set-cookie'] as unknown as string[], 'kindling_rt')!;

    // First refresh: asked at the provider (a refresh-token grant), accepted.
    const before = idp.tokenRequests();
    const first = await ctx.http.post('/api/auth/refresh').send({ refreshToken: rt });
    expect(first.status).toBe(200);
    expect(idp.tokenRequests()).toBe(before + 1);
    rt = first.body.refreshToken ?? cookieOf(first.headers['set-cookie'] as unknown as string[], 'kindling_rt')!;

    // Removed at the provider: within the cache's second, the refresh is served without asking the provider.
    idp.accounts.delete(sub);
    const cached = await ctx.http.post('/api/auth/refresh').send({ refreshToken: rt });
    expect(cached.status).toBe(200);
    expect(idp.tokenRequests()).toBe(before + 1);
    rt = cached.body.refreshToken ?? cookieOf(cached.headers['set-cookie'] as unknown as string[], 'kindling_rt')!;

    // After the cache lapsed, the provider is asked again and answers invalid_grant: refused, family revoked.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const refused = await ctx.http.post('/api/auth/refresh').set('Accept-Language', 'en').send({ refreshToken: rt });
    expect(idp.tokenRequests()).toBe(before + 2);
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).toContain('no longer accepts this account');
    const familyRevoked = await ctx.db.query(
      `SELECT bool_and(r.revoked_at IS NOT NULL) AS all_revoked FROM refresh_tokens r JOIN users u ON u.id = r.user_id WHERE u.email = $1`,
      [email],
    );
    expect(familyRevoked[0].all_revoked).toBe(true);
  });

  it('a provider that cannot be asked at refresh time does not sign the person out (fail open within the provider-session cap)', async () => {
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: `open.${unique('o').toLowerCase()}@${domain}`, email_verified: true, name: 'Open' });
    const res = await signIn(sub);
    const rt = cookieOf(res.headers['set-cookie'] as unknown as string[], 'kindling_rt')!;
    await idp.stop();
    try {
      expect((await ctx.http.post('/api/auth/refresh').send({ refreshToken: rt })).status).toBe(200);
    } finally {
      await idp.restart();
    }
  });

  it('a provider that is down ends on a readable page, not a 500', async () => {
    const sub = unique('sub');
    idp.accounts.set(sub, { sub, email: `down.${unique('p').toLowerCase()}@${domain}`, email_verified: true, name: 'P' });
    try {
      const res = await signIn(sub, { before: () => idp.stop() });
      expect(res.status).toBe(503);
      expect(res.text).toContain('data-reason="unreachable"');
      expect(res.text).toContain('cannot be reached');
    } finally {
      await idp.restart();
    }
  });
});

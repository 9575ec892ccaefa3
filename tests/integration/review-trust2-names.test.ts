import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newTestContext, type TestContext } from '../support/context.js';
import { unique } from '../support/app.js';
import { signInAtProvider, startTestOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

/**
 * Outside review (trust, second round): names are clean where they enter. A right-to-left
 * override (U+202E) makes "\u202EnosnhoJ nhoJ" read as "John Johnson" in a browser; a typed name
 * holding one is refused naming the field, and every other invisible character is removed. Files
 * and identity providers are cleaned, never refused: a stray U+200B must not fail a line.
 */
describe('review: invisible formatting characters never reach a stored name', () => {
  let ctx: TestContext;
  let idp: TestOidcProvider;
  let redirectUri: string;
  let org: { id: string; name: string };
  let providerId: string;
  let domain: string;
  const RLO = '\u202E';
  const ip = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const nameOf = async (id: string) => ((await ctx.db.query(`SELECT name FROM users WHERE id = $1`, [id])) as { name: string }[])[0]!.name;
  const messageOf = (body: { message: unknown }) => JSON.stringify(body.message);

  beforeAll(async () => {
    ctx = await newTestContext();
    redirectUri = `${ctx.config.publicUrl}/api/sso/oidc/callback`;
    idp = await startTestOidcProvider({ redirectUris: [redirectUri] });
    org = await ctx.newOrganisation({ name: unique('Scuola') });
    domain = `${unique('n').toLowerCase()}.example`;
    const manager = await ctx.newManager(org.id);
    const created = await ctx.http
      .post(`/api/organizations/${org.id}/identity-providers`)
      .set('Authorization', manager.auth)
      .send({ displayName: 'Scuola ID', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, domains: [domain] });
    expect(created.status).toBe(201);
    providerId = created.body.id;
  });
  afterAll(async () => {
    await idp?.stop();
    await ctx?.close();
  });

  it('sign-up: an override is refused naming the field (in the caller’s language); other invisible characters are removed', async () => {
    const password = 'a quiet walk by the lake';
    const refused = await ctx.http
      .post('/api/auth/register')
      .set('X-Forwarded-For', ip())
      .set('Accept-Language', 'de')
      .send({ email: `${unique('r')}@example.test`, password, name: `${RLO}nosnhoJ nhoJ` })
      .expect(400);
    expect(messageOf(refused.body)).toMatch(/name.*Schreibrichtung/);
    for (const bad of ['Eve \u2066Smith\u2069', 'A\u202Db']) {
      await ctx.http.post('/api/auth/register').set('X-Forwarded-For', ip()).send({ email: `${unique('r')}@example.test`, password, name: bad }).expect(400);
    }
    await ctx.http.post('/api/auth/register').set('X-Forwarded-For', ip()).send({ email: `${unique('r')}@example.test`, password, name: '\u200B\u200F ' }).expect(400);

    const ok = await ctx.http
      .post('/api/auth/register')
      .set('X-Forwarded-For', ip())
      .send({ email: `${unique('r')}@example.test`, password, name: ' \u200FDana\u200B Levi\uFEFF ' })
      .expect(201);
    expect(ok.body.user.name).toBe('Dana Levi');
    expect(await nameOf(ok.body.user.id)).toBe('Dana Levi');
    const hebrew = await ctx.http.post('/api/auth/register').set('X-Forwarded-For', ip()).send({ email: `${unique('r')}@example.test`, password, name: 'דנה לוי' }).expect(201);
    expect(hebrew.body.user.name).toBe('דנה לוי');
  });

  it('profile and certificate name: refused with an override, cleaned otherwise; real letters of every script stay', async () => {
    const learner = await ctx.newLearner(org.id);
    const patch = (name: string) => ctx.http.patch('/api/me').set('Authorization', learner.auth).send({ name });
    expect(messageOf((await patch(`Eve ${RLO}rellim`).expect(400)).body)).toMatch(/name/);
    expect((await patch('Zoe\u0308\u00A0Mu\u0308ller\u200B').expect(200)).body.name).toBe('Zoë Müller');
    expect((await patch('محمد عبد الله').expect(200)).body.name).toBe('محمد عبد الله');

    const setName = (certificateName: string) => ctx.http.put('/api/me/certificate-name').set('Authorization', learner.auth).send({ certificateName });
    const refused = await setName(`${RLO}nosnhoJ nhoJ`).expect(400);
    expect(messageOf(refused.body)).toMatch(/certificateName.*right-to-left override/);
    await setName('Zoë\nMüller').expect(400); // control characters stay refused
    await setName('\u2067\u2069').expect(400);
    const set = await setName('\uFEFF山田\u200B 太郎').expect(200);
    expect(set.body.certificateName ?? set.body.pendingRequest?.requestedName).toBe('山田 太郎');
  });

  it('a manager adding a member: an override in the name is refused; a new account gets the cleaned name', async () => {
    const manager = await ctx.newManager(org.id);
    const add = (name: string) =>
      ctx.http.post(`/api/organizations/${org.id}/members`).set('Authorization', manager.auth).send({ email: `${unique('m')}@example.test`, role: 'learner', name });
    expect(messageOf((await add(`Lia ${RLO}ihcnaiB`).expect(400)).body)).toMatch(/name/);
    const added = await add('Lia\u2060 Bianchi\u200E').expect(201);
    expect(await nameOf(added.body.userId)).toBe('Lia Bianchi');
  });

  it('a CSV enrolment and pupils: invisible characters are removed, no line fails for them', async () => {
    const manager = await ctx.newManager(org.id);
    const course = await ctx.newPublishedCourse();
    const cohort = await ctx.newCohort({ organizationId: org.id, courseId: course.courseId });
    const a = `${unique('a')}@example.test`;
    const b = `${unique('b')}@example.test`;
    const csv = `email,name\n${a},Anna\u200B Rossi\u200F\n${b},${RLO}Marco Neri\u202C\n`;
    const res = await ctx.http
      .post(`/api/cohorts/${cohort.id}/enrolments`)
      .set('Authorization', manager.auth)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(csv, 'utf8'))
      .expect(200);
    expect(res.body.errors).toEqual([]);
    const rows = (await ctx.db.query(`SELECT email, name FROM users WHERE email = ANY($1) ORDER BY email`, [[a, b]])) as { email: string; name: string }[];
    expect(rows.map((r) => r.name)).toEqual(['Anna Rossi', 'Marco Neri']);

    const pupils = await ctx.http
      .post(`/api/cohorts/${cohort.id}/pupils`)
      .set('Authorization', manager.auth)
      .send({ pupils: [{ name: `Ugo ${RLO}Verdi`, class: '3B' }, { name: '\u200B' }] })
      .expect(201);
    expect(pupils.body.errors.map((e: { line: number }) => e.line)).toEqual([2]);
    const [pupil] = (await ctx.db.query(`SELECT name FROM users WHERE is_pupil AND class_name = '3B' AND name LIKE 'Ugo%' ORDER BY created_at DESC LIMIT 1`)) as { name: string }[];
    expect(pupil!.name).toBe('Ugo Verdi');
  });

  it('single sign-on: the provider’s name claim is cleaned (never a failed sign-in), on creation and on every later sign-in', async () => {
    const cookieOf = (setCookie: string[] | string | undefined, name: string) =>
      (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).find((l) => l.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1);
    const signIn = async (login: string) => {
      const start = await ctx.http.get(`/api/sso/${providerId}/start`).expect(302);
      const state = cookieOf(start.headers['set-cookie'], 'kindling_sso_state');
      const back = await signInAtProvider(start.headers.location!, redirectUri, login);
      const res = await ctx.http.get(`/api/sso/oidc/callback${back.search}`).set('Cookie', `kindling_sso_state=${state}`).expect(200);
      const at = cookieOf(res.headers['set-cookie'] as unknown as string[], 'kindling_at');
      return (await ctx.http.get('/api/me').set('Authorization', `Bearer ${at}`).expect(200)).body as { id: string; name: string };
    };
    const sub = unique('sub');
    const email = `${unique('s').toLowerCase()}@${domain}`;
    idp.accounts.set(sub, { sub, email, email_verified: true, name: `${RLO}nosnhoJ nhoJ\u200B` });
    const me = await signIn(sub);
    expect(me.name).toBe('nosnhoJ nhoJ');
    expect(((await ctx.db.query(`SELECT certificate_name FROM users WHERE id = $1`, [me.id])) as { certificate_name: string }[])[0]!.certificate_name).toBe('nosnhoJ nhoJ');

    idp.accounts.set(sub, { sub, email, email_verified: true, name: '\u2066John\u2069 \u200FJohnson' });
    expect((await signIn(sub)).name).toBe('John Johnson');
    // Nothing visible left: the e-mail's local part, as when the provider sends no name.
    const other = unique('sub');
    idp.accounts.set(other, { sub: other, email: `y${email}`, email_verified: true, name: '\u200B\u202E' });
    expect((await signIn(other)).name).toBe(`y${email}`.split('@')[0]);
  });
});

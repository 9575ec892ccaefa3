import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { JobsRepository } from '@kindling/db';
import { BulkEnrolmentHandler } from '../../apps/worker/src/bulk/bulk-enrolment.handler.js';
import { workerServices } from '../support/worker.js';
import { mintLinkFor } from '../support/mail-links.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, TEST_PASSWORD, type TestUser } from '../support/fixtures.js';

/**
 * Issue #17 point 1, the language rule: an explicit choice (the person's — on the sign-in page,
 * in the profile — or, for a new account, the inviter's CSV column), else the organisation's
 * default, else the browser's Accept-Language among en/it/de/fr. Never a silent English.
 */
describe('the language rule', () => {
  let t: TestApp;
  let admin: TestUser;
  let author: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, { platformRoles: ['admin'] });
    author = await createUser(t, { platformRoles: ['author'] });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const account = async (id: string): Promise<{ locale: string; locale_chosen: boolean }> => {
    const rows: { locale: string; locale_chosen: boolean }[] = await t.db.query(`SELECT locale, locale_chosen FROM users WHERE id = $1`, [id]);
    return rows[0]!;
  };
  const accountByEmail = async (email: string): Promise<{ locale: string; locale_chosen: boolean }> => {
    const rows: { locale: string; locale_chosen: boolean }[] = await t.db.query(`SELECT locale, locale_chosen FROM users WHERE lower(email) = lower($1)`, [email]);
    return rows[0]!;
  };
  const setOrgDefault = (orgId: string, locale: string | null, by: TestUser = admin) =>
    t.http.patch(`/api/organizations/${orgId}`).set('Authorization', by.auth).send({ defaultLocale: locale });
  /** An account that never chose a language (as a fresh self-registration makes it). */
  const unchosen = async (): Promise<TestUser> => {
    const user = await createUser(t, { verified: false });
    expect((await account(user.id)).locale_chosen).toBe(false);
    return user;
  };
  const signIn = (user: TestUser, body: Record<string, unknown> = {}, acceptLanguage?: string) => {
    const req = t.http.post('/api/auth/login');
    if (acceptLanguage) void req.set('Accept-Language', acceptLanguage);
    return req.send({ email: user.email, password: TEST_PASSWORD, ...body });
  };

  it('saves the language picked on the sign-in page as the account’s choice, and /api/me answers it', async () => {
    const teacher = await createUser(t, { name: 'Insegnante' });
    const res = await signIn(teacher, { locale: 'it' }, 'en-US,en;q=0.9').expect(200);
    expect(res.body.user.locale).toBe('it');
    expect(await account(teacher.id)).toEqual({ locale: 'it', locale_chosen: true });
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${res.body.accessToken as string}`).expect(200);
    expect(me.body.locale).toBe('it');
    // An unknown language is refused, not stored.
    await signIn(teacher, { locale: 'es' }).expect(400);
  });

  it('an explicit choice wins over the organisation default and the browser', async () => {
    const orgId = await createOrganization(t);
    const nurse = await unchosen();
    await addMember(t, orgId, nurse.id, 'learner');
    await t.http.patch('/api/me').set('Authorization', nurse.auth).send({ locale: 'de' }).expect(200);
    expect(await account(nurse.id)).toEqual({ locale: 'de', locale_chosen: true });
    await setOrgDefault(orgId, 'it').expect(200);
    const res = await signIn(nurse, {}, 'fr-CH,fr;q=0.9').expect(200);
    expect(res.body.user.locale).toBe('de');
    expect((await account(nurse.id)).locale).toBe('de');
  });

  it('without a choice: the organisation default, else the browser’s Accept-Language, at sign-in', async () => {
    const orgId = await createOrganization(t);
    await setOrgDefault(orgId, 'it').expect(200);
    const member = await unchosen();
    await addMember(t, orgId, member.id, 'learner');
    expect((await signIn(member, {}, 'de-CH,de;q=0.9').expect(200)).body.user.locale).toBe('it');

    const loner = await unchosen();
    expect((await signIn(loner, {}, 'es-ES,es;q=0.9,fr;q=0.5').expect(200)).body.user.locale).toBe('fr');
    expect(await account(loner.id)).toEqual({ locale: 'fr', locale_chosen: false });
    // No header: the account keeps what it has.
    expect((await signIn(loner).expect(200)).body.user.locale).toBe('fr');
  });

  it('registration takes the form’s language, else the browser’s — never a silent English', async () => {
    const fromBrowser = `${unique('reg')}@example.test`;
    const a = await t.http
      .post('/api/auth/register')
      .set('Accept-Language', 'fr-CH, fr;q=0.9, en;q=0.8')
      .send({ email: fromBrowser, password: 'a long and unusual passphrase 42', name: 'Chloé' })
      .expect(201);
    expect(a.body.user.locale).toBe('fr');
    expect(await accountByEmail(fromBrowser)).toEqual({ locale: 'fr', locale_chosen: false });

    const fromForm = `${unique('reg')}@example.test`;
    const b = await t.http
      .post('/api/auth/register')
      .set('Accept-Language', 'fr')
      .send({ email: fromForm, password: 'a long and unusual passphrase 42', name: 'Giulia', locale: 'it' })
      .expect(201);
    expect(b.body.user.locale).toBe('it');
    expect(await accountByEmail(fromForm)).toEqual({ locale: 'it', locale_chosen: true });
  });

  it('organisations: a default language on create and update; members who never chose follow it, a choice is kept', async () => {
    const created = await t.http
      .post('/api/organizations')
      .set('Authorization', admin.auth)
      .send({ name: unique('Spital'), kind: 'hospital', country: 'CH', defaultLocale: 'de' })
      .expect(201);
    expect(created.body.defaultLocale).toBe('de');
    const orgId = created.body.id as string;
    await t.http.post('/api/organizations').set('Authorization', admin.auth).send({ name: 'x', kind: 'hospital', defaultLocale: 'es' }).expect(400);

    const manager = await createUser(t);
    await addMember(t, orgId, manager.id, 'manager');
    const follower = await unchosen();
    const chooser = await unchosen();
    await addMember(t, orgId, follower.id, 'learner');
    await addMember(t, orgId, chooser.id, 'learner');
    await t.http.patch('/api/me').set('Authorization', chooser.auth).send({ locale: 'it' }).expect(200);

    const updated = await setOrgDefault(orgId, 'fr', manager).expect(200);
    expect(updated.body).toMatchObject({ id: orgId, defaultLocale: 'fr', role: 'manager' });
    expect((await account(follower.id)).locale).toBe('fr');
    expect((await account(chooser.id)).locale).toBe('it');
    expect((await t.http.get('/api/organizations').set('Authorization', manager.auth).expect(200)).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: orgId, defaultLocale: 'fr' })]),
    );
    await setOrgDefault(orgId, 'xx', manager).expect(400);
    const outsider = await createUser(t);
    await setOrgDefault(orgId, 'it', outsider).expect(404);
    expect((await setOrgDefault(orgId, null, manager).expect(200)).body.defaultLocale).toBeNull();
  });

  it('a member added by e-mail: their given language, else the organisation default, else the inviter’s browser', async () => {
    const orgId = await createOrganization(t);
    const manager = await createUser(t);
    await addMember(t, orgId, manager.id, 'manager');
    const add = (body: Record<string, unknown>, acceptLanguage?: string) => {
      const req = t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth);
      if (acceptLanguage) void req.set('Accept-Language', acceptLanguage);
      return req.send({ role: 'learner', ...body });
    };
    const byBrowser = `${unique('m')}@example.test`;
    await add({ email: byBrowser }, 'de-DE,de;q=0.9').expect(201);
    expect(await accountByEmail(byBrowser)).toEqual({ locale: 'de', locale_chosen: false });
    const given = `${unique('m')}@example.test`;
    await add({ email: given, language: 'fr' }, 'de').expect(201);
    expect(await accountByEmail(given)).toEqual({ locale: 'fr', locale_chosen: true });
    await setOrgDefault(orgId, 'it').expect(200);
    const byDefault = `${unique('m')}@example.test`;
    await add({ email: byDefault }, 'de').expect(201);
    expect(await accountByEmail(byDefault)).toEqual({ locale: 'it', locale_chosen: false });
  });

  it('a language picked on the invitation page is saved as the new account’s choice', async () => {
    const orgId = await createOrganization(t);
    const manager = await createUser(t);
    await addMember(t, orgId, manager.id, 'manager');
    const email = `${unique('inv')}@example.test`;
    await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).set('Accept-Language', 'it').send({ email, role: 'learner' }).expect(201);
    expect(await accountByEmail(email)).toEqual({ locale: 'it', locale_chosen: false });
    const link = await mintLinkFor(t.db, t.app.get<KindlingConfig>(KINDLING_CONFIG).publicUrl, email, 'invitation');
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(link)![1]!;
    const res = await t.http
      .post(`/api/auth/invitations/${token}/accept`)
      .send({ name: 'Nora Nurse', password: 'a long and unusual passphrase 42', locale: 'de' })
      .expect(200);
    expect(res.body.user.locale).toBe('de');
    expect(await accountByEmail(email)).toEqual({ locale: 'de', locale_chosen: true });
  });

  describe('CSV enrolment and pupils', () => {
    let manager: TestUser;
    beforeAll(async () => {
      manager = await createUser(t);
    });
    const cohortOf = async (opts: { orgDefault?: string; courseLocale?: 'en' | 'it' | 'de' | 'fr' } = {}) => {
      const orgId = await createOrganization(t);
      await addMember(t, orgId, manager.id, 'manager');
      if (opts.orgDefault) await setOrgDefault(orgId, opts.orgDefault).expect(200);
      const course = await createPublishedCourse(t, { authorId: author.id, locale: opts.courseLocale ?? 'en' });
      return createCohort(t, { organizationId: orgId, courseId: course.courseId });
    };
    const upload = (cohortId: string, body: string, acceptLanguage?: string, what: 'enrolments' | 'pupils' = 'enrolments') => {
      const req = t.http.post(`/api/cohorts/${cohortId}/${what}`).set('Authorization', manager.auth).set('Content-Type', 'text/csv');
      if (acceptLanguage) void req.set('Accept-Language', acceptLanguage);
      return req.send(body);
    };

    it('the language column (language/lingua/sprache/langue) gives each new account its language; bad values are line errors', async () => {
      const cohortId = await cohortOf({ orgDefault: 'it' });
      const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((x) => `${unique(x)}@example.test`);
      const res = await upload(cohortId, `email,name,Sprache\n${a},Anna,de\n${b},Bruno,\n${c},Chloé,Français\n${d},Dora,klingon\n${e},Emil,de-CH\n`, 'en').expect(200);
      // The manager never chose a language and the organisation's default is Italian: line errors
      // are in Italian, whatever the browser sends (account, then organisation, then Accept-Language).
      expect(res.body).toMatchObject({ enrolled: 4, invited: 4, errors: [{ line: 5, message: 'la lingua "klingon" non è una di en, it, de, fr' }] });
      expect(await accountByEmail(a!)).toEqual({ locale: 'de', locale_chosen: true });
      expect(await accountByEmail(b!)).toEqual({ locale: 'it', locale_chosen: false }); // the organisation default
      expect(await accountByEmail(c!)).toEqual({ locale: 'fr', locale_chosen: true });
      expect(await accountByEmail(e!)).toEqual({ locale: 'de', locale_chosen: true });
    });

    it('without a column or organisation default: the uploader’s browser, else the course’s language (never a hard-coded en)', async () => {
      const cohortId = await cohortOf({ courseLocale: 'de' });
      const [a, b] = ['a', 'b'].map((x) => `${unique(x)}@example.test`);
      await upload(cohortId, `email,name\n${a},Anna\n`, 'fr-FR,fr;q=0.9').expect(200);
      expect(await accountByEmail(a!)).toEqual({ locale: 'fr', locale_chosen: false });
      await upload(cohortId, `email,name\n${b},Bea\n`).expect(200);
      expect(await accountByEmail(b!)).toEqual({ locale: 'de', locale_chosen: false });
    });

    it('an existing account keeps its language whatever the file says', async () => {
      const cohortId = await cohortOf();
      const known = await createUser(t, { locale: 'it' });
      await upload(cohortId, `email,lingua\n${known.email},fr\n`, 'de').expect(200);
      expect((await account(known.id)).locale).toBe('it');
    });

    it('a large upload done by the worker keeps the uploader’s Accept-Language and the column', async () => {
      const cohortId = await cohortOf();
      const cohort: { organization_id: string }[] = await t.db.query(`SELECT organization_id FROM cohorts WHERE id = $1`, [cohortId]);
      const [a, b] = ['a', 'b'].map((x) => `${unique(x)}@example.test`);
      // The job row as CohortUploadsService writes it for a file above SYNC_LIMIT (no outbox row: this test runs the handler).
      const jobId = await t.app.get(JobsRepository).insert('bulk-enrolment', cohort[0]!.organization_id, manager.id, 2, {
        cohortId,
        rows: [{ line: 2, email: a, name: 'Anna' }, { line: 3, email: b, name: 'Bea', locale: 'it' }],
        errors: [],
        acceptLanguage: 'de-CH,de;q=0.9',
      });
      const worker = await workerServices({ config: t.app.get<KindlingConfig>(KINDLING_CONFIG) });
      try {
        await worker.get(BulkEnrolmentHandler).handle({ jobId }, { jobId: 'test', attemptsMade: 0, progress: async () => undefined });
      } finally {
        await worker.close();
      }
      expect(await accountByEmail(a!)).toEqual({ locale: 'de', locale_chosen: false });
      expect(await accountByEmail(b!)).toEqual({ locale: 'it', locale_chosen: true });
    }, 60_000);

    it('pupils the same: the column, else the organisation default, else the browser', async () => {
      const cohortId = await cohortOf({ orgDefault: 'fr' });
      const name = unique('Pupil');
      const res = await upload(cohortId, `name,class,langue\n${name} Un,3B,it\n${name} Deux,3B,\n`, 'de', 'pupils').expect(201);
      expect(res.body.created).toBe(2);
      const rows: { name: string; locale: string; locale_chosen: boolean }[] = await t.db.query(
        `SELECT name, locale, locale_chosen FROM users WHERE is_pupil AND name LIKE $1 ORDER BY name`,
        [`${name}%`],
      );
      expect(rows).toEqual([
        { name: `${name} Deux`, locale: 'fr', locale_chosen: false },
        { name: `${name} Un`, locale: 'it', locale_chosen: true },
      ]);
    });
  });
});

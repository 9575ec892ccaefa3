import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import JSZip from 'jszip';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { RetentionSweep } from '../../apps/worker/src/privacy/retention-sweep.service.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';
import { workerServices } from '../support/worker.js';

/** Issue 18 points 6 and 7: people found by name, a person's data exported and erased, retention. */
describe('people: directory, data export, erasure, retention', () => {
  let t: TestApp;
  let worker: TestingModule;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await workerServices();
    admin = await createUser(t, { platformRoles: ['admin'], name: 'Ada Admin' });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const binary = (req: ReturnType<TestApp['http']['get']>) =>
    req.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  /** A learner in a cohort with a completed enrolment and an issued certificate. */
  async function certifiedLearner(name: string) {
    const author = await createUser(t, { platformRoles: ['author'] });
    const learner = await createUser(t, { name });
    const manager = await createUser(t, { name: 'Mara Manager' });
    const organizationId = await createOrganization(t, unique('Ospedale'));
    await addMember(t, organizationId, learner.id, 'learner');
    await addMember(t, organizationId, manager.id, 'manager');
    const course = await createPublishedCourse(t, { authorId: author.id, title: unique('Kindness at the bedside') });
    const cohortId = await createCohort(t, { organizationId, courseId: course.courseId });
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId });
    await complete(t, { enrolmentId, userId: learner.id, course });
    await worker.get(CertificateIssuer).issue(enrolmentId);
    const [cert] = (await t.db.query(
      `SELECT c.id, c.number, d.verification_code AS code, d.sha256 FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
      [enrolmentId],
    )) as { id: string; number: string; code: string; sha256: string }[];
    return { learner, manager, organizationId, cohortId, enrolmentId, cert: cert! };
  }

  it('an admin finds people by name or e-mail, page by page, and opens one with memberships, enrolments and certificates', async () => {
    const tag = unique('zeta').toLowerCase().replace(/[^a-z0-9]/g, '');
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await createUser(t, { name: `Maria ${tag} ${i}`, email: `${tag}.${i}@example.org` }));
    const first = await t.http.get('/api/users').query({ q: tag, pageSize: 2 }).set('Authorization', admin.auth);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(3);
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual([`Maria ${tag} 0`, `Maria ${tag} 1`]);
    const second = await t.http.get('/api/users').query({ q: tag, pageSize: 2, page: 2 }).set('Authorization', admin.auth);
    expect(second.body.items.map((p: { email: string }) => p.email)).toEqual([`${tag}.2@example.org`]);
    const byMail = await t.http.get('/api/users').query({ q: `${tag}.1@EXAMPLE` }).set('Authorization', admin.auth);
    expect(byMail.body.items.map((p: { id: string }) => p.id)).toEqual([made[1]!.id]);
    // % and _ are searched literally
    expect((await t.http.get('/api/users').query({ q: '%%%' }).set('Authorization', admin.auth)).body.total).toBe(0);

    const s = await certifiedLearner(`Lina ${tag}`);
    const detail = await t.http.get(`/api/users/${s.learner.id}`).set('Authorization', admin.auth);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: s.learner.id, name: `Lina ${tag}`, erasedAt: null });
    expect(detail.body.memberships).toEqual([expect.objectContaining({ organizationId: s.organizationId, role: 'learner' })]);
    expect(detail.body.enrolments).toEqual([expect.objectContaining({ id: s.enrolmentId, status: 'completed', progressPercent: 100 })]);
    expect(detail.body.certificates).toEqual([expect.objectContaining({ id: s.cert.id, number: s.cert.number, status: 'valid' })]);
    // granting a role from there, by the id the page has
    const granted = await t.http.put(`/api/users/${s.learner.id}/platform-roles`).set('Authorization', admin.auth).send({ roles: ['author'] });
    expect(granted.status).toBe(200);
    expect((await t.http.get(`/api/users/${s.learner.id}`).set('Authorization', admin.auth)).body.platformRoles).toEqual(['author']);
  });

  it('only admins search and open people; bad paging is named', async () => {
    const someone = await createUser(t);
    expect((await t.http.get('/api/users').set('Authorization', someone.auth)).status).toBe(403);
    expect((await t.http.get(`/api/users/${admin.id}`).set('Authorization', someone.auth)).status).toBe(403);
    expect((await t.http.post(`/api/users/${admin.id}/erasure`).set('Authorization', someone.auth)).status).toBe(403);
    expect((await t.http.get('/api/users')).status).toBe(401);
    const bad = await t.http.get('/api/users').query({ pageSize: 1000 }).set('Authorization', admin.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/pageSize/);
    expect((await t.http.get('/api/users/8f7c1f5e-0000-4000-8000-000000000000').set('Authorization', admin.auth)).status).toBe(404);
  });

  it('an organisation’s country is an ISO 3166 code: "SU" (for Suisse) is refused by name, CH is kept', async () => {
    const bad = await t.http.post('/api/organizations').set('Authorization', admin.auth).set('Accept-Language', 'fr').send({ name: unique('Hôpital'), kind: 'hospital', country: 'SU' });
    expect(bad.status).toBe(400);
    // French typography: no-break spaces inside « » (the server's translate() sets them).
    expect(JSON.stringify(bad.body.message)).toContain('«\u00a0SU\u00a0» n’est pas un code de pays ISO 3166');
    const good = await t.http.post('/api/organizations').set('Authorization', admin.auth).send({ name: unique('Hôpital'), kind: 'hospital', country: 'ch' });
    expect(good.status).toBe(201);
    expect(good.body.country).toBe('CH');
    const patch = await t.http.patch(`/api/organizations/${good.body.id}`).set('Authorization', admin.auth).send({ country: 'XX' });
    expect(patch.status).toBe(400);
  });

  it('a pending member is invited again (once a minute), a member who signed in is not; members are removed', async () => {
    const orgId = await createOrganization(t, unique('Spital'));
    const email = `${unique('pending').toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`;
    const added = await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', admin.auth).send({ email, role: 'learner', name: 'Petra Pending' });
    expect(added.status).toBe(201);
    expect(added.body.invited).toBe(true);
    const userId: string = added.body.userId;
    const again = () => t.http.post(`/api/organizations/${orgId}/members/${userId}/invitation`).set('Authorization', admin.auth).set('Accept-Language', 'it');
    const soon = await again();
    expect(soon.status).toBe(429);
    expect(JSON.stringify(soon.body.message)).toContain('meno di un minuto fa');
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0);
    await t.db.query(`UPDATE one_time_tokens SET created_at = created_at - interval '2 minutes' WHERE user_id = $1`, [userId]);
    const sent = await again();
    expect(sent.status).toBe(201);
    expect(await t.db.query(`SELECT 1 FROM one_time_tokens WHERE user_id = $1 AND kind = 'invitation' AND organization_id = $2`, [userId, orgId])).toHaveLength(2);
    expect(await t.db.query(`SELECT 1 FROM audit_events WHERE action = 'membership.reinvited' AND subject_id = $1`, [userId])).toHaveLength(1);
    const member = await createUser(t);
    await addMember(t, orgId, member.id, 'learner');
    expect((await t.http.post(`/api/organizations/${orgId}/members/${member.id}/invitation`).set('Authorization', admin.auth)).status).toBe(409);
    expect((await t.http.delete(`/api/organizations/${orgId}/members/${member.id}`).set('Authorization', admin.auth)).status).toBe(204);
    expect((await t.http.post(`/api/organizations/${orgId}/members/${member.id}/invitation`).set('Authorization', admin.auth)).status).toBe(404);
  });

  it('a learner downloads everything held about them: one ZIP with the JSON and their certificate PDFs', async () => {
    const s = await certifiedLearner('Zoë Export-Müller');
    const res = await binary(t.http.get('/api/me/export').set('Authorization', s.learner.auth));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="kindling-data-\d{4}-\d{2}-\d{2}\.zip"/);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    expect(Object.keys(zip.files).sort()).toEqual(['README.txt', 'certificates/', `certificates/${s.cert.number}.pdf`, 'kindling-data.json']);
    const pdf = await zip.file(`certificates/${s.cert.number}.pdf`)!.async('nodebuffer');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(s.cert.sha256);
    const data = JSON.parse(await zip.file('kindling-data.json')!.async('string'));
    expect(data.account).toMatchObject({ id: s.learner.id, name: 'Zoë Export-Müller', email: s.learner.email, hasPassword: true });
    expect(JSON.stringify(data)).not.toMatch(/password_hash|\$argon2/);
    expect(data.memberships).toEqual([expect.objectContaining({ organizationId: s.organizationId, role: 'learner' })]);
    expect(data.enrolments).toEqual([expect.objectContaining({ id: s.enrolmentId, status: 'completed' })]);
    expect(data.lessonCompletions.length).toBeGreaterThan(0);
    expect(data.certificates).toEqual([expect.objectContaining({ number: s.cert.number, holderName: 'Zoë Export-Müller', sha256: s.cert.sha256 })]);
    expect(data.certificates[0].storageKey).toBeUndefined();
    // someone else's archive never contains it
    const other = await createUser(t);
    const theirs = await JSZip.loadAsync((await binary(t.http.get('/api/me/export').set('Authorization', other.auth))).body as Buffer);
    expect(await theirs.file('kindling-data.json')!.async('string')).not.toContain('Export-Müller');
    expect((await t.http.get('/api/me/export')).status).toBe(401);
  });

  it('an admin erases a person: data gone, enrolments counted anonymously, certificate verifies as "holder’s data erased", audit by ids', async () => {
    const s = await certifiedLearner('Giulia Cancellata');
    const summaryBefore = (await t.http.get(`/api/cohorts/${s.cohortId}/summary`).set('Authorization', s.manager.auth)).body;

    expect((await t.http.post(`/api/users/${admin.id}/erasure`).set('Authorization', admin.auth)).status).toBe(409);
    const res = await t.http.post(`/api/users/${s.learner.id}/erasure`).set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: s.learner.id, erased: true, enrolments: 1, certificates: 1 });

    // the account: no name, e-mail, credentials, memberships; signing in and old tokens fail
    const [user] = await t.db.query(`SELECT name, email, password_hash, erased_at, platform_roles FROM users WHERE id = $1`, [s.learner.id]);
    expect(user).toMatchObject({ name: '', email: null, password_hash: null, platform_roles: [] });
    expect(user.erased_at).not.toBeNull();
    expect(await t.db.query(`SELECT 1 FROM memberships WHERE user_id = $1`, [s.learner.id])).toHaveLength(0);
    expect((await t.http.get('/api/me').set('Authorization', s.learner.auth)).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: s.learner.email, password: 'correct horse battery staple' })).status).toBe(401);

    // nothing with the name is left in the tables that held it, the PDF file included
    const leftovers = await t.db.query(
      `SELECT 'certificates' AS t FROM certificates WHERE holder_name ILIKE '%Cancellata%'
       UNION ALL SELECT 'documents' FROM certificate_documents WHERE holder_name ILIKE '%Cancellata%' OR credential_json ILIKE '%Cancellata%'
       UNION ALL SELECT 'users' FROM users WHERE name ILIKE '%Cancellata%'`,
    );
    expect(leftovers).toEqual([]);
    const [doc] = await t.db.query(`SELECT storage_key FROM certificate_documents WHERE certificate_id = $1`, [s.cert.id]);
    expect(await t.db.query(`SELECT 1 FROM stored_files WHERE key = $1`, [doc.storage_key])).toHaveLength(0);

    // the cohort's statistics keep the enrolment, without a name
    const summaryAfter = (await t.http.get(`/api/cohorts/${s.cohortId}/summary`).set('Authorization', s.manager.auth)).body;
    expect(summaryAfter).toEqual(summaryBefore);
    expect(summaryAfter.completed).toBe(1);

    // the certificate still verifies — by code, number and hash — with no name
    for (const key of [s.cert.code, s.cert.number, s.cert.sha256]) {
      const v = await t.http.get(`/api/verify/${key}`);
      expect(v.status).toBe(200);
      expect(v.body).toMatchObject({ status: 'valid', number: s.cert.number, holderErased: true });
      expect(v.body.holderName).toBeUndefined();
    }
    // the manager's PDF download is gone, saying why
    const pdf = await t.http.get(`/api/certificates/${s.cert.id}/pdf`).set('Authorization', s.manager.auth).set('Accept-Language', 'de');
    expect(pdf.status).toBe(410);
    expect(JSON.stringify(pdf.body.message)).toContain('wurden gelöscht');

    // the audit event names ids and counts only; a second erasure changes nothing
    const events = await t.db.query(`SELECT actor_id, data FROM audit_events WHERE action = 'user.erased' AND subject_id = $1`, [s.learner.id]);
    expect(events).toEqual([{ actor_id: admin.id, data: { reason: 'request', enrolments: 1, certificates: 1 } }]);
    const again = await t.http.post(`/api/users/${s.learner.id}/erasure`).set('Authorization', admin.auth);
    expect(again.body).toMatchObject({ erased: false });
    expect(await t.db.query(`SELECT 1 FROM audit_events WHERE action = 'user.erased' AND subject_id = $1`, [s.learner.id])).toHaveLength(1);
    const found = await t.http.get(`/api/users/${s.learner.id}`).set('Authorization', admin.auth);
    expect(found.body).toMatchObject({ name: '', email: null, username: null });
    expect(found.body.erasedAt).not.toBeNull();
  });

  it('retention: the worker anonymises learners withdrawn longer than the period (time moved forward), once', async () => {
    const s = await certifiedLearner('Walter Withdrawn');
    const active = await certifiedLearner('Anna Active');
    // both withdraw (or are withdrawn) today
    await t.db.query(`UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE id = ANY($1::uuid[])`, [[s.enrolmentId]]);
    const sweep = worker.get(RetentionSweep);
    const isErased = async (id: string) => ((await t.db.query(`SELECT erased_at FROM users WHERE id = $1`, [id])) as { erased_at: Date | null }[])[0]!.erased_at !== null;

    await sweep.sweepOnce(new Date(Date.now() + 29 * 86_400_000), 30);
    expect(await isErased(s.learner.id)).toBe(false);
    // a month and a day later: anonymised; the active learner is untouched
    await sweep.sweepOnce(new Date(Date.now() + 31 * 86_400_000), 30);
    expect(await isErased(s.learner.id)).toBe(true);
    expect(await isErased(active.learner.id)).toBe(false);
    await sweep.sweepOnce(new Date(Date.now() + 62 * 86_400_000), 30);
    const events = await t.db.query(`SELECT actor_id, data FROM audit_events WHERE action = 'user.erased' AND subject_id = $1`, [s.learner.id]);
    expect(events).toEqual([{ actor_id: null, data: { reason: 'retention', enrolments: 1, certificates: 1 } }]);
    expect((await t.http.get(`/api/verify/${s.cert.code}`)).body).toMatchObject({ holderErased: true });
    // 0 days switches the rule off
    expect(await sweep.sweepOnce(new Date(Date.now() + 999 * 86_400_000), 0)).toBe(0);
  });
});

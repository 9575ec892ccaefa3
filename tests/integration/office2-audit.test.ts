import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';
import { workerServices } from '../support/worker.js';

interface Event {
  action: string;
  actorName: string | null;
  personId: string | null;
  personName: string | null;
  sentence: string;
}

/** Issue 18 point 8: the audit log as sentences in the reader's language, filtered, exported. */
describe('the audit log for humans', () => {
  let t: TestApp;
  let worker: TestingModule;
  let admin: TestUser;
  let manager: TestUser;
  let learner: TestUser;
  let other: TestUser;
  let orgId: string;
  let number: string;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await workerServices();
    admin = await createUser(t, { platformRoles: ['admin'] });
    manager = await createUser(t, { name: 'Maria Rossi' });
    learner = await createUser(t, { name: 'Luca Bianchi' });
    other = await createUser(t, { name: 'Olga Other' });
    orgId = await createOrganization(t, unique('Ospedale'));
    await addMember(t, orgId, manager.id, 'manager');
    const author = await createUser(t, { platformRoles: ['author'] });
    const course = await createPublishedCourse(t, { authorId: author.id });
    const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId, name: 'Ward 7 – 2026' });
    // people join through the API, so the log has their events
    for (const [who, role] of [[learner, 'learner'], [other, 'learner']] as const) {
      expect((await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email: who.email, role })).status).toBe(201);
    }
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
    await complete(t, { enrolmentId, userId: learner.id, course });
    await worker.get(CertificateIssuer).issue(enrolmentId);
    const [cert] = await t.db.query(`SELECT id, number FROM certificates WHERE enrolment_id = $1`, [enrolmentId]);
    number = cert.number;
    expect((await t.http.post(`/api/certificates/${cert.id}/revocation`).set('Authorization', manager.auth).send({ reason: 'wrong person' })).status).toBe(200);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const log = (query: Record<string, string>, language = 'en') =>
    t.http.get(`/api/organizations/${orgId}/audit-events`).query(query).set('Authorization', manager.auth).set('Accept-Language', language);

  it('events read as sentences in the reader’s language, with the names resolved', async () => {
    const en = await log({});
    expect(en.status).toBe(200);
    const sentences = (en.body as Event[]).map((e) => e.sentence);
    expect(sentences).toContain(`Maria Rossi revoked certificate ${number}: wrong person`);
    expect(sentences).toContain(`Certificate ${number} was issued to Luca Bianchi`);
    expect(sentences).toContain('Maria Rossi added Luca Bianchi as learner');
    const revoked = (en.body as Event[]).find((e) => e.action === 'certificate.revoked')!;
    expect(revoked).toMatchObject({ actorName: 'Maria Rossi', personId: learner.id, personName: 'Luca Bianchi' });
    const it_ = await log({}, 'it');
    expect((it_.body as Event[]).map((e) => e.sentence)).toContain(`Maria Rossi ha revocato l’attestato ${number}: wrong person`);
    const de = await log({}, 'de-CH');
    expect((de.body as Event[]).map((e) => e.sentence)).toContain('Maria Rossi hat Luca Bianchi als Teilnehmende/r hinzugefügt');
  });

  it('filters by person, by type (an action or a family) and by date', async () => {
    const byPerson = (await log({ person: learner.id })).body as Event[];
    expect(byPerson.length).toBeGreaterThanOrEqual(3);
    expect(byPerson.every((e) => e.personId === learner.id)).toBe(true);
    expect(byPerson.map((e) => e.action)).toEqual(expect.arrayContaining(['certificate.revoked', 'certificate.issued', 'membership.added']));
    const byActor = (await log({ person: manager.id })).body as Event[];
    expect(byActor.map((e) => e.action)).toContain('membership.added');
    const certificates = (await log({ type: 'certificate' })).body as Event[];
    expect(new Set(certificates.map((e) => e.action))).toEqual(new Set(['certificate.issued', 'certificate.revoked']));
    const exact = (await log({ type: 'membership.added', person: other.id })).body as Event[];
    expect(exact.map((e) => e.sentence)).toEqual(['Maria Rossi added Olga Other as learner']);
    const today = new Date().toISOString().slice(0, 10);
    expect(((await log({ from: today, to: today })).body as Event[]).length).toBeGreaterThan(0);
    expect((await log({ from: '2099-01-01' })).body).toEqual([]);
    expect((await log({ to: '2000-01-01' })).body).toEqual([]);
    const bad = await log({ from: 'yesterday', person: 'maria' });
    expect(bad.status).toBe(400);
    // the validation pipe names each field and its rule (by key, in the caller's language)
    expect(JSON.stringify(bad.body.message)).toMatch(/from must be a valid ISO 8601 date/);
    expect(JSON.stringify(bad.body.message)).toMatch(/person must be a UUID/);
  });

  it('exports the filtered log as CSV with translated headings, and never another organisation’s', async () => {
    const res = await t.http
      .get(`/api/organizations/${orgId}/audit-events`)
      .query({ format: 'csv', type: 'certificate' })
      .set('Authorization', manager.auth)
      .set('Accept-Language', 'de');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Datum und Zeit;Ausgeführt von;Betrifft;Ereignistyp;Was geschah');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.endsWith(`;Maria Rossi;Luca Bianchi;certificate.revoked;Maria Rossi hat das Zertifikat ${number} widerrufen: wrong person`))).toBe(true);
    const stranger = await createUser(t);
    expect((await t.http.get(`/api/organizations/${orgId}/audit-events`).query({ format: 'csv' }).set('Authorization', stranger.auth)).status).toBe(404);
  });

  it('after erasure old events name an "erased person"; the log itself is never rewritten', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1`, [orgId]);
    expect((await t.http.post(`/api/users/${other.id}/erasure`).set('Authorization', admin.auth)).status).toBe(200);
    const events = (await log({ type: 'membership.added', person: other.id })).body as Event[];
    expect(events.map((e) => e.sentence)).toEqual(['Maria Rossi added erased person as learner']);
    expect(JSON.stringify(await log({}))).not.toContain('Olga Other');
    // the erasure event is platform-wide (organization_id null): the organisation's rows are untouched
    const after = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1`, [orgId]);
    expect(after[0].n).toBe(before[0].n);
  });
});

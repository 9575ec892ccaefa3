import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { JobsRepository } from '@kindling/db';
import { BulkEnrolmentHandler } from '../../apps/worker/src/bulk/bulk-enrolment.handler.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';
import { workerServices } from '../support/worker.js';

/** Issue 18 point 1: the employee number and class/ward of an import or the "add one person" form are kept on the membership. */
describe('employee number and class/ward', () => {
  let t: TestApp;
  let manager: TestUser;
  let admin: TestUser;
  let orgId: string;
  let cohortId: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await createUser(t);
    admin = await createUser(t, { platformRoles: ['admin'] });
    orgId = await createOrganization(t, unique('Spital'));
    await addMember(t, orgId, manager.id, 'manager');
    const author = await createUser(t, { platformRoles: ['author'] });
    const course = await createPublishedCourse(t, { authorId: author.id });
    cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
  });
  afterAll(async () => {
    await t?.close();
  });

  const membership = async (email: string) =>
    (
      await t.db.query(
        `SELECT m.employee_number, m.unit FROM memberships m JOIN users u ON u.id = m.user_id WHERE lower(u.email) = lower($1) AND m.organization_id = $2`,
        [email, orgId],
      )
    )[0] as { employee_number: string | null; unit: string | null } | undefined;

  it('a spreadsheet stores them; the learners table shows them, finds people by them and exports them under a translated header', async () => {
    const [a, b] = ['a', 'b'].map((x) => `${unique(x)}@example.test`);
    const long = 'X'.repeat(65);
    const csv = `Personalnummer;Vorname;Nachname;E-Mail;Station\r\nP-4711;Jürg;Müller;${a};Chirurgie\r\n${long};Anna;Kälin;${b};Notfall\r\n`;
    const res = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments`)
      .set('Authorization', manager.auth)
      .set('Accept-Language', 'de')
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(res.body).toMatchObject({ enrolled: 1, errors: [{ line: 3, message: 'die Personalnummer ist zu lang (65 Zeichen; höchstens 64)' }] });
    expect(await membership(a!)).toEqual({ employee_number: 'P-4711', unit: 'Chirurgie' });

    const page = await t.http.get(`/api/cohorts/${cohortId}/progress?q=p-4711`).set('Authorization', manager.auth).expect(200);
    expect(page.body.rows).toEqual([expect.objectContaining({ email: a, employeeNumber: 'P-4711', unit: 'Chirurgie' })]);
    const byWard = await t.http.get(`/api/cohorts/${cohortId}/progress?q=chirurg`).set('Authorization', manager.auth).expect(200);
    expect(byWard.body.total).toBe(1);

    const people = await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv&layout=people&lang=de`).set('Authorization', manager.auth).expect(200);
    const lines = String(people.text).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Name;E-Mail;Personalnummer;Klasse\/Station;Status;/);
    expect(lines.find((l) => l.includes(a!))).toContain(';P-4711;Chirurgie;');
    const data = await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv`).set('Authorization', manager.auth).expect(200);
    expect(String(data.text).replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/,employeeNumber,unit,round$/);

    // The person page shows them on the membership.
    const [{ id: userId }] = await t.db.query(`SELECT id FROM users WHERE lower(email) = $1`, [a]);
    const person = await t.http.get(`/api/users/${userId}`).set('Authorization', admin.auth).expect(200);
    expect(person.body.memberships).toEqual([expect.objectContaining({ organizationId: orgId, employeeNumber: 'P-4711', unit: 'Chirurgie' })]);
  });

  it('the "add one person" form (JSON) stores them, a later import without them keeps them, a value over 64 characters is a 400 naming the field', async () => {
    const email = `${unique('form')}@example.test`;
    await t.http
      .post(`/api/cohorts/${cohortId}/enrolments`)
      .set('Authorization', manager.auth)
      .send({ learners: [{ email, firstName: 'Zoë', lastName: 'Keller', employeeNumber: ' 0815 ', group: 'Station 3B' }] })
      .expect(200);
    expect(await membership(email)).toEqual({ employee_number: '0815', unit: 'Station 3B' });
    // Enrolled again without the fields: what was stored stays.
    await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).send({ learners: [{ email }] }).expect(200);
    expect(await membership(email)).toEqual({ employee_number: '0815', unit: 'Station 3B' });

    const tooLong = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments`)
      .set('Authorization', manager.auth)
      .send({ learners: [{ email: `${unique('long')}@example.test`, employeeNumber: '9'.repeat(65) }] })
      .expect(400);
    expect(JSON.stringify(tooLong.body)).toContain('learners.0.employeeNumber: the employee number is too long (65 characters; at most 64)');
    const wardTooLong = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments`)
      .set('Authorization', manager.auth)
      .set('Accept-Language', 'fr')
      .send({ learners: [{ email: `${unique('long')}@example.test`, group: 'W'.repeat(70) }] })
      .expect(400);
    expect(JSON.stringify(wardTooLong.body)).toContain('learners.0.group\u00a0: la classe/le service est trop long (70 caractères\u202f; au plus 64)');
  });

  it('a large upload done by the worker stores them too', async () => {
    const email = `${unique('bulk')}@example.test`;
    const jobId = await t.app.get(JobsRepository).insert('bulk-enrolment', orgId, manager.id, 1, {
      cohortId,
      rows: [{ line: 2, email, name: 'Bo Frei', employeeNumber: 'B-1', group: 'Reparto 2' }],
      errors: [],
      acceptLanguage: null,
    });
    const worker = await workerServices({ config: t.app.get<KindlingConfig>(KINDLING_CONFIG) });
    try {
      await worker.get(BulkEnrolmentHandler).handle({ jobId }, { jobId: 'test', attemptsMade: 0, progress: async () => undefined });
    } finally {
      await worker.close();
    }
    expect(await membership(email)).toEqual({ employee_number: 'B-1', unit: 'Reparto 2' });
  }, 60_000);
});

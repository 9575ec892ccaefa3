import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';
import { workerServices } from '../support/worker.js';

/** Issue 18 point 3 (the part built): expiring and expired certificate counts per cohort and organisation; expired verifies as expired. */
describe('recertification: expiry counts', () => {
  let t: TestApp;
  let worker: TestingModule;
  let manager: TestUser;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await workerServices();
    manager = await createUser(t);
    orgId = await createOrganization(t, unique('Spital'));
    await addMember(t, orgId, manager.id, 'manager');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  async function certificate(cohortId: string, course: Awaited<ReturnType<typeof createPublishedCourse>>, validForDays: number | null) {
    const learner = await createUser(t);
    await addMember(t, orgId, learner.id, 'learner');
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
    await complete(t, { enrolmentId, userId: learner.id, course });
    await worker.get(CertificateIssuer).issue(enrolmentId);
    const [c] = await t.db.query(`SELECT c.id, d.verification_code AS code FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`, [enrolmentId]);
    // the clock moved: this certificate's validity ends `validForDays` from now (negative: already past)
    if (validForDays !== null) await t.db.query(`UPDATE certificates SET valid_until = now() + make_interval(days => $2) WHERE id = $1`, [c.id, validForDays]);
    return c as { id: string; code: string };
  }

  it('counts certificates expiring within 60 days and expired ones, per cohort and in total; revoked and open-ended ones are not counted', async () => {
    const author = await createUser(t, { platformRoles: ['author'] });
    const course = await createPublishedCourse(t, { authorId: author.id });
    const ward7 = await createCohort(t, { organizationId: orgId, courseId: course.courseId, name: 'Ward 7' });
    const ward8 = await createCohort(t, { organizationId: orgId, courseId: course.courseId, name: 'Ward 8' });
    await certificate(ward7, course, 30);
    await certificate(ward7, course, 59);
    await certificate(ward7, course, 200);
    const expired = await certificate(ward7, course, -1);
    await certificate(ward8, course, -400);
    await certificate(ward8, course, null);
    const revoked = await certificate(ward8, course, 10);
    expect((await t.http.post(`/api/certificates/${revoked.id}/revocation`).set('Authorization', manager.auth).send({ reason: 'issued by mistake' })).status).toBe(200);

    const res = await t.http.get(`/api/organizations/${orgId}/certificate-expiry`).set('Authorization', manager.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      withinDays: 60,
      expiringSoon: 2,
      expired: 2,
      cohorts: [
        { cohortId: ward7, cohortName: 'Ward 7', expiringSoon: 2, expired: 1 },
        { cohortId: ward8, cohortName: 'Ward 8', expiringSoon: 0, expired: 1 },
      ],
    });
    // an expired certificate verifies as expired
    const v = await t.http.get(`/api/verify/${expired.code}`);
    expect(v.body).toMatchObject({ status: 'expired' });
    // another organisation's manager cannot see the counts
    const stranger = await createUser(t);
    expect((await t.http.get(`/api/organizations/${orgId}/certificate-expiry`).set('Authorization', stranger.auth)).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { CoursesRepository, EnrolmentsRepository } from '@kindling/db';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { CourseCatalogueService } from '../../apps/api/src/courses/course-catalogue.service.js';
import { newTestContext, type TestContext } from '../support/context.js';

/**
 * The test context itself (tests/support/context.ts): a chosen configuration reaches both
 * processes' DI, services and repositories come from DI, and the entity factories leave data
 * the database's own rules agree with.
 */
describe('test context', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await newTestContext({ config: { outboxRetentionHours: 123 }, worker: true });
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('hands out the API and the worker from their own DI, with the chosen configuration in both', () => {
    expect(ctx.config.outboxRetentionHours).toBe(123);
    expect(ctx.get<KindlingConfig>(KINDLING_CONFIG).outboxRetentionHours).toBe(123);
    expect(ctx.worker.get<KindlingConfig>(KINDLING_CONFIG).outboxRetentionHours).toBe(123);
    expect(ctx.get(CourseCatalogueService)).toBeInstanceOf(CourseCatalogueService);
    expect(ctx.get(EnrolmentsRepository)).toBeInstanceOf(EnrolmentsRepository);
    expect(ctx.worker.get(CertificateIssuer)).toBeInstanceOf(CertificateIssuer);
  });

  it('builds people, an organisation, a published course, a cohort and an enrolment the rules agree with', async () => {
    const org = await ctx.newOrganisation();
    const manager = await ctx.newManager(org.id);
    const learner = await ctx.newLearner(org.id);
    const author = await ctx.newAuthor();
    const admin = await ctx.newAdmin();
    const course = await ctx.newPublishedCourse({ authorId: author.id, lessons: 2 });
    const cohort = await ctx.newCohort({ organizationId: org.id, courseId: course.courseId });
    const enrolment = await ctx.enrol({ userId: learner.id, course, cohortId: cohort.id, organizationId: org.id });

    expect((await ctx.http.get('/api/me').set('Authorization', admin.auth).expect(200)).body.platformRoles).toEqual(['admin']);
    const version = await ctx.get(CoursesRepository).version(course.versionId);
    expect(version).toMatchObject({ status: 'published', version: 1 });
    const summary = await ctx.http.get(`/api/cohorts/${cohort.id}/summary`).set('Authorization', manager.auth).expect(200);
    expect(summary.body).toMatchObject({ enrolled: 1, completed: 0 });

    const drift = async () =>
      (
        (await ctx.db.query(
          `SELECT (e.items_total, e.items_done, e.lessons_total, e.lessons_completed, e.progress_percent)
                  IS DISTINCT FROM (c.items_total, c.items_done, c.lessons_total, c.lessons_completed, c.progress_percent) AS drift, e.status
             FROM enrolments e CROSS JOIN LATERAL enrolment_counters(e.id, e.course_version_id) c WHERE e.id = $1`,
          [enrolment.id],
        )) as { drift: boolean; status: string }[]
      )[0]!;
    expect(await drift()).toEqual({ drift: false, status: 'active' });

    await ctx.complete({ enrolmentId: enrolment.id, userId: learner.id, course });
    expect(await drift()).toEqual({ drift: false, status: 'completed' });
    expect(await ctx.worker.get(CertificateIssuer).issue(enrolment.id)).toMatchObject({ outcome: 'issued' });
    const mine = await ctx.http.get('/api/me/certificates').set('Authorization', learner.auth).expect(200);
    expect(mine.body).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, dbOf, type TestUser } from '../support/fixtures.js';

/**
 * The manager's cohort header (GET /api/cohorts/:id) and the cohort list it starts from show the
 * course title of the edition in the manager's language when the course has one, like the
 * learner side; a manager whose language has no edition reads the course's own title.
 */
describe('cohort header in the manager’s language (review-lang2)', () => {
  let t: TestApp;
  let orgId: string;
  let cohortId: string;
  let german: TestUser;
  let french: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const author = await createUser(t, { platformRoles: ['author'] });
    german = await createUser(t, { name: 'Greta Keller', locale: 'de' });
    french = await createUser(t, { name: 'Fanny Roux', locale: 'fr' });
    orgId = await createOrganization(t);
    await addMember(t, orgId, german.id, 'manager');
    await addMember(t, orgId, french.id, 'manager');
    const course = await createPublishedCourse(t, { authorId: author.id, title: 'Kindness in everyday practice' });
    await dbOf(t).query(
      `INSERT INTO course_edition_texts (course_version_id, locale, item_kind, lineage_id, texts) VALUES ($1, 'de', 'course', $2, $3)`,
      [course.versionId, course.courseId, JSON.stringify({ title: 'Freundlichkeit im Berufsalltag' })],
    );
    cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId, name: '3B' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('a German manager reads the German edition’s title in the header and the list', async () => {
    const one = await t.http.get(`/api/cohorts/${cohortId}`).set('Authorization', german.auth).expect(200);
    expect(one.body.courseTitle).toBe('Freundlichkeit im Berufsalltag');
    const list = await t.http.get(`/api/organizations/${orgId}/cohorts`).set('Authorization', german.auth).expect(200);
    expect(list.body.find((c: { id: string }) => c.id === cohortId).courseTitle).toBe('Freundlichkeit im Berufsalltag');
  });

  it('a French manager (no French edition) reads the course’s own title', async () => {
    const one = await t.http.get(`/api/cohorts/${cohortId}`).set('Authorization', french.auth).expect(200);
    expect(one.body.courseTitle).toBe('Kindness in everyday practice');
  });
});

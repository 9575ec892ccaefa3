import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { writeOutbox } from '@kindling/db';
import { JobName } from '@kindling/queue';
import { unique } from '../support/app.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';
import { axeViolations, type BrowserHarness, eventually, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 18 points 6 and 7 in headless Chromium against the built API and worker: a platform
 * admin finds a person by name and grants a role from their page (no id pasted), opens an
 * organisation and creates one with a country from the list; a learner downloads their data;
 * the admin erases the learner and the public verification page shows "holder's data erased".
 * axe on every page on the way.
 */
describe('people managed by name, data export and erasure in Chromium (issue 18)', () => {
  let h: BrowserHarness;
  let admin: TestUser;
  let learner: TestUser;
  let organizationId: string;
  let orgName: string;
  let certificateCode = '';
  let adminContext: BrowserContext;
  const axeProblems: string[] = [];

  async function check(page: Page, label: string): Promise<void> {
    await settled(page);
    axeProblems.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await createUser(h.t, { name: 'Ada Admin', platformRoles: ['admin'] });
    const author = await createUser(h.t, { platformRoles: ['author'] });
    learner = await createUser(h.t, { name: unique('Giulia Gentile') });
    orgName = unique('Ospedale Buono');
    organizationId = await createOrganization(h.t, orgName);
    await addMember(h.t, organizationId, learner.id, 'learner');
    const course = await createPublishedCourse(h.t, { authorId: author.id, title: unique('Kindness on the ward') });
    const cohortId = await createCohort(h.t, { organizationId, courseId: course.courseId });
    const enrolmentId = await enrol(h.t, { userId: learner.id, course, cohortId, organizationId });
    await complete(h.t, { enrolmentId, userId: learner.id, course });
    // The certificate request the completion rule would have written: the running worker issues it.
    await writeOutbox(h.t.db.manager, JobName.IssueCertificate, enrolmentId, { enrolmentId });
    const cert = await eventually(async () => {
      const rows: { verification_code: string }[] = await h.t.db.query(
        `SELECT d.verification_code FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
        [enrolmentId],
      );
      return rows[0];
    }, 60_000, 'the certificate');
    certificateCode = cert.verification_code;
    adminContext = await signedInContext(h, admin.id);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('an admin finds a person by name, opens them and grants a role; opens an organisation; picks a country from the list', async () => {
    const page = await adminContext.newPage();
    await withFailureDump(page, 'people-search', async () => {
      await page.goto(`${h.baseUrl}/platform`);
      await page.getByRole('link', { name: 'Find people' }).click();
      await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
      await page.getByRole('searchbox', { name: 'Name or e-mail' }).fill(learner.name.split(' ').slice(1).join(' '));
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('People found: 1').waitFor();
      await check(page, 'people search');
      await page.getByRole('link', { name: learner.name }).click();
      await page.getByRole('heading', { level: 1, name: learner.name }).waitFor();
      await page.getByRole('link', { name: orgName }).waitFor();
      await page.getByRole('rowheader', { name: /Kindness on the ward/ }).waitFor();
      await check(page, 'person');
      await page.getByRole('checkbox', { name: 'Author' }).check();
      await page.getByRole('button', { name: 'Save the roles' }).click();
      await page.getByText(`Roles of ${learner.name} saved.`).waitFor();
      const [row] = await h.t.db.query(`SELECT platform_roles FROM users WHERE id = $1`, [learner.id]);
      expect(row.platform_roles).toEqual(['author']);

      // the organisation page opens from the person's memberships
      await page.getByRole('link', { name: orgName }).click();
      await page.getByRole('heading', { level: 1, name: orgName }).waitFor();
      await page.getByRole('button', { name: `Remove ${learner.name}` }).waitFor();
      await check(page, 'organisation');

      // a country from the list, named in the reader's language, saved as its ISO code
      await page.goto(`${h.baseUrl}/platform`);
      const newOrg = unique('Spital Freundlich');
      await page.getByLabel('Name', { exact: true }).first().fill(newOrg);
      await page.getByLabel(/^Country/).selectOption({ label: 'Switzerland' });
      await page.getByRole('button', { name: 'Create the organisation' }).click();
      await page.getByText(`Organisation “${newOrg}” created.`).waitFor();
      const [org] = await h.t.db.query(`SELECT country FROM organizations WHERE name = $1`, [newOrg]);
      expect(org.country).toBe('CH');
      await check(page, 'platform administration');
    });
    await page.close();
    expect(axeProblems).toEqual([]);
  }, 120_000);

  it('a learner downloads their data; the admin erases them; the certificate then verifies without a name', async () => {
    const learnerContext = await signedInContext(h, learner.id);
    const own = await learnerContext.newPage();
    await withFailureDump(own, 'my-data', async () => {
      await own.goto(`${h.baseUrl}/certificates`);
      await own.getByRole('heading', { level: 2, name: 'Your data' }).waitFor();
      await check(own, 'certificates with my data');
      const [download] = await Promise.all([own.waitForEvent('download'), own.getByRole('button', { name: 'Download my data' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^kindling-data-\d{4}-\d{2}-\d{2}\.zip$/);
    });
    await learnerContext.close();

    const page = await adminContext.newPage();
    await withFailureDump(page, 'erasure', async () => {
      await page.goto(`${h.baseUrl}/platform/people/${learner.id}`);
      await page.getByRole('heading', { level: 2, name: 'Erase this person’s data' }).waitFor();
      const erase = page.getByRole('button', { name: 'Erase the data' });
      expect(await erase.isDisabled()).toBe(true);
      await page.getByRole('checkbox', { name: `I understand that the data of ${learner.name} will be erased for good` }).check();
      await erase.click();
      await page.getByText(/The data was erased\. Enrolments kept as anonymous counts: 1\. Certificates still verifiable without a name: 1\./).waitFor();
      const [row] = await h.t.db.query(`SELECT name, email, erased_at FROM users WHERE id = $1`, [learner.id]);
      expect(row).toMatchObject({ name: '', email: null });
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Erased person' }).waitFor();
      await check(page, 'erased person');

      await page.goto(`${h.baseUrl}/verify/${certificateCode}`);
      await page.getByText('holder’s data erased').waitFor();
      expect(await page.getByText(learner.name).count()).toBe(0);
      await check(page, 'verification after erasure');
    });
    await page.close();
    expect(axeProblems).toEqual([]);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { RenewalSweep } from '../../apps/worker/src/reminders/renewal-sweep.service.js';
import { unique } from '../support/app.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

const DAY = 86_400_000;

/** Issue 18 points 1 and 3 in Chromium: a German learner's renewal round on their home; the learners table with employee numbers. */
describe('renewal rounds and employee numbers in Chromium (issue 18)', () => {
  let h: BrowserHarness;
  let worker: TestingModule;
  let manager: TestUser;
  let learner: TestUser;
  let organizationId: string;
  let cohortId: string;
  let courseTitle: string;
  let validUntil: Date;

  beforeAll(async () => {
    h = await startHarness();
    worker = await h.workerServices();
    const author = await createUser(h.t, { platformRoles: ['author'] });
    manager = await createUser(h.t, { name: 'Heidi Büro', locale: 'de' });
    learner = await createUser(h.t, { name: 'Jürg Müller', locale: 'de' });
    organizationId = await createOrganization(h.t, unique('Kantonsspital'));
    await addMember(h.t, organizationId, manager.id, 'manager');
    courseTitle = unique('Freundlich am Krankenbett');
    const course = await createPublishedCourse(h.t, { authorId: author.id, title: courseTitle, locale: 'de' });
    cohortId = await createCohort(h.t, { organizationId, courseId: course.courseId, name: unique('Station 7') });
    // The learner came in through the "add one person" form with an employee number and a ward.
    const added = await api(h, manager.auth, 'POST', `/api/cohorts/${cohortId}/enrolments`, {
      learners: [{ email: learner.email, employeeNumber: 'P-4711', group: 'Chirurgie' }],
    });
    expect(added.status).toBe(200);
    const [{ id: enrolmentId }] = await h.t.db.query(`SELECT id FROM enrolments WHERE cohort_id = $1 AND user_id = $2`, [cohortId, learner.id]);
    await complete(h.t, { enrolmentId, userId: learner.id, course });
    await worker.get(CertificateIssuer).issue(enrolmentId);
    // The certificate expires in 20 days: inside the 30 days' lead, so the sweep opens a renewal round.
    validUntil = new Date(Date.now() + 20 * DAY);
    await h.t.db.query(`UPDATE certificates SET valid_until = $2 WHERE enrolment_id = $1`, [enrolmentId, validUntil]);
    await worker.get(RenewalSweep).sweepOnce(new Date(), 30);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await h?.close();
  });

  it("the learner's home shows the renewal round with its line in German; the learners table shows the employee number and ward", async () => {
    const learnerContext = await signedInContext(h, learner.id, { width: 1280, height: 900, locale: 'de-CH' });
    const page = await learnerContext.newPage();
    await withFailureDump(page, 'office3-renewal-home', async () => {
      await page.goto(`${h.baseUrl}/my-learning`);
      const card = page.getByRole('article').filter({ hasText: 'Erneuerung' });
      await card.getByRole('heading', { name: courseTitle }).waitFor();
      const line = (await card.locator('.renewal-line').innerText()).trim();
      const date = new Intl.DateTimeFormat('de-CH', { day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(validUntil).find((p) => p.type === 'year')!.value;
      expect(line).toMatch(new RegExp(`^Erneuerung — Ihr Zertifikat läuft am .*${date}.* ab$`));
      // The renewal enrolment is a course to start; the first round stays, completed, with its certificate.
      await card.getByRole('link', { name: /^Starten/ }).waitFor();
      await expect(page.getByRole('article').filter({ hasText: courseTitle }).count()).resolves.toBe(2);
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
    });
    await learnerContext.close();

    const managerContext = await signedInContext(h, manager.id, { width: 1280, height: 900, locale: 'de-CH' });
    const table = await managerContext.newPage();
    await withFailureDump(table, 'office3-learners-table', async () => {
      await table.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/learners`);
      // Employee number and ward stand under the name (no extra column: no sideways scroll at 1280 px).
      await table.locator('.learners-table').waitFor();
      const row = table.getByRole('row', { name: /Jürg Müller/ });
      await row.waitFor();
      await expect(row.innerText()).resolves.toContain('P-4711');
      await expect(row.innerText()).resolves.toContain('Chirurgie');
      await expect(row.innerText()).resolves.toContain('Erneuerung, Runde 2');
      // The filter finds people by their employee number.
      await table.getByLabel('Name, E-Mail, Personalnummer oder Klasse/Station').fill('p-4711');
      await table.getByRole('search', { name: 'Teilnehmende filtern' }).getByRole('button', { name: 'Anwenden' }).click();
      await table.waitForURL(/q=p-4711/);
      await table.getByRole('row', { name: /Jürg Müller/ }).waitFor();
      await settled(table);
      const overflow = await table.evaluate<number>("(() => { const w = document.querySelector('.learners-table'); return w ? w.scrollWidth - w.clientWidth : -1; })()");
      expect(overflow).toBe(0);
      expect(await axeViolations(table)).toEqual([]);
    });
    await managerContext.close();
  }, 90_000);
});

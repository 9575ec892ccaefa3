import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { unique } from '../support/app.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';
import { axeViolations, eventually, scrollWidth, settled, signedInContext, startHarness, type BrowserHarness } from './support/harness.js';

/** Signed credentials in the browser: the certificate page's credential and LinkedIn actions, the verification page's file and paste checks. */
describe('signed credentials in the web app', () => {
  let h: BrowserHarness;
  let learner: TestUser;
  let certificateId: string;
  let number: string;
  const problems: string[] = [];

  async function check(page: Page, label: string): Promise<void> {
    await settled(page);
    problems.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));
    const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
    await page.setViewportSize({ width: 320, height: 640 });
    await page.waitForTimeout(50);
    const width = await scrollWidth(page);
    if (width > 320) problems.push(`${label}: content is ${width} px wide at 320 px`);
    await page.setViewportSize(viewport);
  }

  beforeAll(async () => {
    h = await startHarness();
    const author = await createUser(h.t, { platformRoles: ['author'] });
    learner = await createUser(h.t, { name: 'Zoë Müller-Ćosić' });
    const organizationId = await createOrganization(h.t, unique('Scuola Arcobaleno'));
    await addMember(h.t, organizationId, learner.id, 'learner');
    const course = await createPublishedCourse(h.t, { authorId: author.id, title: unique('Kindness in class'), hours: 6 });
    const cohortId = await createCohort(h.t, { organizationId, courseId: course.courseId });
    const enrolmentId = await enrol(h.t, { userId: learner.id, course, cohortId, organizationId });
    await complete(h.t, { enrolmentId, userId: learner.id, course });
    const row = await eventually(
      async () => ((await h.t.db.query(`SELECT id, number FROM certificates WHERE enrolment_id = $1`, [enrolmentId])) as { id: string; number: string }[])[0],
      60_000,
      'the certificate',
    );
    certificateId = row.id;
    number = row.number;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('the certificate page offers the signed credential and Add to LinkedIn; the verification page checks a PDF and a pasted credential', async () => {
    const context = await signedInContext(h, learner.id);
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/certificates`);
    const linkedIn = page.getByRole('link', { name: /Add to LinkedIn profile/ });
    await linkedIn.waitFor();
    const href = new URL((await linkedIn.getAttribute('href'))!);
    expect(href.origin + href.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(href.searchParams.get('certId')).toBe(number);
    expect(href.searchParams.get('certUrl')).toMatch(/\/verify\//);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download the signed credential/ }).click()]);
    expect(download.suggestedFilename()).toBe(`${number}.credential.json`);
    const credential = JSON.parse(await (await fetch(`${h.baseUrl}/api/certificates/${certificateId}/credential`, { headers: { Cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).text()) as {
      credentialSubject: { name: string };
    };
    await check(page, 'certificates page');

    const pdf = Buffer.from(await (await fetch(`${h.baseUrl}/api/certificates/${certificateId}/pdf`, { headers: { Cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).arrayBuffer());
    const verifierContext = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const verifier = await verifierContext.newPage();
    await verifier.goto(`${h.baseUrl}/verify`);
    await verifier.getByLabel('Certificate PDF or credential file').setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: pdf });
    await verifier.locator('.verdict-valid').waitFor();
    expect(verifier.url()).toMatch(/\/verify\/[0-9a-f]{64}$/);

    await verifier.goto(`${h.baseUrl}/verify`);
    await verifier.getByLabel('Or paste the credential (JSON)').fill(JSON.stringify(credential));
    await verifier.getByRole('button', { name: 'Check the credential' }).click();
    await verifier.getByRole('heading', { name: 'Valid credential' }).waitFor();
    await check(verifier, 'verification: valid credential');

    credential.credentialSubject.name = 'Zoë Müller-Ćosič';
    await verifier.getByLabel('Or paste the credential (JSON)').fill(JSON.stringify(credential));
    await verifier.getByRole('button', { name: 'Check the credential' }).click();
    await verifier.getByRole('heading', { name: 'Credential not valid' }).waitFor();
    await expect(verifier.getByText(/The signature does not match/).isVisible()).resolves.toBe(true);
    await check(verifier, 'verification: tampered credential');

    await verifier.goto(`${h.baseUrl}/verify/${number}`);
    await verifier.locator('.verdict-valid').waitFor();
    // Typed into the form: the printed number, then the PDF's SHA-256 someone was given.
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    for (const typed of [number, sha256]) {
      await verifier.goto(`${h.baseUrl}/verify`);
      await verifier.getByLabel('Verification code').fill(typed);
      await verifier.getByRole('button', { name: 'Check', exact: true }).click();
      await verifier.locator('.verdict-valid').waitFor();
    }
    await context.close();
    await verifierContext.close();
    expect(problems).toEqual([]);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestCourse, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, eventually, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue 9 point 7 in headless Chromium against the built API and worker: building and publishing
 * a course, a CSV upload with a bad line, the cohort dashboard's figures equal to the API's, and a
 * revoked certificate showing "revoked" on the public page — with axe on the staff pages on the way.
 */
describe('staff flows in Chromium (issue 9)', () => {
  let h: BrowserHarness;
  let author: TestUser;
  let manager: TestUser;
  let organizationId: string;
  let course: TestCourse;
  let cohortId: string;
  let authorContext: BrowserContext;
  let managerContext: BrowserContext;
  const axeProblems: string[] = [];
  const checked: string[] = [];

  async function check(page: Page, label: string): Promise<void> {
    await settled(page);
    checked.push(label);
    axeProblems.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));
  }

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { name: 'Ada Author', platformRoles: ['author'] });
    manager = await createUser(h.t, { name: 'Maria Manager' });
    organizationId = await createOrganization(h.t, unique('Scuola Gentile'));
    await addMember(h.t, organizationId, manager.id, 'manager');
    course = await createPublishedCourse(h.t, { authorId: author.id, lessons: 2, title: unique('Kind classrooms'), maxAttempts: 3 });
    const pastDue = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    cohortId = await createCohort(h.t, { organizationId, courseId: course.courseId, dueOn: pastDue, name: unique('Teachers 2026') });
    authorContext = await signedInContext(h, author.id);
    managerContext = await signedInContext(h, manager.id, { width: 1366, height: 900 });
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  it('an author builds a course in the builder (details, module, Markdown lesson with preview, quiz with validation) and publishes it', async () => {
    const page = await authorContext.newPage();
    const title = unique('Kindness for nurses');
    await withFailureDump(page, 'builder', async () => {
      await page.goto(`${h.baseUrl}/author/courses/new`);
      await page.getByRole('heading', { level: 1, name: 'New course' }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Summary').fill('Small acts of kindness on the ward.');
      await page.getByLabel('Accrediting body').fill('Regional Health Training Board');
      await page.getByLabel('Reference number').fill('RHTB-2026-17');
      await page.getByLabel('Hours').fill('4');
      // The accreditation rule (ACCREDITED_MIN_TIME_RATIO 0.5): 4 hours need at least 120 minutes of minimum learning time.
      await page.getByLabel('Minimum learning time in minutes').fill('120');
      await page.getByRole('button', { name: 'Create the course' }).click();
      await page.waitForURL(/\/author\/courses\/[0-9a-f-]{36}$/);
      const courseId = /courses\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

      await page.getByLabel('Title of a new module').fill('Noticing');
      await page.getByRole('button', { name: 'Add the module' }).click();
      await page.getByText('Module added.').waitFor();
      await check(page, 'course builder');

      await page.getByRole('link', { name: /Add a lesson/ }).first().click();
      await page.getByRole('heading', { level: 1, name: 'New lesson' }).waitFor();
      await page.getByLabel('Lesson title').fill('Seeing the person');
      await page.getByLabel('Lesson text in Markdown').fill('## Look up\n\nA **kind** word takes *five seconds*.\n\n- greet\n- listen');
      await check(page, 'lesson editor');
      // The side-by-side preview is the server's rendering, shown by the learners' own lesson component.
      await page.locator('.editor-preview .lesson-body h2', { hasText: 'Look up' }).waitFor();
      await page.getByRole('button', { name: 'Create the lesson' }).click();
      await page.waitForURL(new RegExp(`/author/courses/${courseId}$`));
      await page.getByRole('link', { name: 'Seeing the person' }).waitFor();

      await page.getByRole('link', { name: /Add a quiz/ }).first().click();
      await page.getByRole('heading', { level: 1, name: 'New quiz' }).waitFor();
      // An empty quiz is refused with messages next to the fields.
      await page.getByRole('button', { name: 'Create the quiz' }).click();
      await page.locator('.field-error').first().waitFor();
      expect(await page.locator('.field-error').count()).toBeGreaterThan(0);
      await check(page, 'quiz editor (validation messages)');
      await page.getByLabel('Quiz title').fill('Check your understanding');
      await page.locator('#question-0-prompt').fill('What does a kind greeting take?');
      await page.locator('#question-0-option-0').fill('A few seconds');
      await page.locator('#question-0-option-1').fill('An hour');
      await page.getByRole('button', { name: 'Create the quiz' }).click();
      await page.waitForURL(new RegExp(`/author/courses/${courseId}$`));
      await page.getByRole('link', { name: 'Check your understanding' }).waitFor();

      // publishing shows what it makes available and asks to confirm (issue 22 point 4)
      await page.getByRole('button', { name: 'Publish…', exact: true }).click();
      await page.getByRole('button', { name: 'Confirm: publish version 1' }).click();
      await page.getByText('Published as version 1.').waitFor();

      const outline = await api<{ version: number; accreditation: { body: string; hours: number } | null; modules: { title: string; lessons: { title: string }[]; quizzes: { title: string; questionCount: number }[] }[] }>(
        h, author.auth, 'GET', `/api/courses/${courseId}`,
      );
      expect(outline.status).toBe(200);
      expect(outline.body.version).toBe(1);
      expect(outline.body.accreditation).toMatchObject({ body: 'Regional Health Training Board', hours: 4 });
      expect(outline.body.modules).toEqual([
        expect.objectContaining({ title: 'Noticing', lessons: [expect.objectContaining({ title: 'Seeing the person' })], quizzes: [expect.objectContaining({ title: 'Check your understanding', questionCount: 1 })] }),
      ]);
      const status: { status: string }[] = await h.t.db.query(
        `SELECT v.status FROM courses c JOIN course_versions v ON v.id = c.published_version_id WHERE c.id = $1`,
        [courseId],
      );
      expect(status).toEqual([{ status: 'published' }]);
    });
    await page.close();
  }, 90_000);

  it('a CSV upload with a bad line: the preview names the line, nothing is written until confirmed, the good lines are enrolled', async () => {
    const page = await managerContext.newPage();
    const good1 = `${unique('ana')}@example.test`;
    const good2 = `${unique('ben')}@example.test`;
    const csv = `email,name\n${good1},Ana Rossi\nnot-an-e-mail,Broken Line\n${good2},Ben Weber\n`;
    await withFailureDump(page, 'csv', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/enrol`);
      await page.getByRole('heading', { level: 2, name: 'Enrol learners from a CSV' }).waitFor();
      await page.getByLabel('Or paste the CSV here').fill(csv);
      await page.getByRole('button', { name: 'Check the file' }).click();
      await page.getByText('Ready to enrol: 2. Already enrolled: 0. Lines with a problem: 1.').waitFor();
      const badRows = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Problem' }) }).locator('tbody tr');
      await expect(badRows.count()).resolves.toBe(1);
      await expect(badRows.first().innerText()).resolves.toMatch(/^3\s/);
      await check(page, 'CSV enrolment preview');
      const before: { n: number }[] = await h.t.db.query(`SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1`, [cohortId]);
      expect(before[0]!.n).toBe(0);

      await page.getByRole('button', { name: 'Enrol 2 learners' }).click();
      await page.getByText('Enrolled: 2. Already enrolled: 0. Lines with a problem: 1.').waitFor();
      const after: { email: string }[] = await h.t.db.query(
        `SELECT u.email FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.cohort_id = $1 ORDER BY u.email`,
        [cohortId],
      );
      expect(after.map((r) => r.email)).toEqual([good1, good2].sort());
    });
    await page.close();
  }, 60_000);

  let certificateCode = '';
  let certificateNumber = '';

  it('the cohort dashboard shows the same figures as GET /api/cohorts/:id/summary', async () => {
    // One learner who completes the course through the API, one who has only started.
    const done = await createUser(h.t, { name: 'Clara Complete' });
    const started = await createUser(h.t, { name: 'Sam Started' });
    const doneEnrolment = await enrol(h.t, { userId: done.id, course, cohortId, organizationId });
    const startedEnrolment = await enrol(h.t, { userId: started.id, course, cohortId, organizationId });
    for (const lessonId of course.lessonIds) {
      expect((await api(h, done.auth, 'PUT', `/api/enrolments/${doneEnrolment}/lessons/${lessonId}/completion`)).status).toBe(200);
    }
    expect((await api(h, started.auth, 'PUT', `/api/enrolments/${startedEnrolment}/lessons/${course.lessonIds[0]}/completion`)).status).toBe(200);
    const quizId = course.quizIds[0]!;
    const attempt = await api<{ id: string }>(h, done.auth, 'POST', `/api/enrolments/${doneEnrolment}/quizzes/${quizId}/attempts`);
    expect(attempt.status).toBe(201);
    const answers = course.answers[quizId]!.map((q, i) => ({ questionId: q.questionId, optionIds: i === 0 ? q.wrong : q.correct }));
    const graded = await api<{ scorePercent: number; passed: boolean }>(h, done.auth, 'POST', `/api/attempts/${attempt.body.id}/submission`, { answers });
    expect(graded.body.passed).toBe(true);

    const summary = await api<{ enrolled: number; started: number; completed: number; overdue: number; completionRate: number; averageFinalScore: number | null }>(
      h, manager.auth, 'GET', `/api/cohorts/${cohortId}/summary`,
    );
    expect(summary.status).toBe(200);
    expect(summary.body.completed).toBe(1);

    const page = await managerContext.newPage();
    await withFailureDump(page, 'dashboard', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}`);
      await page.locator('dl.stats').waitFor();
      const shown = Object.fromEntries(
        await page.locator('dl.stats .stat').evaluateAll((stats) => stats.map((s) => [s.querySelector('dt')?.textContent?.trim() ?? '', s.querySelector('dd')?.textContent?.trim() ?? ''])),
      ) as Record<string, string>;
      const number = new Intl.NumberFormat('en');
      const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
      expect(shown).toEqual({
        Enrolled: number.format(summary.body.enrolled),
        Started: number.format(summary.body.started),
        Completed: number.format(summary.body.completed),
        Overdue: number.format(summary.body.overdue),
        'Completion rate': percent.format(summary.body.completionRate),
        'Average final score': summary.body.averageFinalScore === null ? expect.any(String) : percent.format(summary.body.averageFinalScore / 100),
      });
      await page.getByRole('heading', { level: 2, name: 'Completion funnel' }).waitFor();
      await check(page, 'cohort dashboard');
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/learners`);
      await page.getByRole('rowheader', { name: /Clara Complete/ }).waitFor();
      await check(page, 'cohort learners table');
    });
    await page.close();

    // The worker issues the certificate of the completed learner.
    const cert = await eventually(async () => {
      const rows: { number: string; verification_code: string }[] = await h.t.db.query(
        `SELECT c.number, d.verification_code FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
        [doneEnrolment],
      );
      return rows[0];
    }, 30_000, 'the certificate');
    certificateCode = cert.verification_code;
    certificateNumber = cert.number;
  }, 90_000);

  it('a manager finds a certificate by number and revokes it with a reason; the public page then says "revoked"', async () => {
    expect(certificateNumber).not.toBe('');
    const page = await managerContext.newPage();
    const reason = 'Issued to the wrong person';
    await withFailureDump(page, 'revoke', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/certificates`);
      await page.getByRole('searchbox', { name: 'Find a certificate' }).fill(certificateNumber);
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      const row = page.locator('tr').filter({ hasText: certificateNumber });
      await row.first().waitFor();
      await row.first().getByRole('button', { name: /^Revoke/ }).click();
      await page.getByLabel('Reason for the revocation').fill(reason);
      await check(page, 'certificate administration (revoke form)');
      await page.getByRole('button', { name: 'Revoke the certificate' }).click();
      await page.getByText(`Certificate ${certificateNumber} has been revoked.`).waitFor();
    });
    await page.close();

    const verified = await api<{ status: string; revocationReason?: string }>(h, '', 'GET', `/api/verify/${encodeURIComponent(certificateCode)}`);
    expect(verified.body).toMatchObject({ status: 'revoked', revocationReason: reason });

    const anonymous = await h.browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en-GB' });
    const verifier = await anonymous.newPage();
    await verifier.goto(`${h.baseUrl}/verify/${encodeURIComponent(certificateCode)}`);
    await verifier.getByRole('heading', { level: 1, name: 'Revoked certificate' }).waitFor();
    const text = await verifier.locator('main').innerText();
    expect(text).toContain('It is no longer valid');
    expect(text).toContain(reason);
    expect(text).not.toContain('Valid certificate');
    await check(verifier, 'verification (revoked)');
    await anonymous.close();
  }, 60_000);

  it('the staff pages visited show zero axe violations for the WCAG 2.2 AA rules', () => {
    expect(checked.length).toBeGreaterThanOrEqual(7);
    expect(axeProblems).toEqual([]);
  });
});

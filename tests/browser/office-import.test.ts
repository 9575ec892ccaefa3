import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';
import { axeViolations, type BrowserHarness, settled, signedInContext, startHarness, untilTrueInPage, withFailureDump } from './support/harness.js';

const win1252 = (text: string): Buffer => Buffer.from([...text].map((c) => c.charCodeAt(0)));

/** Issue 18 in Chromium: the import mapping with a semicolon CSV and with an XLSX; the reminder schedule. */
describe('training office in Chromium (issue 18)', () => {
  let h: BrowserHarness;
  let manager: TestUser;
  let organizationId: string;
  let cohortId: string;
  let context: BrowserContext;
  const axeProblems: string[] = [];

  async function check(page: Page, label: string): Promise<void> {
    await settled(page);
    axeProblems.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));
  }

  beforeAll(async () => {
    h = await startHarness();
    const author = await createUser(h.t, { platformRoles: ['author'] });
    manager = await createUser(h.t, { name: 'Heidi Office' });
    organizationId = await createOrganization(h.t, unique('Spital'));
    await addMember(h.t, organizationId, manager.id, 'manager');
    const course = await createPublishedCourse(h.t, { authorId: author.id, title: unique('Händehygiene') });
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    cohortId = await createCohort(h.t, { organizationId, courseId: course.courseId, dueOn: due, name: unique('Pflege 2026') });
    context = await signedInContext(h, manager.id, { width: 1280, height: 900 });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a de-CH semicolon CSV in Windows-1252: encoding, separator and mapping shown; a bad line named; enrolled on confirm', async () => {
    const page = await context.newPage();
    const a = `${unique('jm')}@example.test`;
    await withFailureDump(page, 'office-csv', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/enrol`);
      await page.locator('#enrol-csv-file').setInputFiles({
        name: 'personal.csv',
        mimeType: 'text/csv',
        buffer: win1252(`Personalnummer;Vorname;Nachname;E-Mail\r\n4711;Jürg;Müller;${a}\r\n4712;Anna;Kälin;kein-mail\r\n`),
      });
      await page.getByRole('button', { name: 'Check the file' }).click();
      await page.getByRole('heading', { name: 'Which column holds what' }).waitFor();
      await page.getByText(/Encoding: Windows-1252 \(Western European/).waitFor();
      await page.getByText('Separator: semicolon').waitFor();
      await expect(page.getByLabel('E-mail', { exact: true }).inputValue()).resolves.toBe('3');
      await expect(page.getByLabel('First name').inputValue()).resolves.toBe('1');
      await expect(page.getByLabel('Employee number').inputValue()).resolves.toBe('0');
      await page.getByRole('cell', { name: 'Jürg Müller' }).waitFor();
      await page.getByText('Ready to enrol: 1. Already enrolled: 0. Lines with a problem: 1.').waitFor();
      await check(page, 'import mapping (CSV)');
      await page.getByRole('button', { name: 'Enrol 1 learner' }).click();
      await page.getByText('Enrolled: 1. Already enrolled: 0. Lines with a problem: 1.').waitFor();
    });
    await page.close();
  }, 60_000);

  it('an XLSX with unrecognised headers: the manager maps the columns and checks again', async () => {
    const page = await context.newPage();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.addRow(['A', 'B', 'C']);
    const c = `${unique('it')}@example.test`;
    sheet.addRow(['Rossi', 'Maria', c]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await withFailureDump(page, 'office-xlsx', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/enrol`);
      await page.locator('#enrol-csv-file').setInputFiles({ name: 'export.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
      await page.getByRole('button', { name: 'Check the file' }).click();
      // Without an e-mail column the server refuses the proposal: the error names the header rule.
      await page.getByText(/a column named email is required/).waitFor();
    });
    await page.close();
  }, 60_000);

  it('the reminder schedule: shown, changed, and what went out per step is visible', async () => {
    const page = await context.newPage();
    await withFailureDump(page, 'office-reminders', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/reminders`);
      await page.getByRole('heading', { level: 2, name: 'Reminders' }).waitFor();
      // The form is filled from GET /api/cohorts/:id/reminders once it answers.
      await untilTrueInPage(page, "document.getElementById('reminders-invitation')?.value === '7'");
      await expect(page.getByLabel('Remind an unaccepted invitation after (days)').inputValue()).resolves.toBe('7');
      await page.getByLabel('"Due soon" reminder (days before the due date)').fill('10');
      await page.getByRole('button', { name: 'Save schedule' }).click();
      await page.getByText('Schedule saved.').waitFor();
      await page.getByRole('rowheader', { name: 'Due soon' }).waitFor();
      await check(page, 'reminders tab');
      const rows: { due_soon_days: number }[] = await h.t.db.query(`SELECT due_soon_days FROM cohorts WHERE id = $1`, [cohortId]);
      expect(rows[0]!.due_soon_days).toBe(10);
    });
    await page.close();
    expect(axeProblems).toEqual([]);
  }, 60_000);
});

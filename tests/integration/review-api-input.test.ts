/**
 * Outside review (rvapi): bad input that reached a 500, a blocked process or a lost upload, now a
 * clear 4xx naming the problem. Each case was found by a sweep of every OpenAPI operation.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';
import { expectErrorShape, ip, messageOf } from '../support/security.js';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs') as typeof import('exceljs');
const JSZip = require('jszip') as typeof import('jszip');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let manager: TestUser;
let author: TestUser;
let orgId: string;
let cohortId: string;

beforeAll(async () => {
  t = await startTestApp();
  author = await createUser(t, { platformRoles: ['author'] });
  manager = await createUser(t);
  orgId = await createOrganization(t, unique('Review input'));
  await addMember(t, orgId, manager.id, 'manager');
  const course = await createPublishedCourse(t, { authorId: author.id });
  cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
});
afterAll(async () => {
  await t?.close();
});

describe('numbers too large for JavaScript are 400s naming the field, not SQL errors', () => {
  it.each([
    ['progress page', () => `/api/cohorts/${cohortId}/progress?page=99999999999999999999`, 'page'],
    ['overdue page', () => `/api/cohorts/${cohortId}/overdue?page=99999999999999999999`, 'page'],
    ['audit cursor', () => `/api/organizations/${orgId}/audit-events?before=99999999999999999999`, 'before'],
  ])('%s → 400', async (_label, url, field) => {
    const res = await t.http.get(url()).set('Authorization', manager.auth).set('X-Forwarded-For', ip());
    expectErrorShape(res, 400);
    expect(messageOf(res)).toContain(field);
    expect(messageOf(res)).toContain('out of range');
  });

  it('the largest exact integer still pages (an empty page, not an error)', async () => {
    const res = await t.http.get(`/api/cohorts/${cohortId}/progress?page=9007199254740991`).set('Authorization', manager.auth).set('X-Forwarded-For', ip());
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([]);
  });
});

describe('null where the API takes no null', () => {
  it('PATCH /api/organizations/:orgId {name: null} → 400 naming name; the name is kept', async () => {
    const before = await t.db.query(`SELECT name FROM organizations WHERE id = $1`, [orgId]);
    const res = await t.http.patch(`/api/organizations/${orgId}`).set('Authorization', manager.auth).set('X-Forwarded-For', ip()).send({ name: null });
    expectErrorShape(res, 400);
    expect(messageOf(res)).toContain('name');
    expect(await t.db.query(`SELECT name FROM organizations WHERE id = $1`, [orgId])).toEqual(before);
  });

  it('a choice question with acceptedAnswers: null is stored like one without (POST /api/modules/:id/quizzes)', async () => {
    const course = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: 'Null answers', locale: 'en' });
    const mod = await t.http.post(`/api/courses/${course.body.id}/modules`).set('Authorization', author.auth).send({ title: 'M' });
    const res = await t.http
      .post(`/api/modules/${mod.body.id}/quizzes`)
      .set('Authorization', author.auth)
      .send({
        title: 'Q',
        passMark: 50,
        questions: [{ prompt: 'Kind?', kind: 'single', acceptedAnswers: null, options: [{ text: 'yes', correct: true }, { text: 'no', correct: false }] }],
      });
    expect(res.status).toBe(201);
  });

  it('a short-text question with acceptedAnswers: null → 400 saying it needs an accepted answer', async () => {
    const course = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: 'Null answers 2', locale: 'en' });
    const mod = await t.http.post(`/api/courses/${course.body.id}/modules`).set('Authorization', author.auth).send({ title: 'M' });
    const res = await t.http
      .post(`/api/modules/${mod.body.id}/quizzes`)
      .set('Authorization', author.auth)
      .send({ title: 'Q', passMark: 50, questions: [{ prompt: 'Say kind', kind: 'short-text', acceptedAnswers: null, options: [] }] });
    expectErrorShape(res, 400);
    expect(messageOf(res)).toContain('accepted answer');
  });
});

describe('spreadsheet uploads', () => {
  it('a quote typed inside an unquoted CSV field does not cost the other lines', async () => {
    const a = `${unique('quote-a')}@example.test`;
    const b = `${unique('quote-b')}@example.test`;
    const res = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments`)
      .set('Authorization', manager.auth)
      .set('Content-Type', 'text/csv')
      .send(`email,name\n${a},Anna "Nan" Rossi\n${b},Bruno Bianchi\n`);
    expect(res.status).toBe(200);
    expect(res.body.enrolled).toBe(2);
    const rows: { name: string }[] = await t.db.query(`SELECT name FROM users WHERE lower(email) = lower($1)`, [a]);
    expect(rows[0]?.name).toBe('Anna "Nan" Rossi');
  });

  async function workbook(rows: number, same: boolean): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('People');
    ws.addRow(['email', 'name']);
    ws.addRow(['one@example.test', 'One']);
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const sheet = Object.keys(zip.files).find((f) => /worksheets\/sheet1\.xml$/.test(f))!;
    const xml = await zip.file(sheet)!.async('string');
    const row = (i: number) => (same ? '<row><c t="inlineStr"><is><t>e@x.test</t></is></c></row>' : `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>e${i}@x.test</t></is></c></row>`);
    zip.file(sheet, xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${Array.from({ length: rows }, (_, i) => row(i + 1)).join('')}</sheetData>`));
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }

  it('an XLSX that unpacks to hundreds of megabytes is refused with 413 by the unpacking bound (its own message), before ExcelJS reads it', async () => {
    const bomb = await workbook(2_000_000, true); // ≈ 330 KB packed, ≈ 110 MB of sheet XML
    expect(bomb.length).toBeLessThan(1_000_000);
    const res = await t.http.post(`/api/cohorts/${cohortId}/enrolments?dryRun=true`).set('Authorization', manager.auth).set('Content-Type', XLSX).send(bomb);
    expectErrorShape(res, 413);
    expect(messageOf(res)).toContain('unpacks to more than 64 MB');
    expect(messageOf(res)).toContain('export it as CSV');
  }, 60_000);

  it('an ordinary XLSX of a few thousand lines is still read', async () => {
    const res = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?dryRun=true`)
      .set('Authorization', manager.auth)
      .set('Content-Type', XLSX)
      .send(await workbook(3_000, false));
    expect(res.status).toBe(200);
    expect(res.body.spreadsheet.format).toBe('xlsx');
  }, 60_000);
});

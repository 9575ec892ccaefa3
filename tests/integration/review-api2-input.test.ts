/**
 * Outside review, second round (rvapi2): bad input gets one clear 4xx naming the problem in the
 * caller's language, and nothing accepted is lost — pupils from an Excel workbook, a CSV line with
 * a misplaced quote costing only that line, no binary echoed back, one message for a missing field,
 * and spreadsheet bodies described as bytes in the OpenAPI document.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';
import { expectErrorShape, ip, messageOf } from '../support/security.js';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs') as typeof import('exceljs');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

let t: TestApp;
let manager: TestUser;
let cohortId: string;

beforeAll(async () => {
  t = await startTestApp();
  const author = await createUser(t, { platformRoles: ['author'] });
  manager = await createUser(t);
  const orgId = await createOrganization(t, unique('Review input 2'));
  await addMember(t, orgId, manager.id, 'manager');
  const course = await createPublishedCourse(t, { authorId: author.id });
  cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
});
afterAll(async () => {
  await t?.close();
});

const pupils = (body: string | Buffer, type: string, lang = 'en') =>
  t.http.post(`/api/cohorts/${cohortId}/pupils`).set('Authorization', manager.auth).set('X-Forwarded-For', ip()).set('Accept-Language', lang).set('Content-Type', type).send(body);
const pupilNames = async (prefix: string): Promise<{ name: string; class_name: string | null }[]> =>
  t.db.query(`SELECT name, class_name FROM users WHERE is_pupil AND name LIKE $1 ORDER BY name`, [`${prefix}%`]);

describe('POST /api/cohorts/:id/pupils reads spreadsheets as the enrolments upload does', () => {
  it('an Excel workbook with German headers (Vorname, Nachname, Klasse): pupils created, a bad row reported by its row', async () => {
    const tag = unique('Xl');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('3B');
    ws.addRow(['Vorname', 'Nachname', 'Klasse']);
    ws.addRow([`${tag} Anna`, 'Rossi', '3B']);
    ws.addRow(['', '', '3B']);
    ws.addRow([`${tag} Jürg`, 'Müller', '3C']);
    const res = await pupils(Buffer.from(await wb.xlsx.writeBuffer()), XLSX, 'de-CH');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ created: 2, errors: [{ line: 3, message: 'der Name fehlt' }], jobId: expect.any(String) });
    expect(await pupilNames(tag)).toEqual([
      { name: `${tag} Anna Rossi`, class_name: '3B' },
      { name: `${tag} Jürg Müller`, class_name: '3C' },
    ]);
  });

  it('a semicolon CSV in Windows-1252, as Excel writes it, is read too', async () => {
    const tag = unique('Win');
    const res = await pupils(Buffer.from(`Name;Klasse\r\n${tag} Zoé;4A\r\n`, 'latin1'), 'text/csv');
    expect(res.status).toBe(201);
    expect(await pupilNames(tag)).toEqual([{ name: `${tag} Zoé`, class_name: '4A' }]);
  });

  it('binary sent as text/csv is a 415 naming the accepted types, and no byte of it comes back', async () => {
    const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + 11) % 256));
    const res = await pupils(binary, 'text/csv');
    expectErrorShape(res, 415);
    expect(messageOf(res)).toContain('text/csv');
    expect(messageOf(res)).toContain('.xlsx');
    expect(messageOf(res)).not.toMatch(CONTROL);
  });
});

describe('a CSV line that cannot be read costs only that line', () => {
  it('pupils: a quote after a quoted field is a line error in the caller’s language; the other lines are created', async () => {
    const tag = unique('Q');
    const res = await pupils(`name,class\n"${tag} Rossi" Anna,3B\n${tag} Bo,3C\n"${tag} Cy,3D\n${tag} Dee,3E\n`, 'text/csv', 'it');
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(2);
    expect(res.body.errors).toEqual([
      { line: 2, message: expect.stringContaining('metti tra virgolette tutta la cella') },
      { line: 4, message: 'le virgolette aperte in questa riga non vengono mai chiuse' },
    ]);
    expect((await pupilNames(tag)).map((p) => p.name)).toEqual([`${tag} Bo`, `${tag} Dee`]);
  });

  it('pupils: a line with control characters is a line error that does not quote it', async () => {
    const tag = unique('Ctl');
    const res = await pupils(`name,class\n${tag} A\u0007\u001b[2J,3B\n${tag} B,3B\n`, 'text/csv');
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(1);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].line).toBe(2);
    expect(res.body.errors[0].message).not.toMatch(CONTROL);
  });

  it('enrolments: the unreadable line is a line error in the caller’s language (without csv-parse’s English or the cell), every other line counts', async () => {
    const res = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?dryRun=true`)
      .set('Authorization', manager.auth)
      .set('Accept-Language', 'fr')
      .set('Content-Type', 'text/csv')
      .send('email,name\nanna@x.test,"Verdi" Anna\nbo@x.test,Bo\n');
    expect(res.status).toBe(200);
    const errors = res.body.errors as { line: number; message: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(2);
    expect(errors[0]!.message).toContain('guillemet');
    expect(errors[0]!.message).not.toMatch(/Invalid|Closing|Verdi/);
    expect(res.body.spreadsheet.preview).toEqual([expect.objectContaining({ line: 3, email: 'bo@x.test' })]);
  });
});

describe('one message for a missing or mistyped field', () => {
  it('PUT /api/me/certificate-name without certificateName: one message naming the field, not four', async () => {
    const res = await t.http.put('/api/me/certificate-name').set('Authorization', manager.auth).set('X-Forwarded-For', ip()).set('Accept-Language', 'it').send({});
    expectErrorShape(res, 400);
    const messages = ([] as string[]).concat(res.body.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('certificateName');
  });

  it('with a number: only the type problem', async () => {
    const res = await t.http.put('/api/me/certificate-name').set('Authorization', manager.auth).set('X-Forwarded-For', ip()).send({ certificateName: 5 });
    expectErrorShape(res, 400);
    expect(res.body.message).toEqual(['certificateName must be a string']);
  });
});

describe('the OpenAPI document describes spreadsheet bodies as bytes', () => {
  it.each(['/api/cohorts/{id}/pupils', '/api/cohorts/{id}/enrolments'])('%s: CSV, TSV and XLSX as string/binary; JSON as the object', async (path) => {
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, { post: { requestBody: { content: Record<string, { schema: { type?: string; format?: string } }> } } }> };
    const content = doc.paths[path]!.post.requestBody.content;
    for (const type of ['text/csv', 'text/tab-separated-values', XLSX]) expect(content[type]?.schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(content['application/json']?.schema.type).toBe('object');
  });
});

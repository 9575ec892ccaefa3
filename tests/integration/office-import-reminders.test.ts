import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { TestingModule } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';
import { ReminderSweep } from '../../apps/worker/src/reminders/reminder-sweep.service.js';
import { SendReminderHandler } from '../../apps/worker/src/reminders/send-reminder.handler.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY = 86_400_000;
const win1252 = (text: string): Buffer => Buffer.from([...text].map((c) => c.charCodeAt(0)));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

interface Mail {
  to: string;
  raw: string;
}

/** Issue 18, points 1 and 2: spreadsheets in as people have them; reminders out exactly once per step. */
describe('training office: spreadsheet imports and reminders', () => {
  let t: TestApp;
  let author: TestUser;
  let manager: TestUser;
  let orgId: string;
  let config: KindlingConfig;
  let smtp: SMTPServer;
  const mails: Mail[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t);
    orgId = await createOrganization(t, 'Spital Nord');
    await addMember(t, orgId, manager.id, 'manager');
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    config = { ...t.app.get<KindlingConfig>(KINDLING_CONFIG), smtpUrl: `smtp://127.0.0.1:${port}` };
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await t.close();
  });

  async function freshCohort(dueOn: string | null = null): Promise<string> {
    const course = await createPublishedCourse(t, { authorId: author.id, title: 'Händehygiene' });
    return createCohort(t, { organizationId: orgId, courseId: course.courseId, dueOn });
  }

  it('a de-CH Excel CSV (semicolons, Windows-1252, HR headers) is previewed with its encoding, mapping and German line errors', async () => {
    const cohortId = await freshCohort();
    const a = `${unique('jm')}@example.test`;
    const file = win1252(`Personalnummer;Vorname;Nachname;E-Mail;Station\r\n4711;Jürg;Müller;${a};Chirurgie\r\n4712;Anna;Kälin;kein-mail;Notfall\r\n`);
    const dry = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?dryRun=true`)
      .set('Authorization', manager.auth)
      .set('Accept-Language', 'de-CH')
      .set('Content-Type', 'text/csv')
      .send(file)
      .expect(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      enrolled: 1,
      errors: [{ line: 3, message: '«kein-mail» ist keine gültige E-Mail-Adresse' }],
      spreadsheet: {
        format: 'csv',
        encoding: 'windows-1252',
        delimiter: ';',
        header: ['Personalnummer', 'Vorname', 'Nachname', 'E-Mail', 'Station'],
        mapping: { employeeNumber: 0, firstName: 1, lastName: 2, email: 3, group: 4 },
        lines: 2,
        preview: [{ line: 2, email: a, name: 'Jürg Müller', employeeNumber: '4711', group: 'Chirurgie' }],
      },
    });
    await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).set('Content-Type', 'text/csv').send(file).expect(200);
    const names = await t.db.query(`SELECT u.name FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.cohort_id = $1`, [cohortId]);
    expect(names).toEqual([{ name: 'Jürg Müller' }]);
  });

  it('UTF-16 and tab-separated CSV, and an XLSX with a chosen sheet and a corrected mapping', async () => {
    const cohortId = await freshCohort();
    const b = `${unique('fr')}@example.test`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Prénom\tNom\tCourriel\nFrançoise\tGérard\t${b}\n`, 'utf16le')]);
    const res = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?dryRun=true`)
      .set('Authorization', manager.auth)
      .set('Content-Type', 'text/csv')
      .send(utf16)
      .expect(200);
    expect(res.body.spreadsheet).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', preview: [{ email: b, name: 'Françoise Gérard' }] });

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Info').addRow(['Export 2026']);
    const sheet = workbook.addWorksheet('Personale');
    sheet.addRow(['Colonna A', 'Colonna B', 'Colonna C']);
    const c = `${unique('it')}@example.test`;
    sheet.addRow(['Rossi', 'Maria', c]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const refused = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?dryRun=true&sheet=Personale`)
      .set('Authorization', manager.auth)
      .set('Accept-Language', 'it')
      .set('Content-Type', XLSX)
      .send(bytes)
      .expect(200);
    // The preview shows what was read so the manager can map the e-mail column (the real upload refuses it).
    expect(refused.body).toMatchObject({ dryRun: true, enrolled: 0, spreadsheet: { sheet: 'Personale', header: ['Colonna A', 'Colonna B', 'Colonna C'] } });
    expect(String(refused.body.errors[0].message)).toMatch(/colonna con l'indirizzo e-mail/);
    const mapped = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?sheet=Personale&mapping=lastName:0,firstName:1,email:2`)
      .set('Authorization', manager.auth)
      .set('Content-Type', XLSX)
      .send(bytes)
      .expect(200);
    expect(mapped.body).toMatchObject({ enrolled: 1, spreadsheet: { format: 'xlsx', sheet: 'Personale', sheets: ['Info', 'Personale'] } });
    await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?mapping=email:x`)
      .set('Authorization', manager.auth)
      .set('Content-Type', XLSX)
      .send(bytes)
      .expect(400);
  });

  it('reminders: each step once per learner across restarts and redelivery, never to withdrawn or completed, in their language; opt-out stops only reminders', async () => {
    const t0 = new Date();
    const cohortId = await freshCohort(isoDay(new Date(t0.getTime() + 10 * DAY)));
    const learners = await Promise.all(['de', 'it', 'en', 'fr'].map((locale) => createUser(t, { locale, name: `L ${locale}` })));
    const invited = `${unique('inv')}@example.test`;
    await t.http
      .post(`/api/cohorts/${cohortId}/enrolments`)
      .set('Authorization', manager.auth)
      .send({ learners: [...learners.map((l) => ({ email: l.email })), { email: invited, name: 'Ines Invited', language: 'fr' }] })
      .expect(200);
    const [de, it_, withdrawn, completed] = learners;
    await t.db.query(`UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE cohort_id = $1 AND user_id = $2`, [cohortId, withdrawn!.id]);
    await t.db.query(`UPDATE enrolments SET status = 'completed', completed_at = now() WHERE cohort_id = $1 AND user_id = $2`, [cohortId, completed!.id]);

    // The schedule the manager sees and changes.
    const initial = await t.http.get(`/api/cohorts/${cohortId}/reminders`).set('Authorization', manager.auth).expect(200);
    expect(initial.body).toMatchObject({ enabled: true, invitationAfterDays: 7, dueSoonDays: 7, overdue: true, weeklyDigest: false });
    await t.http
      .put(`/api/cohorts/${cohortId}/reminders`)
      .set('Authorization', manager.auth)
      .send({ enabled: true, invitationAfterDays: 5, dueSoonDays: 7, overdue: true, weeklyDigest: false })
      .expect(200);
    await t.http
      .put(`/api/cohorts/${cohortId}/reminders`)
      .set('Authorization', manager.auth)
      .send({ enabled: true, invitationAfterDays: 0, dueSoonDays: 7, overdue: true, weeklyDigest: false })
      .expect(400);

    // Claims are counted in reminder_deliveries (never deleted): outbox rows of other processes
    // sharing this database may be dispatched and pruned while this test runs.
    const outboxOf = async (): Promise<string[]> =>
      (
        await t.db.query(
          `SELECT d.id::text AS id FROM reminder_deliveries d JOIN enrolments e ON e.id = d.enrolment_id
            WHERE e.cohort_id = $1 ORDER BY d.id`,
          [cohortId],
        )
      ).map((r: { id: string }) => r.id);
    const context = { jobId: 'test', attemptsMade: 0, progress: async () => undefined };
    /** A worker's life: built, used, closed (a restart between passes). */
    async function workerPass(now: Date): Promise<number> {
      const worker: TestingModule = await workerServices({ config });
      try {
        const before = (await outboxOf()).length;
        // Other cohorts of this file may have reminders due too: count this cohort's claims.
        expect(await worker.get(ReminderSweep).sweepOnce(now)).toBeGreaterThanOrEqual(0);
        const claimed = (await outboxOf()).length - before;
        const handler = worker.get(SendReminderHandler);
        // Every claimed reminder job delivered twice (BullMQ is at-least-once).
        for (const id of await outboxOf()) {
          await handler.handle({ deliveryId: id }, context);
          await handler.handle({ deliveryId: id }, context);
        }
        return claimed;
      } finally {
        await worker.close();
      }
    }
    const mailsTo = (email: string) => mails.filter((m) => m.to === email.toLowerCase());

    expect(await workerPass(new Date(t0.getTime() + 1 * DAY))).toBe(0); // nothing due yet
    expect(await workerPass(new Date(t0.getTime() + 6 * DAY))).toBe(4); // invitation (5 days) + due soon ×3 (due in 4 days)
    expect(await workerPass(new Date(t0.getTime() + 6 * DAY))).toBe(0); // restart, same moment
    expect(await workerPass(new Date(t0.getTime() + 8 * DAY))).toBe(0); // later, still the same steps
    expect(mailsTo(invited)).toHaveLength(2);
    expect(mailsTo(de!.email)).toHaveLength(1);
    expect(mailsTo(it_!.email)).toHaveLength(1);
    expect(mailsTo(withdrawn!.email)).toHaveLength(0);
    expect(mailsTo(completed!.email)).toHaveLength(0);
    const deMail = mailsTo(de!.email)[0]!.raw;
    expect(deMail).toMatch(/Subject: =\?UTF-8\?|Subject: .*fällig/);
    expect(deMail).toContain('/api/reminders/unsubscribe?key=');
    expect(deMail).toMatch(/List-Unsubscribe:\s*</);
    expect(deMail).toContain('Guten Tag L de,');
    expect(deMail.replace(/=\r?\n/g, '')).toMatch(/ist am \d+\. \S+ 20\d\d f=C3=A4llig/);

    // The Italian learner opts out through the link: no "overdue" reminder for them.
    const key = /unsubscribe\?key=([0-9a-f-]{36})/.exec(mailsTo(it_!.email)[0]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))![1]!;
    await t.http.get(`/api/reminders/unsubscribe?key=${key}`).expect(200);
    await t.http.post(`/api/reminders/unsubscribe?key=${key}`).expect(204);
    await t.http.post(`/api/reminders/unsubscribe?key=00000000-0000-4000-8000-000000000000`).expect(404);

    expect(await workerPass(new Date(t0.getTime() + 11 * DAY))).toBe(2); // overdue: de + invited (it opted out)
    expect(await workerPass(new Date(t0.getTime() + 30 * DAY))).toBe(0);
    expect(mailsTo(invited)).toHaveLength(3);
    expect(mailsTo(de!.email)).toHaveLength(2);
    expect(mailsTo(it_!.email)).toHaveLength(1);
    const state = await t.http.get(`/api/cohorts/${cohortId}/reminders`).set('Authorization', manager.auth).expect(200);
    expect(state.body.steps).toEqual([
      { step: 'due_soon', sent: 3, pending: 0, skipped: 0 },
      { step: 'invitation', sent: 1, pending: 0, skipped: 0 },
      { step: 'overdue', sent: 2, pending: 0, skipped: 0 },
    ]);
    // The opt-out is its own table: mandatory notices (invitations, password resets) do not read it.
    const optOuts = await t.db.query(`SELECT user_id FROM reminder_opt_outs WHERE user_id = $1`, [it_!.id]);
    expect(optOuts).toHaveLength(1);

    // Switched off: nothing more, even for a step that would be due.
    await t.http
      .put(`/api/cohorts/${cohortId}/reminders`)
      .set('Authorization', manager.auth)
      .send({ enabled: false, invitationAfterDays: null, dueSoonDays: null, overdue: false, weeklyDigest: false })
      .expect(200);
    await t.db.query(`UPDATE cohorts SET due_on = $2 WHERE id = $1`, [cohortId, isoDay(new Date(t0.getTime() + 40 * DAY))]);
    expect(await workerPass(new Date(t0.getTime() + 35 * DAY))).toBe(0);
  }, 120_000);

  it('exports for people: translated headers and statuses, local dates, semicolon for de, typed XLSX cells; the data layout is unchanged', async () => {
    const cohortId = await freshCohort(isoDay(new Date(Date.now() - 3 * DAY)));
    const learner = await createUser(t, { name: 'Zoë Keller' });
    await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).send({ learners: [{ email: learner.email }] }).expect(200);
    await t.db.query(`UPDATE enrolments SET learning_seconds = 5400 WHERE cohort_id = $1`, [cohortId]);
    const csv = await t.http
      .get(`/api/cohorts/${cohortId}/progress?format=csv&layout=people`)
      .set('Authorization', manager.auth)
      .set('Accept-Language', 'de-CH')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    const [header, row] = (csv.body as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('Name;E-Mail;Personalnummer;Klasse/Station;Status;Fortschritt (%);Lektionen abgeschlossen;Lektionen insgesamt;Bestes Schlussergebnis (%);Lernzeit (Minuten);Verlangte Lernzeit (Minuten);Abgeschlossen am;Zertifikatsnummer;Letzte Aktivität');
    expect(row).toMatch(/^Zoë Keller;[^;]+;;;Überfällig;0;0;\d+;;\d+;/);
    const fr = await t.http
      .get(`/api/cohorts/${cohortId}/progress?format=csv&layout=people&lang=fr&separator=tab`)
      .set('Authorization', manager.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect((fr.body as string).split('\r\n')[0]).toMatch(/^\uFEFFNom\tE-mail\tMatricule\tClasse\/service\tStatut\t/);
    await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv&layout=people&separator=pipe`).set('Authorization', manager.auth).expect(400);

    const xlsx = await t.http
      .get(`/api/cohorts/${cohortId}/progress?format=xlsx&layout=people&lang=it`)
      .set('Authorization', manager.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Numero di matricola');
    expect(sheet.getRow(1).getCell(4).value).toBe('Classe/reparto');
    expect(sheet.getRow(1).getCell(5).value).toBe('Stato');
    expect(sheet.getRow(2).getCell(5).value).toBe('In ritardo');
    expect(typeof sheet.getRow(2).getCell(6).value).toBe('number');
    expect(typeof sheet.getRow(2).getCell(10).value).toBe('number');

    const data = await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv`).set('Authorization', manager.auth).expect(200);
    expect(String(data.text ?? data.body).replace(/^\uFEFF/, '')).toMatch(/^name,email,status,progressPercent,/);
  });
});

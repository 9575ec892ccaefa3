import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { TestingModule } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';
import { JobName } from '@kindling/queue';
import { BulkEnrolmentHandler } from '../../apps/worker/src/bulk/bulk-enrolment.handler.js';
import { ReminderSweep } from '../../apps/worker/src/reminders/reminder-sweep.service.js';
import { SendManagerDigestHandler } from '../../apps/worker/src/reminders/send-manager-digest.handler.js';
import { SendReminderHandler } from '../../apps/worker/src/reminders/send-reminder.handler.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY = 86_400_000;

interface Mail {
  to: string;
  raw: string;
}

/** A mail's text with quoted-printable soft breaks and escapes undone (enough for the assertions here). */
const plain = (raw: string) =>
  Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

/** Issue 18, points 1, 2 and 4: the weekly digest, resent invitations, reminders by hand, bulk actions, the mapping step. */
describe('training office: digest, row and bulk actions', () => {
  let t: TestApp;
  let author: TestUser;
  let manager: TestUser;
  let otherManager: TestUser;
  /** A manager of the same organisation who never chose a language: messages follow Accept-Language. */
  let headerManager: TestUser;
  let orgId: string;
  let config: KindlingConfig;
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  const context = { jobId: 'test', attemptsMade: 0, progress: async () => undefined };
  const mailsTo = (email: string) => mails.filter((m) => m.to === email.toLowerCase());

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t, { name: 'Heidi Meier', locale: 'de' });
    otherManager = await createUser(t);
    orgId = await createOrganization(t, unique('Spital Süd'));
    await addMember(t, orgId, manager.id, 'manager');
    const otherOrg = await createOrganization(t, unique('Andere Klinik'));
    await addMember(t, otherOrg, otherManager.id, 'manager');
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
    const course = await createPublishedCourse(t, { authorId: author.id, title: 'Brandschutz' });
    return createCohort(t, { organizationId: orgId, courseId: course.courseId, dueOn });
  }

  async function enrolmentOf(cohortId: string, userId: string): Promise<string> {
    const rows: { id: string }[] = await t.db.query(`SELECT id FROM enrolments WHERE cohort_id = $1 AND user_id = $2`, [cohortId, userId]);
    return rows[0]!.id;
  }

  it('the weekly digest: once per manager, cohort and week, across restarts and redelivery, in the manager’s language; off means nothing', async () => {
    const cohortId = await freshCohort('2031-03-28');
    const secondManager = await createUser(t, { name: 'Lucia Bianchi', locale: 'it' });
    await addMember(t, orgId, secondManager.id, 'manager');
    const learner = await createUser(t);
    await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).send({ learners: [{ email: learner.email }] }).expect(200);
    await t.http
      .put(`/api/cohorts/${cohortId}/reminders`)
      .set('Authorization', manager.auth)
      .send({ enabled: true, invitationAfterDays: null, dueSoonDays: null, overdue: false, weeklyDigest: true })
      .expect(200);

    const digestsOf = async (): Promise<{ id: string; user_id: string; week_start: string }[]> =>
      t.db.query(`SELECT id::text AS id, user_id::text AS user_id, to_char(week_start, 'YYYY-MM-DD') AS week_start FROM manager_digest_deliveries WHERE cohort_id = $1 ORDER BY created_at, id`, [cohortId]);
    /** A worker's life: built, one sweep, every digest job delivered twice, closed (a restart between passes). */
    async function workerPass(now: Date): Promise<number> {
      const worker: TestingModule = await workerServices({ config });
      try {
        const before = (await digestsOf()).length;
        await worker.get(ReminderSweep).sweepOnce(now);
        const handler = worker.get(SendManagerDigestHandler);
        for (const d of await digestsOf()) {
          await handler.handle({ digestId: d.id }, context);
          await handler.handle({ digestId: d.id }, context);
        }
        return (await digestsOf()).length - before;
      } finally {
        await worker.close();
      }
    }

    const monday = new Date('2031-03-03T06:00:00Z'); // a Monday
    expect(await workerPass(monday)).toBe(2); // both managers
    expect(await workerPass(monday)).toBe(0); // restart, same moment
    expect(await workerPass(new Date(monday.getTime() + 4 * DAY))).toBe(0); // Friday: same week
    expect(mailsTo(manager.email)).toHaveLength(1);
    expect(mailsTo(secondManager.email)).toHaveLength(1);
    const de = plain(mailsTo(manager.email)[0]!.raw);
    expect(de).toContain('Guten Tag Heidi Meier,');
    expect(de).toMatch(/1 eingeschrieben, 0 abgeschlossen, 0 .berf.llig/);
    expect(de).toContain(`/manage/organizations/${orgId}/cohorts/${cohortId}`);
    expect(plain(mailsTo(secondManager.email)[0]!.raw)).toContain('Gentile Lucia Bianchi,');

    expect(await workerPass(new Date(monday.getTime() + 7 * DAY))).toBe(2); // next week: one more each
    expect(mailsTo(manager.email)).toHaveLength(2);
    expect((await digestsOf()).map((d) => d.week_start)).toEqual(['2031-03-03', '2031-03-03', '2031-03-10', '2031-03-10']);

    // A manager who lost the role gets nothing more; switched off means nothing at all.
    await t.db.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2`, [orgId, secondManager.id]);
    expect(await workerPass(new Date(monday.getTime() + 14 * DAY))).toBe(1);
    expect(mailsTo(secondManager.email)).toHaveLength(2);
    await t.http
      .put(`/api/cohorts/${cohortId}/reminders`)
      .set('Authorization', manager.auth)
      .send({ enabled: true, invitationAfterDays: null, dueSoonDays: null, overdue: false, weeklyDigest: false })
      .expect(200);
    expect(await workerPass(new Date(monday.getTime() + 21 * DAY))).toBe(0);
    expect(mailsTo(manager.email)).toHaveLength(3);
  }, 120_000);

  it('resend an invitation: 429 with a message and Retry-After when too soon, a fresh link later; accepted, withdrawn and other organisations refused', async () => {
    const cohortId = await freshCohort();
    const email = `${unique('neu')}@example.test`;
    const report = await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).send({ learners: [{ email, firstName: 'Nora', lastName: 'Neu', employeeNumber: '4711' }] }).expect(200);
    expect(report.body).toMatchObject({ enrolled: 1, invited: 1, errors: [] });
    const users: { id: string; name: string }[] = await t.db.query(`SELECT id, name FROM users WHERE email = $1`, [email]);
    expect(users[0]!.name).toBe('Nora Neu');
    const enrolmentId = await enrolmentOf(cohortId, users[0]!.id);

    const tooSoon = await t.http.post(`/api/enrolments/${enrolmentId}/invitation`).set('Authorization', manager.auth).set('Accept-Language', 'de').expect(429);
    expect(tooSoon.body.message).toContain('vor weniger als 10 Minuten');
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
    await t.http.post(`/api/enrolments/${enrolmentId}/invitation`).set('Authorization', otherManager.auth).expect(404);

    // Eleven minutes later (the invitation's time moved back): a fresh link, the old one retired.
    await t.db.query(`UPDATE one_time_tokens SET created_at = created_at - interval '11 minutes' WHERE user_id = $1`, [users[0]!.id]);
    // Unsubscribing from reminders does not stop mandatory notices: the invitation still goes.
    await t.db.query(`INSERT INTO reminder_opt_outs (user_id) VALUES ($1)`, [users[0]!.id]);
    await t.http.post(`/api/enrolments/${enrolmentId}/invitation`).set('Authorization', manager.auth).expect(200, { queued: true });
    const tokens: { used: boolean }[] = await t.db.query(
      `SELECT used_at IS NOT NULL AS used FROM one_time_tokens WHERE user_id = $1 AND kind = 'invitation' ORDER BY created_at`,
      [users[0]!.id],
    );
    expect(tokens).toEqual([{ used: true }, { used: false }]);
    // …but a reminder by hand respects the opt-out.
    const optedOut = await t.http.post(`/api/enrolments/${enrolmentId}/reminder`).set('Authorization', manager.auth).expect(409);
    // Heidi chose German: the contract's language rule puts her choice before any Accept-Language.
    expect(optedOut.body.message).toMatch(/abbestellt/);

    // Someone who accepted has nothing to resend; a withdrawn learner is re-enrolled first.
    const accepted = await createUser(t);
    await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).send({ learners: [{ email: accepted.email }] }).expect(200);
    const acceptedEnrolment = await enrolmentOf(cohortId, accepted.id);
    await t.http.post(`/api/enrolments/${acceptedEnrolment}/invitation`).set('Authorization', manager.auth).expect(409);
    await t.http.post(`/api/enrolments/${enrolmentId}/withdrawal`).set('Authorization', manager.auth).expect(200);
    await t.http.post(`/api/enrolments/${enrolmentId}/invitation`).set('Authorization', manager.auth).expect(409);
  }, 60_000);

  it('remind by hand and in bulk: never withdrawn or completed learners, once a day each, one e-mail per reminder across redelivery; withdraw a filter; export a selection', async () => {
    // Joins only now, so the digest test above counts its two managers.
    headerManager = await createUser(t);
    await addMember(t, orgId, headerManager.id, 'manager');
    const cohortId = await freshCohort('2031-06-30');
    const learners = await Promise.all(['fr', 'de', 'it', 'en'].map((locale) => createUser(t, { locale, name: `${unique('Person')} ${locale}` })));
    await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).send({ learners: learners.map((l) => ({ email: l.email })) }).expect(200);
    const [fr, de, withdrawn, completed] = learners;
    const ids = await Promise.all(learners.map((l) => enrolmentOf(cohortId, l.id)));
    await t.db.query(`UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1`, [ids[2]]);
    await t.db.query(`UPDATE enrolments SET status = 'completed', completed_at = now() WHERE id = $1`, [ids[3]]);

    await t.http.post(`/api/enrolments/${ids[0]}/reminder`).set('Authorization', manager.auth).expect(200, { queued: true });
    const again = await t.http.post(`/api/enrolments/${ids[0]}/reminder`).set('Authorization', headerManager.auth).set('Accept-Language', 'fr').expect(429);
    expect(again.body.message).toContain('il y a moins de 24 heures');
    const againForHeidi = await t.http.post(`/api/enrolments/${ids[0]}/reminder`).set('Authorization', manager.auth).set('Accept-Language', 'fr').expect(429);
    expect(againForHeidi.body.message).toContain('vor weniger als 24 Stunden');
    await t.http.post(`/api/enrolments/${ids[2]}/reminder`).set('Authorization', manager.auth).expect(409);
    await t.http.post(`/api/enrolments/${ids[3]}/reminder`).set('Authorization', manager.auth).expect(409);
    await t.http.post(`/api/enrolments/${ids[1]}/reminder`).set('Authorization', otherManager.auth).expect(404);

    // Bulk on a selection: only the active learner not reminded today gets one.
    const bulk = await t.http
      .post(`/api/cohorts/${cohortId}/learner-actions`)
      .set('Authorization', manager.auth)
      .send({ action: 'remind', enrolmentIds: ids })
      .expect(200);
    expect(bulk.body).toEqual({ action: 'remind', matched: 4, done: 1, skipped: 3 });
    const empty = await t.http.post(`/api/cohorts/${cohortId}/learner-actions`).set('Authorization', headerManager.auth).set('Accept-Language', 'it').send({ action: 'remind' }).expect(400);
    expect(empty.body.message).toContain('Scegli le persone');
    await t.http.post(`/api/cohorts/${cohortId}/learner-actions`).set('Authorization', otherManager.auth).send({ action: 'remind', enrolmentIds: ids }).expect(404);
    await t.http.post(`/api/cohorts/${cohortId}/learner-actions`).set('Authorization', manager.auth).send({ action: 'delete', enrolmentIds: ids }).expect(400);

    // The worker sends each once, even when a job is delivered twice; a restart changes nothing.
    const deliveries: { id: string }[] = await t.db.query(
      `SELECT d.id::text AS id FROM reminder_deliveries d JOIN enrolments e ON e.id = d.enrolment_id WHERE e.cohort_id = $1 AND d.step = 'manual'`,
      [cohortId],
    );
    expect(deliveries).toHaveLength(2);
    for (let pass = 0; pass < 2; pass++) {
      const worker = await workerServices({ config });
      try {
        for (const d of deliveries) await worker.get(SendReminderHandler).handle({ deliveryId: d.id }, context);
      } finally {
        await worker.close();
      }
    }
    expect(mailsTo(fr!.email)).toHaveLength(1);
    expect(mailsTo(de!.email)).toHaveLength(1);
    expect(mailsTo(withdrawn!.email)).toHaveLength(0);
    expect(mailsTo(completed!.email)).toHaveLength(0);
    const deMail = plain(mailsTo(de!.email)[0]!.raw);
    expect(deMail).toMatch(/erinnert Sie an den Kurs .Brandschutz., f.llig am 30\. Juni 2031/);
    expect(deMail).toContain('/api/reminders/unsubscribe?key=');

    // Export a selection (people layout) and withdraw everyone a filter matches.
    const csv = await t.http
      .get(`/api/cohorts/${cohortId}/progress?format=csv&layout=people&lang=de&ids=${ids[0]},${ids[1]}`)
      .set('Authorization', manager.auth)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => done(null, body));
      })
      .expect(200);
    expect((csv.body as string).replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(3);
    await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv&ids=nope`).set('Authorization', manager.auth).expect(400);
    const withdrawal = await t.http
      .post(`/api/cohorts/${cohortId}/learner-actions`)
      .set('Authorization', manager.auth)
      .send({ action: 'withdraw', status: 'active' })
      .expect(200);
    expect(withdrawal.body).toEqual({ action: 'withdraw', matched: 2, done: 2, skipped: 0 });
    const audit: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.withdrawn' AND subject_id = ANY($1::text[])`,
      [[ids[0], ids[1]]],
    );
    expect(audit[0]!.n).toBe(2);
  }, 90_000);

  it('the mapping step: an XLSX without a recognisable e-mail column is previewed (header, sheets, proposal) for the manager to map', async () => {
    const cohortId = await freshCohort();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notizen').addRow(['nichts']);
    const sheet = workbook.addWorksheet('Personal');
    sheet.addRow(['Spalte A', 'Vorname', 'Nachname']);
    sheet.addRow([`${unique('x')}@example.test`, 'Maria', 'Rossi']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?dryRun=true&sheet=Personal`)
      .set('Authorization', manager.auth)
      .set('Accept-Language', 'de')
      .set('Content-Type', XLSX)
      .send(buffer)
      .expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, enrolled: 0, errors: [{ line: 1 }] });
    expect(dry.body.spreadsheet).toMatchObject({ format: 'xlsx', sheet: 'Personal', sheets: ['Notizen', 'Personal'], header: ['Spalte A', 'Vorname', 'Nachname'], mapping: { firstName: 1, lastName: 2 } });
    expect(dry.body.spreadsheet.mapping.email).toBeUndefined();
    const mapped = await t.http
      .post(`/api/cohorts/${cohortId}/enrolments?dryRun=true&sheet=Personal&mapping=email:0,firstName:1,lastName:2`)
      .set('Authorization', manager.auth)
      .set('Content-Type', XLSX)
      .send(buffer)
      .expect(200);
    expect(mapped.body).toMatchObject({ enrolled: 1, errors: [] });
    expect(mapped.body.spreadsheet.preview[0]).toMatchObject({ name: 'Maria Rossi' });
    // Not a dry run: the missing column is still refused, and another organisation's manager sees nothing.
    await t.http.post(`/api/cohorts/${cohortId}/enrolments?sheet=Personal`).set('Authorization', manager.auth).set('Content-Type', XLSX).send(buffer).expect(400);
    await t.http.post(`/api/cohorts/${cohortId}/enrolments?dryRun=true&sheet=Personal`).set('Authorization', otherManager.auth).set('Content-Type', XLSX).send(buffer).expect(404);
  }, 60_000);
  it('20,000 lines of a de-CH Excel CSV (semicolons, Windows-1252, HR headers) still go through the worker', async () => {
    const cohortId = await freshCohort();
    const tag = unique('hr');
    const lines = ['Personalnummer;Vorname;Nachname;E-Mail', ...Array.from({ length: 20_000 }, (_, i) => `${i};Jürg;Müller ${i};${tag}-${i}@example.test`)];
    const file = Buffer.from([...lines.join('\r\n')].map((c) => c.charCodeAt(0)));
    const res = await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).set('Content-Type', 'text/csv').send(file).expect(202);
    const jobId: string = res.body.jobId;
    // The test is the worker here: take the job's outbox row so no running worker takes it too.
    await t.db.query(`DELETE FROM outbox WHERE topic = $1 AND dedupe_key = $2 AND dispatched_at IS NULL`, [JobName.BulkEnrolment, jobId]);
    const worker = await workerServices({ config });
    try {
      await worker.get(BulkEnrolmentHandler).handle({ jobId }, context);
    } finally {
      await worker.close();
    }
    const done = await t.http.get(`/api/jobs/${jobId}`).set('Authorization', manager.auth).expect(200);
    expect(done.body).toMatchObject({ status: 'done', total: 20_000, processed: 20_000, report: { enrolled: 20_000, errors: [] } });
    const named: { name: string }[] = await t.db.query(`SELECT u.name FROM users u WHERE u.email = $1`, [`${tag}-19999@example.test`]);
    expect(named[0]!.name).toBe('Jürg Müller 19999');
    // Leave no load behind for the other files of the run (they share the database, and their
    // workers and time-moved sweeps would take these up): no reminders for this cohort, and its
    // 20,000 invitation e-mails are not sent.
    await t.db.query(`UPDATE cohorts SET reminders_enabled = false WHERE id = $1`, [cohortId]);
    // The 20,000 rows just written are not analysed yet: without fresh statistics the planner takes
    // the cohort for one enrolment and rescans the outbox per token (past the 30 s statement timeout).
    await t.db.query(`ANALYZE enrolments, one_time_tokens, outbox`);
    await t.db.query(
      `DELETE FROM outbox o USING one_time_tokens tk JOIN enrolments e ON e.user_id = tk.user_id
        WHERE e.cohort_id = $1 AND o.topic = 'email.send' AND o.dispatched_at IS NULL AND o.payload->>'tokenId' = tk.id::text`,
      [cohortId],
    );
  }, 120_000);
});

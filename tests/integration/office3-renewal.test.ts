import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { RecertificationRepository } from '@kindling/db';
import { PersonErasure } from '@kindling/enrolment';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { RenewalSweep } from '../../apps/worker/src/reminders/renewal-sweep.service.js';
import { SendReminderHandler } from '../../apps/worker/src/reminders/send-reminder.handler.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { workerServices } from '../support/worker.js';

const DAY = 86_400_000;
const context = { jobId: 'test', attemptsMade: 0, progress: async () => undefined };

/**
 * Issue 18 point 3: renewal rounds. RENEWAL_LEAD_DAYS before a certificate expires, the worker
 * enrols its holder again (current published version, same cohort, next round, due on the expiry
 * day) and sends one 'renewal' e-mail in the learner's language — exactly once per certificate,
 * whatever restarts, repeated passes or concurrent workers do.
 */
describe('renewal rounds', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let config: KindlingConfig;
  let manager: TestUser;
  let orgId: string;
  let course: Awaited<ReturnType<typeof createPublishedCourse>>;
  let cohortId: string;
  const workers: TestingModule[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    smtp = await startTestSmtp();
    config = { ...t.app.get<KindlingConfig>(KINDLING_CONFIG), smtpUrl: smtp.url, renewalLeadDays: 30 };
    manager = await createUser(t);
    orgId = await createOrganization(t, unique('Spital'));
    await addMember(t, orgId, manager.id, 'manager');
    const author = await createUser(t, { platformRoles: ['author'] });
    course = await createPublishedCourse(t, { authorId: author.id, title: unique('Kind at the bedside') });
    cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId, name: unique('Ward 7') });
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await smtp?.close();
    await t?.close();
  });

  async function worker(): Promise<TestingModule> {
    const w = await workerServices({ config });
    workers.push(w);
    return w;
  }

  /** A learner of the cohort holding a certificate that expires `days` days after `from`. */
  async function holder(from: Date, days: number, locale = 'en'): Promise<{ user: TestUser; enrolmentId: string; certificateId: string; validUntil: Date }> {
    const user = await createUser(t, { locale, name: `Holder ${locale} ${days}` });
    await addMember(t, orgId, user.id, 'learner');
    const enrolmentId = await enrol(t, { userId: user.id, course, cohortId, organizationId: orgId });
    await complete(t, { enrolmentId, userId: user.id, course });
    const w = workers[0] ?? (await worker());
    await w.get(CertificateIssuer).issue(enrolmentId);
    const validUntil = new Date(from.getTime() + days * DAY);
    await t.db.query(`UPDATE certificates SET valid_until = $2 WHERE enrolment_id = $1`, [enrolmentId, validUntil]);
    const [c] = await t.db.query(`SELECT id FROM certificates WHERE enrolment_id = $1`, [enrolmentId]);
    return { user, enrolmentId, certificateId: (c as { id: string }).id, validUntil };
  }

  const renewalsOf = async (certificateId: string) =>
    (await t.db.query(
      `SELECT id, round, cohort_id, organization_id, course_version_id, status, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM enrolments WHERE renews_certificate_id = $1`,
      [certificateId],
    )) as { id: string; round: number; cohort_id: string; organization_id: string; course_version_id: string; status: string; due_on: string }[];

  const renewalMails = (email: string) => smtp.messages.filter((m) => m.to.includes(email.toLowerCase()) && m.text.includes('/learn/'));

  /** Sends every claimed reminder of this cohort's learners, each job delivered twice (BullMQ is at-least-once). */
  async function deliver(w: TestingModule): Promise<void> {
    const ids = (await t.db.query(
      `SELECT d.id FROM reminder_deliveries d JOIN enrolments e ON e.id = d.enrolment_id WHERE e.cohort_id = $1 AND d.step = 'renewal'`,
      [cohortId],
    )) as { id: string }[];
    const handler = w.get(SendReminderHandler);
    for (const { id } of ids) {
      await handler.handle({ deliveryId: id }, context);
      await handler.handle({ deliveryId: id }, context);
    }
  }

  it('renews certificates inside the lead window once, whatever passes, restarts and concurrent workers do; never a withdrawn learner or an erased person', async () => {
    const t0 = new Date();
    const inside = await holder(t0, 20, 'de');
    const later = await holder(t0, 50, 'fr');
    const withdrawn = await holder(t0, 10);
    const erased = await holder(t0, 12);
    const expired = await holder(t0, -3);
    await t.db.query(`UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1`, [withdrawn.enrolmentId]);
    const w1 = await worker();
    await w1.get(PersonErasure).erase(erased.user.id, null, 'request');

    // Two workers at once, then a restart (a fresh worker) and another pass at the same moment.
    const w2 = await worker();
    const passes = await Promise.all([w1.get(RenewalSweep).sweepOnce(t0), w2.get(RenewalSweep).sweepOnce(t0)]);
    expect(passes.some((n) => n >= 1)).toBe(true);
    const w3 = await worker();
    await w3.get(RenewalSweep).sweepOnce(t0);
    await w3.get(RenewalSweep).sweepOnce(new Date(t0.getTime() + DAY));

    // Without the sweep's lock: two claims racing in their own transactions still create one.
    const repo = w1.get(RecertificationRepository);
    const racing = await holder(t0, 15);
    const raced = await Promise.all(
      [0, 1, 2].map(() => t.db.transaction((em) => repo.claimRenewals(t0, 30, 1000, em))),
    );
    expect(raced.flat().filter((r) => r.renews_certificate_id === racing.certificateId)).toHaveLength(1);
    expect(await renewalsOf(racing.certificateId)).toHaveLength(1);

    const [renewal, ...more] = await renewalsOf(inside.certificateId);
    expect(more).toHaveLength(0);
    const [{ published_version_id }] = await t.db.query(`SELECT published_version_id FROM courses WHERE id = $1`, [course.courseId]);
    expect(renewal).toMatchObject({
      round: 2,
      cohort_id: cohortId,
      organization_id: orgId,
      course_version_id: published_version_id,
      status: 'active',
      due_on: inside.validUntil.toISOString().slice(0, 10),
    });
    expect(await renewalsOf(later.certificateId)).toHaveLength(0); // outside the window
    expect(await renewalsOf(withdrawn.certificateId)).toHaveLength(0);
    expect(await renewalsOf(erased.certificateId)).toHaveLength(0);
    expect(await renewalsOf(expired.certificateId)).toHaveLength(0); // expired before the feature saw it: not renewed

    // Exactly one renewal e-mail, in the learner's language, with a link to the course.
    await deliver(w3);
    await deliver(w1);
    const mails = renewalMails(inside.user.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Zertifikat zu erneuern');
    expect(mails[0]!.text).toContain('Guten Tag Holder de 20,');
    expect(mails[0]!.text).toContain(`/learn/${renewal!.id}`);
    expect(renewalMails(withdrawn.user.email!)).toHaveLength(0);

    // Time moves on: the second certificate enters the window; the first is not renewed again.
    const w4 = await worker();
    await w4.get(RenewalSweep).sweepOnce(new Date(t0.getTime() + 25 * DAY));
    await w4.get(RenewalSweep).sweepOnce(new Date(t0.getTime() + 25 * DAY));
    expect(await renewalsOf(inside.certificateId)).toHaveLength(1);
    expect(await renewalsOf(later.certificateId)).toHaveLength(1);
    await deliver(w4);
    expect(renewalMails(inside.user.email!)).toHaveLength(1);
    const fr = renewalMails(later.user.email!);
    expect(fr).toHaveLength(1);
    // The subject (now with French no-break spaces) is MIME-encoded in several words that the test
    // SMTP server does not decode; the body says the same in French.
    expect(fr[0]!.subject).toContain('renouveler');
    expect(fr[0]!.text).toContain('Votre certificat pour le cours');
    const reminders = await t.db.query(
      `SELECT count(*)::int AS n FROM reminder_deliveries d JOIN enrolments e ON e.id = d.enrolment_id WHERE e.renews_certificate_id = ANY($1::uuid[]) AND d.step = 'renewal'`,
      [[inside.certificateId, later.certificateId]],
    );
    expect(reminders[0].n).toBe(2); // one 'renewal' delivery per renewal enrolment the sweep created
  }, 120_000);

  it("the learner's home, the cohort's counts and the learners table show the renewal round; it earns its own certificate", async () => {
    const t0 = new Date();
    const h = await holder(t0, 14, 'it');
    const w = await worker();
    await w.get(RenewalSweep).sweepOnce(t0);
    const [renewal] = await renewalsOf(h.certificateId);
    expect(renewal).toBeDefined();

    const home = await t.http.get('/api/me/enrolments').set('Authorization', h.user.auth).expect(200);
    const mine = home.body as { id: string; round: number; status: string; dueOn: string | null; renewsCertificateExpiresOn: string | null; certificate: unknown }[];
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ id: renewal!.id, round: 2, status: 'active', renewsCertificateExpiresOn: h.validUntil.toISOString().slice(0, 10), dueOn: renewal!.due_on, certificate: null });
    expect(mine[1]).toMatchObject({ id: h.enrolmentId, round: 1, status: 'completed', renewsCertificateExpiresOn: null });

    // The learners table shows the person once, by the newest round; the cohort counts them once.
    const progress = await t.http.get(`/api/cohorts/${cohortId}/progress?pageSize=500`).set('Authorization', manager.auth).expect(200);
    const rows = (progress.body.rows as { userId: string; enrolmentId: string; round: number }[]).filter((r) => r.userId === h.user.id);
    expect(rows).toEqual([expect.objectContaining({ enrolmentId: renewal!.id, round: 2 })]);
    const cohort = await t.http.get(`/api/cohorts/${cohortId}`).set('Authorization', manager.auth).expect(200);
    const [{ people }] = await t.db.query(
      `SELECT count(DISTINCT user_id)::int AS people FROM enrolments WHERE cohort_id = $1 AND status <> 'withdrawn'`,
      [cohortId],
    );
    expect(cohort.body.enrolled).toBe(people);

    // Re-importing the person reports them as already enrolled (once), without touching either round.
    const again = await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).send({ learners: [{ email: h.user.email }] }).expect(200);
    expect(again.body).toMatchObject({ enrolled: 0, alreadyEnrolled: 1 });

    // The renewal round completes and earns a certificate of its own; the old one stays, and no
    // longer counts as expiring on the Certificates page.
    const expiring = async () =>
      ((await t.http.get(`/api/organizations/${orgId}/certificate-expiry`).set('Authorization', manager.auth).expect(200)).body as { expiringSoon: number }).expiringSoon;
    const before = await expiring();
    await complete(t, { enrolmentId: renewal!.id, userId: h.user.id, course });
    await w.get(CertificateIssuer).issue(renewal!.id);
    expect(await expiring()).toBe(before - 1);
    const certs = await t.db.query(`SELECT id, enrolment_id FROM certificates WHERE user_id = $1 ORDER BY issued_at`, [h.user.id]);
    expect(certs).toHaveLength(2);
    expect(certs.map((c: { enrolment_id: string }) => c.enrolment_id)).toEqual([h.enrolmentId, renewal!.id]);
  }, 120_000);
});

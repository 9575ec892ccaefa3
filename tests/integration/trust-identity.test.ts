import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger, type LoggerService } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { JobName, jobIdFor, QueueName, type EmailJobPayload } from '@kindling/queue';
import { createApiApp } from '../../apps/api/src/app.factory.js';
import { AdminBootstrapRefused } from '../../apps/api/src/identity/admin-bootstrap.service.js';
import { BulkEnroller } from '@kindling/enrolment';
import { SendEmailHandler } from '../../apps/worker/src/email/send-email.handler.js';
import { OutboxRelay } from '../../apps/worker/src/outbox/outbox-relay.service.js';
import { unique } from '../support/app.js';
import { newTestContext, type TestContext } from '../support/context.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, TEST_PASSWORD, type TestUser } from '../support/fixtures.js';
import { freePort, startProcess } from '../support/processes.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp.js';
import { eventually } from '../support/eventually.js';

/**
 * Issue #14, points 1, 2 and 6: e-mail ownership before any binding, an admin bootstrap that
 * never promotes someone else's account, and link secrets that exist only in the e-mail.
 */
const SQUATTER_PASSWORD = 'the squatter was here first';
const OWNER_PASSWORD = 'the real head nurse owns this';
let ipCounter = 0;
const uniqueIp = () => `10.77.${Math.floor(Math.random() * 250)}.${(ipCounter++ % 250) + 1}`;

/** Every line the worker's handlers log, to prove no link secret is written there. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private push = (...args: unknown[]) => void this.lines.push(JSON.stringify(args));
  log = this.push;
  error = this.push;
  warn = this.push;
  debug = this.push;
  verbose = this.push;
  fatal = this.push;
}

const tokenOf = (text: string): string => {
  const m = /\/(?:invitations|reset-password|verify-email)\/([A-Za-z0-9_-]{20,})/.exec(text);
  if (!m) throw new Error(`no link in: ${text}`);
  return m[1]!;
};

describe('trust: e-mail ownership, admin bootstrap, link secrets', () => {
  let t: TestContext;
  let smtp: TestSmtp;
  let config: KindlingConfig;
  let handler: SendEmailHandler;
  let relay: OutboxRelay;
  const logs = new CapturingLogger();

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await newTestContext();
    config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
    // The worker's own DI builds the handler and the relay (not started); the worker's
    // logger is replaced after, so every line they log lands in `logs`.
    const worker = await t.startWorker({ config: { ...config, smtpUrl: smtp.url } });
    handler = worker.get(SendEmailHandler);
    relay = worker.get(OutboxRelay);
    Logger.overrideLogger(logs);
  });
  afterAll(async () => {
    Logger.overrideLogger(false);
    await t?.close(); // closes the worker's module too: the relay's queues, the handler's transport
    await smtp?.close();
  });

  /** The newest e-mail job the API wrote for this address and kind. */
  async function emailJob(email: string, kind: EmailJobPayload['kind']): Promise<{ key: string; payload: EmailJobPayload }> {
    // (a password-reset request writes its link after answering 202: asked until it is there)
    const rows = await eventually<{ dedupe_key: string; payload: EmailJobPayload }[]>(
      () =>
        t.db.query(
          `SELECT o.dedupe_key, o.payload FROM outbox o
             JOIN one_time_tokens tk ON tk.id::text = o.dedupe_key JOIN users u ON u.id = tk.user_id
            WHERE o.topic = $1 AND lower(u.email) = lower($2) AND tk.kind = $3 ORDER BY o.id DESC LIMIT 1`,
          [JobName.SendEmail, email, kind],
        ),
      (r) => r.length > 0,
    );
    expect(rows).toHaveLength(1);
    return { key: rows[0]!.dedupe_key, payload: rows[0]!.payload };
  }

  /** Runs the worker's handler on that job; resolves with the mail the SMTP server received. */
  async function deliver(email: string, kind: EmailJobPayload['kind']): Promise<ReceivedMail> {
    const job = await emailJob(email, kind);
    const seen = new Set(smtp.messages);
    const result = await handler.handle(job.payload, { jobId: jobIdFor(JobName.SendEmail, job.key), attemptsMade: 0, progress: async () => undefined });
    expect(result).toEqual({ delivered: 'smtp' });
    return smtp.waitFor((m) => !seen.has(m) && m.to.includes(email.toLowerCase()));
  }

  async function login(email: string, password: string) {
    return t.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email, password, refreshTokenInBody: true });
  }

  describe('point 1: an organisation never binds to an address nobody proved', () => {
    let manager: TestUser;
    let orgId: string;
    let learner: TestUser;

    beforeAll(async () => {
      manager = await createUser(t, { name: 'Maja Manager' });
      learner = await createUser(t, { name: 'Lea Learner' });
      orgId = await createOrganization(t);
      await addMember(t, orgId, manager.id, 'manager');
      await addMember(t, orgId, learner.id, 'learner');
    });

    it('the reported attack: a squatter registers head.nurse first, the manager adds that address as manager — only the real owner becomes manager', async () => {
      const headNurse = `${unique('head.nurse')}@example.test`;
      await t.http.post('/api/auth/register').set('X-Forwarded-For', uniqueIp()).send({ email: headNurse, password: SQUATTER_PASSWORD, name: 'Squatter' }).expect(201);
      const squatter = await login(headNurse, SQUATTER_PASSWORD);
      expect(squatter.status).toBe(200); // an unverified account can sign in
      const squatterAuth = `Bearer ${squatter.body.accessToken}`;
      await t.http.get(`/api/organizations/${orgId}/members`).set('Authorization', squatterAuth).expect(404); // not a member yet

      const added = await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email: headNurse, role: 'manager', name: 'Hanna Head' });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ role: 'manager', invited: true });

      // The squatter's password, sessions and refresh tokens are gone: no way to read the learners.
      expect((await login(headNurse, SQUATTER_PASSWORD)).status).toBe(401);
      await t.http.get(`/api/organizations/${orgId}/members`).set('Authorization', squatterAuth).expect(401);
      await t.http.post('/api/auth/refresh').send({ refreshToken: squatter.body.refreshToken }).expect(401);
      const stored: { password_hash: string | null; email_verified_at: Date | null }[] = await t.db.query(
        `SELECT password_hash, email_verified_at FROM users WHERE lower(email) = lower($1)`,
        [headNurse],
      );
      expect(stored).toEqual([{ password_hash: null, email_verified_at: null }]);
      // The squatter's chosen name is gone too: the members list shows the name the manager gave.
      const listed = await t.http.get(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).expect(200);
      expect((listed.body as { userId: string; name: string; pending: boolean }[]).find((m) => m.userId === added.body.userId)).toMatchObject({ name: 'Hanna Head', pending: true });
      // The squatter's verification link (never theirs to open) no longer works either.
      const verification: { used: boolean }[] = await t.db.query(
        `SELECT used_at IS NOT NULL AS used FROM one_time_tokens tk JOIN users u ON u.id = tk.user_id WHERE lower(u.email) = lower($1) AND tk.kind = 'email_verification'`,
        [headNurse],
      );
      expect(verification).toEqual([{ used: true }]);

      // The owner of the mailbox accepts the invitation: manager, verified, with their own password.
      const mail = await deliver(headNurse, 'invitation');
      const accepted = await t.http.post(`/api/auth/invitations/${tokenOf(mail.text)}/accept`).send({ name: 'Hanna Head', password: OWNER_PASSWORD, refreshTokenInBody: true });
      expect(accepted.status).toBe(200);
      expect(accepted.body.user).toMatchObject({ id: added.body.userId, name: 'Hanna Head', memberships: [expect.objectContaining({ organizationId: orgId, role: 'manager' })] });
      const members = await t.http.get(`/api/organizations/${orgId}/members`).set('Authorization', `Bearer ${accepted.body.accessToken}`).expect(200);
      expect((members.body as { userId: string }[]).some((m) => m.userId === learner.id)).toBe(true);
      const verified: { v: boolean }[] = await t.db.query(`SELECT email_verified_at IS NOT NULL AS v FROM users WHERE id = $1`, [added.body.userId]);
      expect(verified).toEqual([{ v: true }]);
      // The squatter's old refresh token stays refused; their password does not sign in.
      await t.http.post('/api/auth/refresh').send({ refreshToken: squatter.body.refreshToken }).expect(401);
      expect((await login(headNurse, SQUATTER_PASSWORD)).status).toBe(401);
      expect((await login(headNurse, OWNER_PASSWORD)).status).toBe(200);
      const audit: { data: Record<string, unknown> }[] = await t.db.query(
        `SELECT data FROM audit_events WHERE action = 'membership.added' AND organization_id = $1 AND subject_id = $2`,
        [orgId, added.body.userId],
      );
      expect(audit[0]!.data).toMatchObject({ invited: true, unverifiedAccountReset: true });
    });

    it('a verified account is added as it is (no invitation, its sessions keep working)', async () => {
      const colleague = await createUser(t);
      const res = await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email: colleague.email, role: 'learner' });
      expect(res.body).toEqual({ userId: colleague.id, role: 'learner', invited: false });
      await t.http.get('/api/me').set('Authorization', colleague.auth).expect(200);
    });

    it('CSV enrolment: an unverified account is reset and invited, the squatter loses it; the owner accepts and is enrolled', async () => {
      const course = await createPublishedCourse(t, { authorId: manager.id });
      const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
      const nurse = `${unique('ward.nurse')}@example.test`;
      await t.http.post('/api/auth/register').set('X-Forwarded-For', uniqueIp()).send({ email: nurse, password: SQUATTER_PASSWORD, name: 'Squatter' }).expect(201);
      const squatter = await login(nurse, SQUATTER_PASSWORD);
      expect(squatter.status).toBe(200);

      const res = await t.http
        .post(`/api/cohorts/${cohortId}/enrolments`)
        .set('Authorization', manager.auth)
        .set('Content-Type', 'text/csv')
        .send(`email,name\n${nurse},Walter Ward\n`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ enrolled: 1, invited: 1 });

      expect((await login(nurse, SQUATTER_PASSWORD)).status).toBe(401);
      await t.http.get('/api/me/enrolments').set('Authorization', `Bearer ${squatter.body.accessToken}`).expect(401);
      await t.http.post('/api/auth/refresh').send({ refreshToken: squatter.body.refreshToken }).expect(401);

      const mail = await deliver(nurse, 'invitation');
      const accepted = await t.http.post(`/api/auth/invitations/${tokenOf(mail.text)}/accept`).send({ name: 'Walter Ward', password: OWNER_PASSWORD });
      expect(accepted.status).toBe(200);
      expect(accepted.body.user.memberships).toEqual([expect.objectContaining({ organizationId: orgId, role: 'learner' })]);
      const enrolments: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1 AND cohort_id = $2`, [accepted.body.user.id, cohortId]);
      expect(enrolments[0]!.n).toBe(1);
      await t.http.post('/api/auth/refresh').send({ refreshToken: squatter.body.refreshToken }).expect(401);
    });

    it('worker-side bulk enrolment (the BulkEnroller the worker runs, with its InvitationService) resets and invites an unverified account too', async () => {
      const course = await createPublishedCourse(t, { authorId: manager.id });
      const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
      const squatted = await createUser(t, { verified: false });
      const fine = await createUser(t);
      const session = await login(squatted.email, TEST_PASSWORD);
      expect(session.status).toBe(200);
      const enroller = t.app.get(BulkEnroller);
      const report = await t.db.transaction((em) =>
        enroller.enrol(em, { id: cohortId, organizationId: orgId, courseId: course.courseId }, [
          { line: 2, email: squatted.email.toLowerCase(), name: 'S' },
          { line: 3, email: fine.email.toLowerCase(), name: 'F' },
        ], manager.id),
      );
      expect(report).toMatchObject({ enrolled: 2, invited: 1 });
      await t.http.post('/api/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
      expect((await login(squatted.email, TEST_PASSWORD)).status).toBe(401);
      expect((await login(fine.email, TEST_PASSWORD)).status).toBe(200);
      const invited: { user_id: string }[] = await t.db.query(
        `SELECT user_id FROM one_time_tokens WHERE kind = 'invitation' AND user_id = ANY($1::uuid[])`,
        [[squatted.id, fine.id]],
      );
      expect(invited).toEqual([{ user_id: squatted.id }]);
    });

    it('registration sends a single-use, expiring verification link; confirming it verifies the address; resend is limited', async () => {
      const email = `${unique('verify')}@example.test`;
      await t.http.post('/api/auth/register').set('X-Forwarded-For', uniqueIp()).send({ email, password: OWNER_PASSWORD, name: 'Vera', locale: 'it' }).expect(201);
      const job = await emailJob(email, 'email_verification');
      expect(job.payload).toEqual({ kind: 'email_verification', tokenId: job.key, locale: 'it' });
      const expiry: { hours: number }[] = await t.db.query(`SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM one_time_tokens WHERE id = $1`, [job.key]);
      expect(expiry[0]!.hours).toBe(48);

      const signedIn = await login(email, OWNER_PASSWORD);
      const auth = `Bearer ${signedIn.body.accessToken}`;
      expect(signedIn.body.user).toMatchObject({ email, emailVerified: false });
      // A new link replaces the first one; the first stops working.
      await t.http.post('/api/auth/email-verification').set('Authorization', auth).expect(202);
      const first = await t.db.query(`SELECT used_at IS NOT NULL AS used FROM one_time_tokens WHERE id = $1`, [job.key]);
      expect(first).toEqual([{ used: true }]);

      const mail = await deliver(email, 'email_verification');
      // Registered with locale 'it': the e-mail is in the registrant's language.
      expect(mail.subject).toBe('Conferma il tuo indirizzo e-mail per Kindling');
      expect(mail.text).toMatch(/^Gentile /);
      expect(mail.text).toContain(`${config.publicUrl}/verify-email/`);
      const token = tokenOf(mail.text);
      await t.http.post(`/api/auth/email-verification/${token}`).expect(204);
      await t.http.post(`/api/auth/email-verification/${token}`).expect(410);
      const bad = await t.http.post(`/api/auth/email-verification/not-a-real-token-at-all-xxxxx`).expect(404);
      expect(String(bad.body.message)).toMatch(/verification link/);
      const me = await t.http.get('/api/me').set('Authorization', auth).expect(200);
      expect(me.body.emailVerified).toBe(true);
      const row: { v: boolean }[] = await t.db.query(`SELECT email_verified_at IS NOT NULL AS v FROM users WHERE lower(email) = lower($1)`, [email]);
      expect(row).toEqual([{ v: true }]);
      const again = await t.http.post('/api/auth/email-verification').set('Authorization', auth).expect(409);
      // Registered with locale 'it', an explicit choice: messages follow it (the contract's language rule).
      expect(String(again.body.message)).toMatch(/già verificato/);
      await t.http.post('/api/auth/email-verification').expect(401);

      // Adding the now verified account binds it as is.
      const res = await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email, role: 'learner' });
      expect(res.body).toMatchObject({ invited: false });
      expect((await login(email, OWNER_PASSWORD)).status).toBe(200);

      const other = await createUser(t, { verified: false });
      for (let i = 0; i < 3; i++) await t.http.post('/api/auth/email-verification').set('Authorization', other.auth).expect(202);
      const limited = await t.http.post('/api/auth/email-verification').set('Authorization', other.auth);
      expect(limited.status).toBe(429);
    });

    it('an expired verification link is refused with 410', async () => {
      const email = `${unique('late')}@example.test`;
      await t.http.post('/api/auth/register').set('X-Forwarded-For', uniqueIp()).send({ email, password: OWNER_PASSWORD, name: 'Late' }).expect(201);
      const job = await emailJob(email, 'email_verification');
      const mail = await deliver(email, 'email_verification');
      await t.db.query(`UPDATE one_time_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1`, [job.key]);
      const res = await t.http.post(`/api/auth/email-verification/${tokenOf(mail.text)}`);
      expect(res.status).toBe(410);
      expect(String(res.body.message)).toMatch(/expired/);
    });

    it('completing a password reset proves the address', async () => {
      const user = await createUser(t, { verified: false });
      await t.http.post('/api/auth/password-reset').set('X-Forwarded-For', uniqueIp()).send({ email: user.email }).expect(202);
      const mail = await deliver(user.email, 'password_reset');
      await t.http.post(`/api/auth/password-reset/${tokenOf(mail.text)}`).send({ password: OWNER_PASSWORD }).expect(204);
      const row: { v: boolean }[] = await t.db.query(`SELECT email_verified_at IS NOT NULL AS v FROM users WHERE id = $1`, [user.id]);
      expect(row).toEqual([{ v: true }]);
    });
  });

  describe('point 6: link secrets live only in the e-mail', () => {
    it('outbox rows, BullMQ job data and the worker log carry a reference, never the token; the e-mailed links work', async () => {
      const manager = await createUser(t);
      const orgId = await createOrganization(t);
      await addMember(t, orgId, manager.id, 'manager');
      const invitee = `${unique('invitee')}@example.test`;
      const registrant = `${unique('registrant')}@example.test`;
      const forgetful = await createUser(t, { locale: 'de' });
      await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email: invitee, role: 'learner', name: 'Ines' }).expect(201);
      await t.http.post('/api/auth/register').set('X-Forwarded-For', uniqueIp()).send({ email: registrant, password: OWNER_PASSWORD, name: 'Rita', locale: 'fr' }).expect(201);
      await t.http.post('/api/auth/password-reset').set('X-Forwarded-For', uniqueIp()).send({ email: forgetful.email }).expect(202);

      const jobs = [await emailJob(invitee, 'invitation'), await emailJob(registrant, 'email_verification'), await emailJob(forgetful.email, 'password_reset')];
      expect(jobs.map((j) => j.payload)).toEqual([
        { kind: 'invitation', tokenId: jobs[0]!.key, locale: 'en' },
        { kind: 'email_verification', tokenId: jobs[1]!.key, locale: 'fr' },
        { kind: 'password_reset', tokenId: jobs[2]!.key, locale: 'de' },
      ]);
      // Not minted yet: nothing at rest could be turned into a link.
      const unminted: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM one_time_tokens WHERE id = ANY($1::uuid[]) AND token_hash IS NULL`, [jobs.map((j) => j.key)]);
      expect(unminted[0]!.n).toBe(3);

      // The relay puts them on the queue: the job data is the same reference.
      while ((await relay.relayOnce()) > 0);
      const queued = await Promise.all(jobs.map((j) => relay.queue(QueueName.Email).getJob(jobIdFor(JobName.SendEmail, j.key))));
      expect(queued.map((q) => q?.data)).toEqual(jobs.map((j) => j.payload));
      const redisDump = JSON.stringify(queued.map((q) => q?.asJSON()));

      const linesBefore = logs.lines.length;
      const mails = [await deliver(invitee, 'invitation'), await deliver(registrant, 'email_verification'), await deliver(forgetful.email, 'password_reset')];
      const tokens = mails.map((m) => tokenOf(m.text));
      expect(mails[0]!.text).toContain(`${config.publicUrl}/invitations/`);
      expect(mails[0]!.text).toContain('Hello Ines');
      expect(mails[2]!.text).toContain(`${config.publicUrl}/reset-password/`);

      const outbox: { payload: unknown }[] = await t.db.query(`SELECT payload FROM outbox WHERE topic = $1`, [JobName.SendEmail]);
      const outboxDump = JSON.stringify(outbox);
      const workerLog = logs.lines.slice(linesBefore).join('\n');
      expect(workerLog).toMatch(/e-mail sent/);
      for (const token of tokens) {
        expect(outboxDump).not.toContain(token);
        expect(redisDump).not.toContain(token);
        expect(workerLog).not.toContain(token);
      }
      expect(workerLog).not.toContain(invitee);

      // The links in the e-mails work.
      await t.http.post(`/api/auth/invitations/${tokens[0]}/accept`).send({ name: 'Ines', password: OWNER_PASSWORD }).expect(200);
      await t.http.post(`/api/auth/email-verification/${tokens[1]}`).expect(204);
      await t.http.post(`/api/auth/password-reset/${tokens[2]}`).send({ password: OWNER_PASSWORD }).expect(204);
    }, 60_000);

    it('a job delivered twice sends one live link; a failed send takes its secret back so the retry mints a new one', async () => {
      const manager = await createUser(t);
      const orgId = await createOrganization(t);
      await addMember(t, orgId, manager.id, 'manager');
      const email = `${unique('twice')}@example.test`;
      await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email, role: 'learner' }).expect(201);
      const job = await emailJob(email, 'invitation');
      const context = { jobId: jobIdFor(JobName.SendEmail, job.key), attemptsMade: 0, progress: async () => undefined };

      // An SMTP server that is not there: the send fails, nothing stays minted.
      const broken = (await t.startWorker({ config: { ...config, smtpUrl: 'smtp://127.0.0.1:9' }, logger: logs })).get(SendEmailHandler);
      await expect(broken.handle(job.payload, context)).rejects.toThrow();
      const after: { minted: boolean }[] = await t.db.query(`SELECT token_hash IS NOT NULL AS minted FROM one_time_tokens WHERE id = $1`, [job.key]);
      expect(after).toEqual([{ minted: false }]);

      const results = await Promise.all([handler.handle(job.payload, context), handler.handle(job.payload, context)]);
      expect(results.map((r) => r.delivered).sort()).toEqual(['skipped-already-minted', 'smtp']);
      expect(await handler.handle(job.payload, context)).toEqual({ delivered: 'skipped-already-minted' });
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
    });
  });

  describe('point 2: the admin bootstrap never promotes an account someone else created', () => {
    const saved = { ...process.env };
    async function bootWithAdmin(email: string, password: string): Promise<unknown> {
      process.env.KINDLING_ADMIN_EMAIL = email;
      process.env.KINDLING_ADMIN_PASSWORD = password;
      const app = await createApiApp({ logger: false });
      try {
        await app.init();
        return null;
      } catch (error) {
        return error;
      } finally {
        process.env = { ...saved };
        await app.close().catch(() => undefined);
      }
    }

    it('refuses to start (one line saying why) when the address belongs to a non-admin, or to an admin with another password', async () => {
      const squatter = await createUser(t, { verified: false });
      const refused = await bootWithAdmin(squatter.email, 'the operator password 2026');
      expect(refused).toBeInstanceOf(AdminBootstrapRefused);
      expect((refused as Error).message).toMatch(/belongs to an existing account that is not a platform admin; refusing to promote it/);
      expect((refused as Error).message).not.toContain('\n');
      const roles: { platform_roles: string[] }[] = await t.db.query(`SELECT platform_roles FROM users WHERE id = $1`, [squatter.id]);
      expect(roles).toEqual([{ platform_roles: [] }]);

      const admin = await createUser(t, { platformRoles: ['admin'] });
      const wrong = await bootWithAdmin(admin.email, 'not the password of that admin');
      expect(wrong).toBeInstanceOf(AdminBootstrapRefused);
      expect((wrong as Error).message).toMatch(/password is not KINDLING_ADMIN_PASSWORD/);
    });

    it('the built API process exits 1 with one line saying why', async () => {
      const squatter = await createUser(t, { verified: false });
      const api = startProcess('api', {
        PORT: String(await freePort()),
        KINDLING_ADMIN_EMAIL: squatter.email,
        KINDLING_ADMIN_PASSWORD: 'the operator password 2026',
      });
      const code = await new Promise<number | null>((resolve) => {
        if (api.process.exitCode !== null) resolve(api.process.exitCode);
        else api.process.once('exit', (c) => resolve(c));
      });
      expect(code).toBe(1);
      const lines = api.output().split('\n').filter((l) => /KINDLING_ADMIN_EMAIL/.test(l));
      expect(lines).toEqual([`API failed to start: KINDLING_ADMIN_EMAIL ${squatter.email} belongs to an existing account that is not a platform admin; refusing to promote it — choose another address, or have an admin grant the role`]);
    }, 30_000);

    it('starts when the address is free (creates a verified admin) and again when that admin exists with the same password', async () => {
      const email = `${unique('operator')}@example.test`;
      expect(await bootWithAdmin(email, 'the operator password 2026')).toBeNull();
      expect(await bootWithAdmin(email, 'the operator password 2026')).toBeNull();
      const rows: { platform_roles: string[]; v: boolean }[] = await t.db.query(
        `SELECT platform_roles, email_verified_at IS NOT NULL AS v FROM users WHERE email = $1`,
        [email],
      );
      expect(rows).toEqual([{ platform_roles: ['admin'], v: true }]);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KINDLING_CONFIG, KindlingConfigModule, type KindlingConfig } from '@kindling/config';
import { dataSourceOptions } from '@kindling/db';
import { JobName, type JobPayloads } from '@kindling/queue';
import { EmailWorkerModule } from '../../apps/worker/src/email/email.worker-module.js';
import { SendEmailHandler } from '../../apps/worker/src/email/send-email.handler.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { createUser, type TestUser } from '../support/fixtures.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { eventually } from '../support/eventually.js';

/** The worker's e-mail module (with its database), configured from the environment like the worker process. */
@Module({
  imports: [
    KindlingConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [KINDLING_CONFIG],
      useFactory: (config: KindlingConfig) => dataSourceOptions({ databaseUrl: config.databaseUrl, poolSize: 2, applicationName: 'kindling-worker-test' }),
    }),
    EmailWorkerModule,
  ],
})
class EmailWorkerTestModule {}

const linkToken = (text: string, kind: 'invitations' | 'reset-password'): string => {
  const m = new RegExp(`/${kind}/([A-Za-z0-9_-]{20,})`).exec(text);
  if (!m) throw new Error(`no ${kind} link in: ${text}`);
  return m[1]!;
};

describe('organisations, members, invitations and password reset by e-mail', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let smtp: TestSmtp;
  let config: KindlingConfig;
  let admin: TestUser;
  let manager: TestUser;
  let orgId: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp();
    config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
    // The worker's e-mail handler, built by Nest from SMTP_URL, sending to the test SMTP server.
    // Each test hands it exactly the outbox row the API wrote (other suites sharing the
    // database may leave thousands of e-mails queued ahead of ours).
    process.env.SMTP_URL = smtp.url;
    worker = await NestFactory.createApplicationContext(EmailWorkerTestModule, { logger: false });
    process.env = saved;
    admin = await createUser(t, { platformRoles: ['admin'] });
    manager = await createUser(t, { name: 'Maja Manager' });
  });
  /** Sends the outbox e-mail the API wrote for `to` through the worker's handler; resolves with what SMTP received. */
  async function deliver(to: string) {
    // The outbox row is a reference ({kind, tokenId, locale}): find it through the token's account.
    // (a password-reset request writes its link after answering 202: asked until it is there)
    const rows = await eventually<{ dedupe_key: string; payload: JobPayloads[typeof JobName.SendEmail] }[]>(
      () =>
        t.db.query(
          `SELECT o.dedupe_key, o.payload FROM outbox o
             JOIN one_time_tokens tk ON tk.id::text = o.dedupe_key JOIN users u ON u.id = tk.user_id
            WHERE o.topic = $1 AND lower(u.email) = lower($2) AND tk.kind IN ('invitation', 'password_reset') ORDER BY o.id DESC LIMIT 1`,
          [JobName.SendEmail, to],
        ),
      (r) => r.length > 0,
    );
    expect(rows).toHaveLength(1);
    await worker.get(SendEmailHandler).handle(rows[0]!.payload, { jobId: `test-${rows[0]!.dedupe_key}`, attemptsMade: 0, progress: async () => undefined });
    return smtp.waitFor((m) => m.to.includes(to));
  }

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.close();
  });

  it('admin creates an organisation; others may not; bad input is named', async () => {
    const res = await t.http.post('/api/organizations').set('Authorization', admin.auth).send({ name: unique('Ospedale'), kind: 'hospital', country: 'it' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'hospital', country: 'IT' });
    orgId = res.body.id;
    await t.http.post('/api/organizations').set('Authorization', manager.auth).send({ name: 'X', kind: 'school' }).expect(403);
    await t.http.post('/api/organizations').send({ name: 'X', kind: 'school' }).expect(401);
    const bad = await t.http.post('/api/organizations').set('Authorization', admin.auth).send({ name: 'X', kind: 'castle' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/kind must be one of/);
  });

  it('adds an existing account as manager; the organisation then shows in its list only', async () => {
    const res = await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', admin.auth).send({ email: manager.email.toUpperCase(), role: 'manager' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ userId: manager.id, role: 'manager', invited: false });
    const mine = await t.http.get('/api/organizations').set('Authorization', manager.auth).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: orgId, role: 'manager' })]);
    const stranger = await createUser(t);
    const theirs = await t.http.get('/api/organizations').set('Authorization', stranger.auth).expect(200);
    expect(theirs.body).toEqual([]);
    const all = await t.http.get('/api/organizations').set('Authorization', admin.auth).expect(200);
    expect((all.body as { id: string }[]).some((o) => o.id === orgId)).toBe(true);
    const me = await t.http.get('/api/me').set('Authorization', manager.auth).expect(200);
    expect(me.body.memberships).toEqual([{ organizationId: orgId, organizationName: expect.any(String), role: 'manager' }]);
  });

  it('invites an unknown e-mail: the worker sends it over SMTP and the link works once', async () => {
    const email = `${unique('invitee')}@example.test`;
    const res = await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email, role: 'learner', name: 'Ines Invitata' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'learner', invited: true });
    await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email, role: 'learner' }).expect(409);

    const mail = await deliver(email);
    expect(mail.subject).toMatch(/invited/);
    expect(mail.text).toContain(`${config.publicUrl}/invitations/`);
    const token = linkToken(mail.text, 'invitations');
    const stored: { token_hash: string }[] = await t.db.query(`SELECT token_hash FROM one_time_tokens WHERE user_id = $1`, [res.body.userId]);
    expect(stored[0]!.token_hash).not.toContain(token); // only the hash is stored

    const weak = await t.http.post(`/api/auth/invitations/${token}/accept`).send({ name: 'Ines', password: 'short' });
    expect(weak.status).toBe(400);
    const accepted = await t.http.post(`/api/auth/invitations/${token}/accept`).send({ name: 'Ines Invitata', password: 'a lantern in the hallway' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ id: res.body.userId, email, memberships: [expect.objectContaining({ organizationId: orgId, role: 'learner' })] });
    expect(String(accepted.headers['set-cookie'])).toMatch(/kindling_at=/);
    await t.http.post(`/api/auth/invitations/${token}/accept`).send({ name: 'Ines', password: 'a lantern in the hallway' }).expect(410);
    await t.http.post(`/api/auth/invitations/not-a-real-token-at-all-xxxxx/accept`).send({ name: 'Ines', password: 'a lantern in the hallway' }).expect(404);
    await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.250.0.1').send({ email, password: 'a lantern in the hallway' }).expect(200);
  });

  it('password reset by e-mail: 202 for any address, the link sets a new password once and ends old sessions', async () => {
    const email = `${unique('forgetful')}@example.test`;
    await t.http.post('/api/auth/register').set('X-Forwarded-For', '10.250.0.2').send({ email, password: 'my old password is long', name: 'Fred' }).expect(201);
    const old = await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.250.0.2').send({ email, password: 'my old password is long', refreshTokenInBody: true }).expect(200);

    const timed = async (address: string) => {
      const started = Date.now();
      const r = await t.http.post('/api/auth/password-reset').set('X-Forwarded-For', '10.250.0.3').send({ email: address });
      return { status: r.status, ms: Date.now() - started };
    };
    const known = await timed(email);
    const unknown = await timed(`${unique('nobody')}@example.test`);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.ms).toBeGreaterThanOrEqual(380);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(250);

    const mail = await deliver(email);
    const token = linkToken(mail.text, 'reset-password');
    await t.http.post(`/api/auth/password-reset/${token}`).send({ password: 'password1234' }).expect(400);
    await t.http.post(`/api/auth/password-reset/${token}`).send({ password: 'a brand new long secret' }).expect(204);
    await t.http.post(`/api/auth/password-reset/${token}`).send({ password: 'another brand new secret' }).expect(410);
    await t.http.post('/api/auth/refresh').send({ refreshToken: old.body.refreshToken }).expect(401);
    await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.250.0.2').send({ email, password: 'my old password is long' }).expect(401);
    await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.250.0.2').send({ email, password: 'a brand new long secret' }).expect(200);
  });

  it('lists, re-roles and removes members; keeps a last manager; other managers get 404', async () => {
    const learner = await createUser(t, { name: 'Luca Learner' });
    await t.http.post(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).send({ email: learner.email, role: 'learner' }).expect(201);
    const list = await t.http.get(`/api/organizations/${orgId}/members`).set('Authorization', manager.auth).expect(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ userId: learner.id, role: 'learner', email: learner.email, pending: false })]));

    const otherOrg = (await t.http.post('/api/organizations').set('Authorization', admin.auth).send({ name: unique('Scuola'), kind: 'school' }).expect(201)).body.id as string;
    const managerB = await createUser(t);
    await t.http.post(`/api/organizations/${otherOrg}/members`).set('Authorization', admin.auth).send({ email: managerB.email, role: 'manager' }).expect(201);
    await t.http.get(`/api/organizations/${orgId}/members`).set('Authorization', managerB.auth).expect(404);
    await t.http.patch(`/api/organizations/${orgId}/members/${learner.id}`).set('Authorization', managerB.auth).send({ role: 'manager' }).expect(404);
    await t.http.delete(`/api/organizations/${orgId}/members/${learner.id}`).set('Authorization', managerB.auth).expect(404);
    await t.http.get(`/api/organizations/${orgId}/members`).set('Authorization', learner.auth).expect(404);
    // a manager of B cannot reach a member of A through B's id either
    await t.http.patch(`/api/organizations/${otherOrg}/members/${learner.id}`).set('Authorization', managerB.auth).send({ role: 'manager' }).expect(404);

    await t.http.patch(`/api/organizations/${orgId}/members/${learner.id}`).set('Authorization', manager.auth).send({ role: 'manager' }).expect(200);
    await t.http.patch(`/api/organizations/${orgId}/members/${learner.id}`).set('Authorization', manager.auth).send({ role: 'owner' }).expect(400);
    await t.http.delete(`/api/organizations/${orgId}/members/${learner.id}`).set('Authorization', manager.auth).expect(204);
    await t.http.delete(`/api/organizations/${orgId}/members/${learner.id}`).set('Authorization', manager.auth).expect(404);
    const last = await t.http.delete(`/api/organizations/${orgId}/members/${manager.id}`).set('Authorization', manager.auth);
    expect(last.status).toBe(409);
    expect(String(last.body.message)).toMatch(/last manager/);
    await t.http.patch(`/api/organizations/${orgId}/members/${manager.id}`).set('Authorization', manager.auth).send({ role: 'learner' }).expect(409);

    const events = await t.http.get(`/api/organizations/${orgId}/audit-events`).set('Authorization', manager.auth).expect(200);
    const actions = (events.body as { action: string }[]).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['membership.removed', 'membership.role_changed', 'membership.added']);
    expect(events.body[1]).toMatchObject({ actorId: manager.id, subjectType: 'user', subjectId: learner.id, data: { from: 'learner', to: 'manager' } });
    expect(Object.keys(events.body[0]).sort()).toEqual(['action', 'actorId', 'actorName', 'at', 'data', 'id', 'personId', 'personName', 'sentence', 'subjectId', 'subjectType']);
    expect(actions).toContain('organization.created');
    const page = await t.http.get(`/api/organizations/${orgId}/audit-events?limit=2`).set('Authorization', manager.auth).expect(200);
    expect(page.body).toHaveLength(2);
    const next = await t.http.get(`/api/organizations/${orgId}/audit-events?limit=2&before=${page.body[1].id}`).set('Authorization', manager.auth).expect(200);
    expect(next.body[0].id).toBe(events.body[2].id);
    await t.http.get(`/api/organizations/${orgId}/audit-events?limit=0`).set('Authorization', manager.auth).expect(400);
    await t.http.get(`/api/organizations/${orgId}/audit-events`).set('Authorization', managerB.auth).expect(404);
    const otherEvents = await t.http.get(`/api/organizations/${otherOrg}/audit-events`).set('Authorization', managerB.auth).expect(200);
    expect((otherEvents.body as { subjectId: string }[]).some((e) => e.subjectId === learner.id)).toBe(false);
  });
});

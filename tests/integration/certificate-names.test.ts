import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { createRedis, JobName, QueueName } from '@kindling/queue';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import type { TestingModule } from '@nestjs/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';

/**
 * Issue 14, points 7, 8 and 13 (certificate downloads): the name on an accredited certificate
 * is the learner's verified certificate name, a re-issue is the manager's act with the name
 * from the database, the worker trusts no job data, and staff downloads are audited.
 */
describe('certificate names, re-issue trust and staff downloads', () => {
  let t: TestApp;
  let config: KindlingConfig;
  let issuer: CertificateIssuer;
  let services: TestingModule;

  interface Setup {
    learner: TestUser;
    manager: TestUser;
    organizationId: string;
    enrolmentId: string;
  }

  /** A learner enrolled through an organisation (accredited course unless `accredited: false`). */
  async function setup(opts: { name?: string; accredited?: boolean; completed?: boolean } = {}): Promise<Setup> {
    const author = await createUser(t, { platformRoles: ['author'] });
    const learner = await createUser(t, { name: opts.name ?? 'Zoe Muller' });
    const manager = await createUser(t, { name: 'Manager' });
    const organizationId = await createOrganization(t);
    await addMember(t, organizationId, learner.id, 'learner');
    await addMember(t, organizationId, manager.id, 'manager');
    const course = await createPublishedCourse(t, { authorId: author.id, title: unique('Kindness') });
    if (opts.accredited === false) {
      await t.db.query(
        `UPDATE course_versions SET accreditation_body = NULL, accreditation_reference = NULL, accreditation_hours = NULL WHERE id = $1`,
        [course.versionId],
      );
    }
    const cohortId = await createCohort(t, { organizationId, courseId: course.courseId });
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId });
    if (opts.completed) {
      await complete(t, { enrolmentId, userId: learner.id, course });
    }
    return { learner, manager, organizationId, enrolmentId };
  }

  const setName = (user: TestUser, certificateName: unknown) =>
    t.http.put('/api/me/certificate-name').set('Authorization', user.auth).send({ certificateName });
  const requestsUrl = (orgId: string) => `/api/organizations/${orgId}/certificate-name-requests`;

  async function certificateOf(enrolmentId: string): Promise<{ id: string; holder_name: string; number: string; code: string }> {
    const rows: { id: string; holder_name: string; number: string; code: string }[] = await t.db.query(
      `SELECT c.id, c.holder_name, c.number, d.verification_code AS code
         FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
      [enrolmentId],
    );
    return rows[0]!;
  }

  beforeAll(async () => {
    t = await startTestApp();
    config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
    services = await workerServices();
    issuer = services.get(CertificateIssuer);
  });
  afterAll(async () => {
    await services?.close();
    await t.close();
  });

  it('before any accredited enrolment the certificate name applies at once, is audited, and is the name certificates carry', async () => {
    const s = await setup({ name: 'Zoe', accredited: false, completed: true });
    const mine = await t.http.get('/api/me/certificate-name').set('Authorization', s.learner.auth).expect(200);
    expect(mine.body).toEqual({ displayName: 'Zoe', certificateName: null, effectiveName: 'Zoe', approvalRequired: false, pendingRequest: null, lastDecision: null });
    const set = await setName(s.learner, '  Zoë   Müller-Ćosić ').expect(200);
    expect(set.body).toMatchObject({ displayName: 'Zoe', certificateName: 'Zoë Müller-Ćosić', effectiveName: 'Zoë Müller-Ćosić', pendingRequest: null });
    const audit: { action: string; actor_id: string }[] = await t.db.query(
      `SELECT action, actor_id FROM audit_events WHERE subject_type = 'user' AND subject_id = $1 ORDER BY id`,
      [s.learner.id],
    );
    expect(audit).toEqual([{ action: 'certificate-name.changed', actor_id: s.learner.id }]);
    // the display name stays free, and the certificate carries the certificate name
    await t.http.patch('/api/me').set('Authorization', s.learner.auth).send({ name: 'Zo' }).expect(200);
    await issuer.issue(s.enrolmentId);
    expect((await certificateOf(s.enrolmentId)).holder_name).toBe('Zoë Müller-Ćosić');
  });

  it('names the problem in bad input: 400 for a missing, empty, long or control-character name; 409 for the same name', async () => {
    const s = await setup({ accredited: false });
    for (const bad of [undefined, '', '   ', 'x'.repeat(201), 'Zoë\u0000', 'Zoë\nMüller', 42]) {
      const res = await setName(s.learner, bad).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/certificateName/);
    }
    await t.http.put('/api/me/certificate-name').set('Authorization', s.learner.auth).send({ certificateName: 'A', holderName: 'B' }).expect(400);
    expect((await setName(s.learner, 'Zoe Muller').expect(409)).body.message).toMatch(/already your certificate name/);
    await t.http.put('/api/me/certificate-name').send({ certificateName: 'Nobody' }).expect(401);
  });

  it("after enrolment in an accredited course a change waits for a manager of the learner's organisation, who approves it (audited)", async () => {
    const s = await setup({ name: 'Lukasz Zolc' });
    const otherManager = await createUser(t);
    const otherOrg = await createOrganization(t);
    await addMember(t, otherOrg, otherManager.id, 'manager');
    const asked = await setName(s.learner, 'Łukasz Żółć').expect(200);
    expect(asked.body).toMatchObject({ certificateName: null, effectiveName: 'Lukasz Zolc', approvalRequired: true, pendingRequest: { requestedName: 'Łukasz Żółć' } });
    const requestId = asked.body.pendingRequest.id as string;
    // not applied yet
    expect(((await t.db.query(`SELECT certificate_name FROM users WHERE id = $1`, [s.learner.id])) as { certificate_name: string | null }[])[0]).toEqual({
      certificate_name: null,
    });
    // only managers of an organisation the learner is enrolled through see and decide it
    await t.http.get(requestsUrl(s.organizationId)).set('Authorization', s.learner.auth).expect(404);
    await t.http.post(`${requestsUrl(s.organizationId)}/${requestId}/approval`).set('Authorization', s.learner.auth).expect(404);
    expect((await t.http.get(requestsUrl(otherOrg)).set('Authorization', otherManager.auth).expect(200)).body).toEqual([]);
    await t.http.post(`${requestsUrl(otherOrg)}/${requestId}/approval`).set('Authorization', otherManager.auth).expect(404);
    await t.http.post(`${requestsUrl(s.organizationId)}/not-a-uuid/approval`).set('Authorization', s.manager.auth).expect(400);
    await t.http.get(`${requestsUrl(s.organizationId)}?status=maybe`).set('Authorization', s.manager.auth).expect(400);
    const list = await t.http.get(requestsUrl(s.organizationId)).set('Authorization', s.manager.auth).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({ id: requestId, userId: s.learner.id, displayName: 'Lukasz Zolc', previousName: 'Lukasz Zolc', requestedName: 'Łukasz Żółć', status: 'pending' }),
    ]);
    const approved = await t.http.post(`${requestsUrl(s.organizationId)}/${requestId}/approval`).set('Authorization', s.manager.auth).expect(200);
    expect(approved.body).toMatchObject({ id: requestId, status: 'approved' });
    expect((await t.http.post(`${requestsUrl(s.organizationId)}/${requestId}/rejection`).set('Authorization', s.manager.auth).send({}).expect(409)).body.message).toMatch(
      /already approved/,
    );
    const mine = await t.http.get('/api/me/certificate-name').set('Authorization', s.learner.auth).expect(200);
    expect(mine.body).toMatchObject({ certificateName: 'Łukasz Żółć', effectiveName: 'Łukasz Żółć', pendingRequest: null, lastDecision: { status: 'approved' } });
    const audit: { action: string; actor_id: string; organization_id: string | null; data: Record<string, unknown> }[] = await t.db.query(
      `SELECT action, actor_id, organization_id, data FROM audit_events WHERE subject_type = 'user' AND subject_id = $1 ORDER BY id`,
      [s.learner.id],
    );
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['certificate-name.requested', s.learner.id],
      ['certificate-name.approved', s.manager.id],
    ]);
    expect(audit[1]).toMatchObject({ organization_id: s.organizationId, data: { requestId, from: 'Lukasz Zolc', to: 'Łukasz Żółć' } });
  });

  it('a rejected request changes nothing and tells the learner why; a manager cannot approve their own request', async () => {
    const s = await setup({ name: 'Ana Lima' });
    const asked = await setName(s.learner, 'Dr. Ana Lima, Queen of Kindness').expect(200);
    await t.http
      .post(`${requestsUrl(s.organizationId)}/${asked.body.pendingRequest.id}/rejection`)
      .set('Authorization', s.manager.auth)
      .send({ note: 'Please use the name on your ID card' })
      .expect(200);
    const mine = await t.http.get('/api/me/certificate-name').set('Authorization', s.learner.auth).expect(200);
    expect(mine.body).toMatchObject({
      certificateName: null,
      effectiveName: 'Ana Lima',
      pendingRequest: null,
      lastDecision: { status: 'rejected', note: 'Please use the name on your ID card', requestedName: 'Dr. Ana Lima, Queen of Kindness' },
    });
    // the learner may withdraw a pending request
    await setName(s.learner, 'Ana M. Lima').expect(200);
    expect((await t.http.delete('/api/me/certificate-name/request').set('Authorization', s.learner.auth).expect(200)).body.pendingRequest).toBeNull();
    await t.http.delete('/api/me/certificate-name/request').set('Authorization', s.learner.auth).expect(404);
    // a manager enrolled as a learner through their own organisation: someone else must decide
    await enrol(t, {
      userId: s.manager.id,
      course: await createPublishedCourse(t, { authorId: (await createUser(t, { platformRoles: ['author'] })).id }),
      organizationId: s.organizationId,
    });
    const own = await setName(s.manager, 'Manager Self').expect(200);
    expect(own.body.approvalRequired).toBe(true);
    await t.http.post(`${requestsUrl(s.organizationId)}/${own.body.pendingRequest.id}/approval`).set('Authorization', s.manager.auth).expect(403);
  });

  it('a display-name change after accredited enrolment never reaches the certificate (the old name is kept as certificate name)', async () => {
    const s = await setup({ name: 'Maria Rossi', completed: true });
    await t.http.patch('/api/me').set('Authorization', s.learner.auth).send({ name: 'Queen Maria' }).expect(200);
    const mine = await t.http.get('/api/me/certificate-name').set('Authorization', s.learner.auth).expect(200);
    expect(mine.body).toMatchObject({ displayName: 'Queen Maria', certificateName: 'Maria Rossi', effectiveName: 'Maria Rossi' });
    await issuer.issue(s.enrolmentId);
    expect((await certificateOf(s.enrolmentId)).holder_name).toBe('Maria Rossi');
  });

  it("an account whose address nobody proved cannot set a certificate name, and its display-name changes never stick to the address's owner", async () => {
    const s = await setup({ name: 'Head Nurse' });
    const squatter = await createUser(t, { name: 'Squatter', verified: false });
    const res = await setName(squatter, 'Squatter Legal').expect(403);
    expect(res.body.message).toMatch(/confirm your e-mail address/);
    // enrolled in an accredited course while unverified, the squatter renames: nothing is frozen
    await t.db.query(`UPDATE enrolments SET user_id = $2 WHERE id = $1`, [s.enrolmentId, squatter.id]);
    await t.http.patch('/api/me').set('Authorization', squatter.auth).send({ name: 'Squatter Renamed' }).expect(200);
    const [row] = (await t.db.query(`SELECT certificate_name FROM users WHERE id = $1`, [squatter.id])) as { certificate_name: string | null }[];
    expect(row!.certificate_name).toBeNull();
  });

  it('staff downloads of a PDF are audit events; the holder’s own download is not', async () => {
    const s = await setup({ completed: true });
    await issuer.issue(s.enrolmentId);
    const cert = await certificateOf(s.enrolmentId);
    const admin = await createUser(t, { platformRoles: ['admin'] });
    const stranger = await createUser(t);
    await t.http.get(`/api/certificates/${cert.id}/pdf`).set('Authorization', s.learner.auth).expect(200);
    await t.http.get(`/api/certificates/${cert.id}/pdf`).set('Authorization', stranger.auth).expect(404);
    await t.http.get(`/api/certificates/${cert.id}/pdf`).set('Authorization', s.manager.auth).expect(200);
    await t.http.get(`/api/certificates/${cert.id}/pdf`).set('Authorization', admin.auth).expect(200);
    const audit: { action: string; actor_id: string; organization_id: string; data: Record<string, unknown> }[] = await t.db.query(
      `SELECT action, actor_id, organization_id, data FROM audit_events WHERE subject_id = $1 AND action = 'certificate.downloaded' ORDER BY id`,
      [cert.id],
    );
    expect(audit).toEqual([
      { action: 'certificate.downloaded', actor_id: s.manager.id, organization_id: s.organizationId, data: expect.objectContaining({ number: cert.number, as: 'manager' }) },
      { action: 'certificate.downloaded', actor_id: admin.id, organization_id: s.organizationId, data: expect.objectContaining({ number: cert.number, as: 'admin' }) },
    ]);
  });

  describe('through the real worker', () => {
    let worker: INestApplicationContext;
    let connection: Redis;
    let queue: Queue;
    let events: QueueEvents;
    let eventsConnection: Redis;

    beforeAll(async () => {
      worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
      connection = createRedis(config.redisUrl, 'queue');
      queue = new Queue(QueueName.Certificates, { connection, prefix: config.queuePrefix });
      eventsConnection = createRedis(config.redisUrl, 'queue');
      events = new QueueEvents(QueueName.Certificates, { connection: eventsConnection, prefix: config.queuePrefix });
      await events.waitUntilReady();
    }, 60_000);
    afterAll(async () => {
      await events?.close();
      await queue?.close();
      eventsConnection?.disconnect();
      connection?.disconnect();
      await worker?.close();
    });

    it('a re-issue job added straight to the queue with a forged name and actor changes no certificate and blames nobody', async () => {
      const s = await setup({ name: 'Real Name', completed: true });
      await issuer.issue(s.enrolmentId);
      const cert = await certificateOf(s.enrolmentId);
      const forged = [
        { certificateId: cert.id, holderName: 'Forged Name', actorId: s.manager.id, version: 2 }, // today's job shape
        { reissueId: cert.id, holderName: 'Forged Name', actorId: s.manager.id }, // an id that is no re-issue request
        { reissueId: '00000000-0000-4000-8000-000000000000', certificateId: cert.id, holderName: 'Forged Name' },
      ];
      for (const data of forged) {
        const job = await queue.add(JobName.ReissueCertificate, data as never, { attempts: 1 });
        const result = (await job.waitUntilFinished(events, 30_000)) as { outcome: string };
        expect(result.outcome).toBe('skipped');
      }
      const docs: { version: number; holder_name: string }[] = await t.db.query(
        `SELECT version, holder_name FROM certificate_documents WHERE certificate_id = $1`,
        [cert.id],
      );
      expect(docs).toEqual([{ version: 1, holder_name: 'Real Name' }]);
      expect((await certificateOf(s.enrolmentId)).holder_name).toBe('Real Name');
      const audit: { action: string; actor_id: string | null }[] = await t.db.query(`SELECT action, actor_id FROM audit_events WHERE subject_id = $1`, [cert.id]);
      expect(audit).toEqual([{ action: 'certificate.issued', actor_id: null }]);
      const verify = await t.http.get(`/api/verify/${cert.code}`).expect(200);
      expect(verify.body).toMatchObject({ status: 'valid', holderName: 'Real Name', version: 1 });
    });

    it("the manager's re-issue runs end to end with the approved name, its actor and reason from the database", async () => {
      const s = await setup({ name: 'Sebnem Ozturk', completed: true });
      await issuer.issue(s.enrolmentId);
      const cert = await certificateOf(s.enrolmentId);
      const asked = await setName(s.learner, 'Şebnem Öztürk').expect(200);
      await t.http.post(`${requestsUrl(s.organizationId)}/${asked.body.pendingRequest.id}/approval`).set('Authorization', s.manager.auth).expect(200);
      await t.http.post(`/api/certificates/${cert.id}/reissue`).set('Authorization', s.manager.auth).send({ reason: 'Diacritics restored' }).expect(202);
      const deadline = Date.now() + 30_000;
      while ((await certificateOf(s.enrolmentId)).code === cert.code) {
        if (Date.now() > deadline) throw new Error('the worker did not re-issue in 30 s');
        await new Promise((r) => setTimeout(r, 200));
      }
      const now = await certificateOf(s.enrolmentId);
      expect(now).toMatchObject({ holder_name: 'Şebnem Öztürk', number: cert.number });
      const audit: { action: string; actor_id: string | null; data: Record<string, unknown> }[] = await t.db.query(
        `SELECT action, actor_id, data FROM audit_events WHERE subject_id = $1 AND action = 'certificate.reissued'`,
        [cert.id],
      );
      expect(audit).toEqual([{ action: 'certificate.reissued', actor_id: s.manager.id, data: expect.objectContaining({ version: 2, reason: 'Diacritics restored' }) }]);
      const old = await t.http.get(`/api/verify/${cert.code}`).expect(200);
      expect(old.body.status).toBe('superseded');
      expect(JSON.stringify(old.body)).not.toContain('Sebnem Ozturk');
    }, 60_000);
  });
});

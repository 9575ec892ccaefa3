import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { createRedis, JobName, QueueName } from '@kindling/queue';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMember, createOrganization, createUser, TEST_PASSWORD } from '../support/fixtures.js';

describe('the queue dashboard at /admin/queues', () => {
  let t: TestApp;
  let connection: Redis;
  let queue: Queue;
  beforeAll(async () => {
    t = await startTestApp();
    const config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
    connection = createRedis(config.redisUrl, 'queue');
    queue = new Queue(QueueName.Certificates, { connection, prefix: config.queuePrefix });
  });
  afterAll(async () => {
    await queue.close();
    connection.disconnect();
    await t.close();
  });

  /** A real sign-in through the API: the access token carries its session family. */
  async function signIn(email: string): Promise<string> {
    const res = await t.http.post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    return `Bearer ${res.body.accessToken as string}`;
  }

  it('sends a signed-out browser to sign in', async () => {
    const res = await t.http.get('/admin/queues').expect(302);
    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Fqueues');
  });

  it('does not exist for managers and learners, or with a forged token', async () => {
    const org = await createOrganization(t);
    const manager = await createUser(t);
    await addMember(t, org, manager.id, 'manager');
    for (const auth of [manager.auth, 'Bearer not-a-token']) {
      const res = await t.http.get('/admin/queues/api/queues').set('Authorization', auth).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it("shows Kindling's queues to a platform admin, read-only", async () => {
    const admin = await createUser(t, { platformRoles: ['admin'] });
    const page = await t.http.get('/admin/queues').set('Authorization', admin.auth).expect(200);
    expect(page.text).toContain('<div id="root">');
    const api = await t.http.get('/admin/queues/api/queues').set('Authorization', admin.auth).expect(200);
    const queues = (api.body as { queues: { name: string; readOnlyMode: boolean; allowRetries: boolean }[] }).queues;
    expect(queues.map((q) => q.name).sort()).toEqual(['bulk', 'certificates', 'email']);
    expect(queues.every((q) => q.readOnlyMode && !q.allowRetries)).toBe(true); // the UI shows no write buttons
  });

  it('checks the session like every route: after sign-out the old access token gets 401 (bearer and cookie)', async () => {
    const admin = await createUser(t, { platformRoles: ['admin'] });
    const auth = await signIn(admin.email);
    await t.http.get('/admin/queues/api/queues').set('Authorization', auth).expect(200);
    await t.http.post('/api/auth/logout').set('Authorization', auth).expect(204);
    const res = await t.http.get('/admin/queues/api/queues').set('Authorization', auth).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(String(res.body.message)).toMatch(/session has ended/);
    await t.http.get('/admin/queues').set('Cookie', `kindling_at=${auth.slice(7)}`).expect(401);
    // and the write it used to allow: a forged re-issue job added with the signed-out token
    const before = await queue.getJobCounts();
    await t.http
      .post(`/admin/queues/api/queues/${QueueName.Certificates}/add`)
      .set('Authorization', auth)
      .send({ name: JobName.ReissueCertificate, data: { certificateId: '00000000-0000-4000-8000-000000000000', holderName: 'Forged' } })
      .expect(401);
    expect(await queue.getJobCounts()).toEqual(before);
  });

  it('refuses every write through its HTTP API, even for a signed-in admin, and leaves the queue unchanged', async () => {
    const admin = await createUser(t, { platformRoles: ['admin'] });
    const auth = await signIn(admin.email);
    // a delayed job, so that promote / clean / remove / retry would each visibly change something
    const probe = await queue.add('dashboard.probe', { probe: true }, { delay: 3_600_000, jobId: `dashboard-probe-${Date.now()}` });
    try {
      const before = await queue.getJobCounts();
      const q = QueueName.Certificates;
      const id = probe.id!;
      const writes: [method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: object][] = [
        ['post', `/api/queues/${q}/add`, { name: JobName.ReissueCertificate, data: { reissueId: id } }],
        ['put', `/api/queues/${q}/retry/failed`],
        ['put', `/api/queues/${q}/retry/completed`],
        ['put', `/api/queues/${q}/promote`],
        ['put', `/api/queues/${q}/clean/delayed`],
        ['put', `/api/queues/${q}/clean/completed`],
        ['put', `/api/queues/${q}/pause`],
        ['put', `/api/queues/${q}/resume`],
        ['put', `/api/queues/${q}/empty`],
        ['put', `/api/queues/${q}/obliterate`, {}],
        ['put', `/api/queues/${q}/concurrency`, { concurrency: 1 }],
        ['put', `/api/queues/${q}/rate-limit`, { max: 1, duration: 1000 }],
        ['put', `/api/queues/${q}/rate-limit/release`],
        ['put', '/api/queues/pause'],
        ['put', '/api/queues/resume'],
        ['put', `/api/queues/${q}/${id}/retry`],
        ['put', `/api/queues/${q}/${id}/clean`],
        ['put', `/api/queues/${q}/${id}/promote`],
        ['patch', `/api/queues/${q}/${id}/update-data`, { data: { probe: false } }],
        ['patch', `/api/queues/${q}/${id}/delay`, { delay: 1 }],
        ['patch', `/api/queues/${q}/${id}/priority`, { priority: 1 }],
        ['put', `/api/queues/${q}/${id}/remove-unprocessed-children`],
        ['put', `/api/queues/${q}/job-schedulers/x/remove`],
        ['put', `/api/queues/${q}/job-schedulers/x/run`],
        ['patch', `/api/queues/${q}/job-schedulers/x`, { every: 1000 }],
        ['delete', `/api/queues/${q}/${id}`],
        ['post', '/api/metrics/history/purge', {}],
      ];
      for (const [method, path, body] of writes) {
        const res = await t.http[method](`/admin/queues${path}`).set('Authorization', auth).send(body ?? {});
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 405 });
        expect(res.body).toMatchObject({ statusCode: 405, message: 'the queue dashboard is read-only' });
      }
      expect(await queue.getJobCounts()).toEqual(before);
      expect(await queue.isPaused()).toBe(false);
      const still = await queue.getJob(id);
      expect(still?.data).toEqual({ probe: true });
      expect(await still?.getState()).toBe('delayed');
      // reading still works
      const job = await t.http.get(`/admin/queues/api/queues/${q}/${id}`).set('Authorization', auth).expect(200);
      expect(job.body.job).toMatchObject({ id });
    } finally {
      await probe.remove();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, type TestUser } from '../support/fixtures.js';

/**
 * The whole path of a large upload and of a code sheet: API → outbox → relay → BullMQ → the
 * worker's handlers, with the real worker module running in this process.
 */
describe('learning: background jobs through the real worker', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let manager: TestUser;
  let cohortId: string;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    const author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t);
    const orgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
    const course = await createPublishedCourse(t, { authorId: author.id });
    cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  async function untilDone(jobId: string, timeoutMs = 45_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.http.get(`/api/jobs/${jobId}`).set('Authorization', manager.auth).expect(200);
      if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('a 5,500-line upload is queued (202) and done by the worker, with progress on GET /api/jobs/:id', async () => {
    const tag = unique('w');
    const csv = ['email,name', ...Array.from({ length: 5500 }, (_, i) => `${tag}-${i}@example.test,Worker ${i}`)].join('\n');
    const res = await t.http.post(`/api/cohorts/${cohortId}/enrolments`).set('Authorization', manager.auth).set('Content-Type', 'text/csv').send(csv).expect(202);
    const job = await untilDone(res.body.jobId);
    expect(job).toMatchObject({ status: 'done', total: 5500, processed: 5500, report: { enrolled: 5500, alreadyEnrolled: 0, errors: [] } });
    const count = await t.db.query(`SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1`, [cohortId]);
    expect(count[0].n).toBe(5500);
  }, 60_000);

  it('the pupils’ code sheet is made by the worker and downloadable', async () => {
    const res = await t.http.post(`/api/cohorts/${cohortId}/pupils`).set('Authorization', manager.auth).send({ pupils: [{ name: 'Zoë', class: '1A' }] }).expect(201);
    const job = await untilDone(res.body.jobId);
    expect(job).toMatchObject({ kind: 'pupil-code-sheet', status: 'done', hasResult: true });
    const pdf = await t.http.get(`/api/jobs/${res.body.jobId}/result`).set('Authorization', manager.auth).expect(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
  }, 60_000);
});

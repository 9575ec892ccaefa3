import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { kindlingInstrument } from '@kindling/content';
import type { TestingModule } from '@nestjs/testing';
import { JobName } from '@kindling/queue';
import { BulkEnrolmentHandler } from '../../apps/worker/src/bulk/bulk-enrolment.handler.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';
import {
  addMember,
  createCohort,
  createOrganization,
  createPublishedCourse,
  createUser,
  type TestCourse,
  type TestUser,
} from '../support/fixtures.js';

interface EnrolmentRow {
  id: string;
  organization_id: string | null;
  cohort_id: string | null;
  status: string;
  lessons_completed: number;
  progress_percent: number;
  started_at: Date | null;
  withdrawn_at: Date | null;
}

/**
 * Issue 14, point 3: no enrolment moves between organisations. One enrolment per user, course
 * and organisation (self-enrolment is a scope of its own); another organisation's enrolment is
 * never reactivated, moved or reported, and its history stays where it was.
 */
describe('learning: enrolments stay with their organisation', () => {
  let t: TestApp;
  let worker: TestingModule;
  let author: TestUser;
  let managerA: TestUser;
  let managerB: TestUser;
  let orgA: string;
  let orgB: string;
  let orgAName: string;
  let orgBName: string;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await workerServices();
    author = await createUser(t, { platformRoles: ['author'] });
    managerA = await createUser(t, { name: 'Manager A' });
    managerB = await createUser(t, { name: 'Manager B' });
    orgAName = unique('Hospital A');
    orgBName = unique('School B');
    orgA = await createOrganization(t, orgAName);
    orgB = await createOrganization(t, orgBName);
    await addMember(t, orgA, managerA.id, 'manager');
    await addMember(t, orgB, managerB.id, 'manager');
  }, 60_000); // boots the API and the worker's services
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  /** A fresh course with a cohort in each organisation. */
  async function twoCohorts(opts: { selfEnrolment?: boolean } = {}): Promise<{ course: TestCourse; cohortA: string; cohortB: string }> {
    const course = await createPublishedCourse(t, { authorId: author.id, selfEnrolment: opts.selfEnrolment ?? false });
    const cohortA = await createCohort(t, { organizationId: orgA, courseId: course.courseId, name: unique('Ward A') });
    const cohortB = await createCohort(t, { organizationId: orgB, courseId: course.courseId, name: unique('Class B') });
    return { course, cohortA, cohortB };
  }

  const enrolBy = (manager: TestUser, cohortId: string, emails: string[], dryRun = false) =>
    t.http
      .post(`/api/cohorts/${cohortId}/enrolments${dryRun ? '?dryRun=true' : ''}`)
      .set('Authorization', manager.auth)
      .send({ learners: emails.map((email) => ({ email })) });

  const enrolmentsOf = async (userId: string, courseId: string): Promise<EnrolmentRow[]> =>
    (await t.db.query(
      `SELECT id, organization_id, cohort_id, status, lessons_completed, progress_percent, started_at, withdrawn_at
         FROM enrolments WHERE user_id = $1 AND course_id = $2 ORDER BY created_at, id`,
      [userId, courseId],
    )) as EnrolmentRow[];

  /** x enrolled by A, one lesson done and a failed quiz attempt: A's history. */
  async function historyInA(course: TestCourse, cohortA: string): Promise<{ x: TestUser; enrolmentA: string }> {
    const x = await createUser(t, { name: 'Xenia Cross' });
    const res = await enrolBy(managerA, cohortA, [x.email]).expect(200);
    expect(res.body).toMatchObject({ enrolled: 1, alreadyEnrolled: 0 });
    const [row] = await enrolmentsOf(x.id, course.courseId);
    const enrolmentA = row!.id;
    await t.http.put(`/api/enrolments/${enrolmentA}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', x.auth).expect(200);
    const attempt = await t.http.post(`/api/enrolments/${enrolmentA}/quizzes/${course.quizIds[0]}/attempts`).set('Authorization', x.auth).expect(201);
    const wrong = course.answers[course.quizIds[0]!]!.map((q) => ({ questionId: q.questionId, optionIds: q.wrong }));
    await t.http.post(`/api/attempts/${attempt.body.id}/submission`).set('Authorization', x.auth).send({ answers: wrong }).expect(200);
    return { x, enrolmentA };
  }

  const attemptsOf = async (enrolmentId: string): Promise<number> =>
    ((await t.db.query(`SELECT count(*)::int AS n FROM quiz_attempts WHERE enrolment_id = $1`, [enrolmentId])) as { n: number }[])[0]!.n;

  it('B enrolling a learner A enrolled in the same course makes a second enrolment; A keeps its progress, B sees a learner who has not started', async () => {
    const { course, cohortA, cohortB } = await twoCohorts();
    const { x, enrolmentA } = await historyInA(course, cohortA);
    const before = (await enrolmentsOf(x.id, course.courseId))[0]!;
    expect(before).toMatchObject({ organization_id: orgA, cohort_id: cohortA, status: 'active', lessons_completed: 1 });

    const res = await enrolBy(managerB, cohortB, [x.email]).expect(200);
    expect(res.body).toEqual({ enrolled: 1, alreadyEnrolled: 0, invited: 0, errors: [], dryRun: false });

    const rows = await enrolmentsOf(x.id, course.courseId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(before); // A's row: not moved, not touched
    expect(await attemptsOf(enrolmentA)).toBe(1);
    const enrolmentB = rows[1]!;
    expect(enrolmentB).toMatchObject({ organization_id: orgB, cohort_id: cohortB, status: 'active', lessons_completed: 0, progress_percent: 0, started_at: null });
    expect(enrolmentB.id).not.toBe(enrolmentA);
    expect(await attemptsOf(enrolmentB.id)).toBe(0);

    // B's dashboard: x is new and has not started; nothing of A's history shows
    const progressB = await t.http.get(`/api/cohorts/${cohortB}/progress`).set('Authorization', managerB.auth).expect(200);
    expect(progressB.body.rows).toHaveLength(1);
    expect(progressB.body.rows[0]).toMatchObject({
      enrolmentId: enrolmentB.id,
      userId: x.id,
      status: 'active',
      progressPercent: 0,
      lessonsCompleted: 0,
      bestFinalScore: null,
      lastActivityAt: null,
      certificateNumber: null,
    });
    const summaryB = await t.http.get(`/api/cohorts/${cohortB}/summary`).set('Authorization', managerB.auth).expect(200);
    expect(summaryB.body).toMatchObject({ enrolled: 1, started: 0, completed: 0 });
    // A's dashboard is unchanged
    const progressA = await t.http.get(`/api/cohorts/${cohortA}/progress`).set('Authorization', managerA.auth).expect(200);
    expect(progressA.body.rows).toHaveLength(1);
    expect(progressA.body.rows[0]).toMatchObject({ enrolmentId: enrolmentA, lessonsCompleted: 1, progressPercent: 25 });
    // each manager reads only their own organisation's enrolment
    await t.http.get(`/api/enrolments/${enrolmentA}`).set('Authorization', managerB.auth).expect(404);
    await t.http.get(`/api/enrolments/${enrolmentB.id}`).set('Authorization', managerA.auth).expect(404);
    await t.http.post(`/api/enrolments/${enrolmentA}/withdrawal`).set('Authorization', managerB.auth).expect(404);

    // the learner sees both, labelled by organisation and cohort, and each opens
    const mine = await t.http.get('/api/me/enrolments').set('Authorization', x.auth).expect(200);
    const ofCourse = (mine.body as { id: string; course: { id: string }; organization: unknown; cohort: { id: string } | null }[]).filter(
      (e) => e.course.id === course.courseId,
    );
    expect(ofCourse.map((e) => e.id).sort()).toEqual([enrolmentA, enrolmentB.id].sort());
    expect(ofCourse.find((e) => e.id === enrolmentA)).toMatchObject({ organization: { id: orgA, name: orgAName }, cohort: { id: cohortA } });
    expect(ofCourse.find((e) => e.id === enrolmentB.id)).toMatchObject({ organization: { id: orgB, name: orgBName }, cohort: { id: cohortB } });
    const detailA = await t.http.get(`/api/enrolments/${enrolmentA}`).set('Authorization', x.auth).expect(200);
    expect(detailA.body).toMatchObject({ progressPercent: 25, organization: { id: orgA, name: orgAName }, cohort: { id: cohortA } });
    const detailB = await t.http.get(`/api/enrolments/${enrolmentB.id}`).set('Authorization', x.auth).expect(200);
    expect(detailB.body).toMatchObject({ progressPercent: 0, organization: { id: orgB, name: orgBName }, cohort: { id: cohortB } });
    expect(detailB.body.quizzes[0]).toMatchObject({ attemptsUsed: 0 });

    // progress on B's enrolment leaves A's alone
    await t.http.put(`/api/enrolments/${enrolmentB.id}/lessons/${course.lessonIds[1]}/completion`).set('Authorization', x.auth).expect(200);
    const after = await enrolmentsOf(x.id, course.courseId);
    expect(after[0]).toMatchObject({ id: enrolmentA, lessons_completed: 1 });
    expect(after[1]).toMatchObject({ id: enrolmentB.id, lessons_completed: 1 });
    const completions = (await t.db.query(`SELECT enrolment_id, lesson_id FROM lesson_completions WHERE enrolment_id = ANY($1::uuid[]) ORDER BY lesson_id`, [
      [enrolmentA, enrolmentB.id],
    ])) as { enrolment_id: string; lesson_id: string }[];
    expect(completions).toEqual(
      expect.arrayContaining([
        { enrolment_id: enrolmentA, lesson_id: course.lessonIds[0] },
        { enrolment_id: enrolmentB.id, lesson_id: course.lessonIds[1] },
      ]),
    );
    expect(completions).toHaveLength(2);

    // enrolling again through B is "already" for B's own enrolment
    const again = await enrolBy(managerB, cohortB, [x.email]).expect(200);
    expect(again.body).toMatchObject({ enrolled: 0, alreadyEnrolled: 1 });
    const audit = (await t.db.query(
      `SELECT action, organization_id, subject_id FROM audit_events WHERE subject_type = 'enrolment' AND subject_id = ANY($1::text[]) ORDER BY id`,
      [[enrolmentA, enrolmentB.id]],
    )) as { action: string; organization_id: string; subject_id: string }[];
    expect(audit).toEqual([
      { action: 'enrolment.created', organization_id: orgA, subject_id: enrolmentA },
      { action: 'enrolment.created', organization_id: orgB, subject_id: enrolmentB.id },
    ]);
  });

  it("a withdrawn enrolment of A is not reactivated or moved by B: B gets its own, A's stays withdrawn with its history", async () => {
    const { course, cohortA, cohortB } = await twoCohorts();
    const { x, enrolmentA } = await historyInA(course, cohortA);
    await t.http.post(`/api/enrolments/${enrolmentA}/withdrawal`).set('Authorization', managerA.auth).expect(200);
    const before = (await enrolmentsOf(x.id, course.courseId))[0]!;
    expect(before).toMatchObject({ status: 'withdrawn', organization_id: orgA, cohort_id: cohortA, lessons_completed: 1 });

    const res = await enrolBy(managerB, cohortB, [x.email]).expect(200);
    expect(res.body).toMatchObject({ enrolled: 1, alreadyEnrolled: 0 });
    const rows = await enrolmentsOf(x.id, course.courseId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(before);
    expect(rows[1]).toMatchObject({ organization_id: orgB, cohort_id: cohortB, status: 'active', lessons_completed: 0, withdrawn_at: null });
    expect(await attemptsOf(enrolmentA)).toBe(1);
    const reactivated = (await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.reactivated' AND subject_id = $1`, [
      enrolmentA,
    ])) as { n: number }[];
    expect(reactivated[0]!.n).toBe(0);
    // A's cohort still counts nobody; B's counts x
    const a = await t.http.get(`/api/cohorts/${cohortA}`).set('Authorization', managerA.auth).expect(200);
    expect(a.body).toMatchObject({ enrolled: 0 });
    const b = await t.http.get(`/api/cohorts/${cohortB}`).set('Authorization', managerB.auth).expect(200);
    expect(b.body).toMatchObject({ enrolled: 1 });
    // the withdrawn enrolment still blocks progress; B's takes it
    await t.http.put(`/api/enrolments/${enrolmentA}/lessons/${course.lessonIds[1]}/completion`).set('Authorization', x.auth).expect(409);
    await t.http.put(`/api/enrolments/${rows[1]!.id}/lessons/${course.lessonIds[1]}/completion`).set('Authorization', x.auth).expect(200);
  });

  it("A's completed enrolment and its certificate request stay A's; B's enrolment starts from nothing", async () => {
    const { course, cohortA, cohortB } = await twoCohorts();
    const x = await createUser(t);
    await enrolBy(managerA, cohortA, [x.email]).expect(200);
    const [a] = await enrolmentsOf(x.id, course.courseId);
    for (const lessonId of course.lessonIds) {
      await t.http.put(`/api/enrolments/${a!.id}/lessons/${lessonId}/completion`).set('Authorization', x.auth).expect(200);
    }
    const attempt = await t.http.post(`/api/enrolments/${a!.id}/quizzes/${course.quizIds[0]}/attempts`).set('Authorization', x.auth).expect(201);
    const right = course.answers[course.quizIds[0]!]!.map((q) => ({ questionId: q.questionId, optionIds: q.correct }));
    await t.http.post(`/api/attempts/${attempt.body.id}/submission`).set('Authorization', x.auth).send({ answers: right }).expect(200);
    const completedA = (await enrolmentsOf(x.id, course.courseId))[0]!;
    expect(completedA).toMatchObject({ status: 'completed', progress_percent: 100 });
    const requests = async (enrolmentId: string) =>
      ((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND dedupe_key = $2`, [JobName.IssueCertificate, enrolmentId])) as {
        n: number;
      }[])[0]!.n;
    expect(await requests(a!.id)).toBe(1);

    const res = await enrolBy(managerB, cohortB, [x.email]).expect(200);
    expect(res.body).toMatchObject({ enrolled: 1, alreadyEnrolled: 0 });
    const rows = await enrolmentsOf(x.id, course.courseId);
    expect(rows[0]).toEqual(completedA);
    expect(rows[1]).toMatchObject({ organization_id: orgB, cohort_id: cohortB, status: 'active', progress_percent: 0 });
    expect(await requests(a!.id)).toBe(1);
    expect(await requests(rows[1]!.id)).toBe(0);
    const progressB = await t.http.get(`/api/cohorts/${cohortB}/progress`).set('Authorization', managerB.auth).expect(200);
    expect(progressB.body.rows).toEqual([expect.objectContaining({ enrolmentId: rows[1]!.id, status: 'active', completedAt: null, certificateNumber: null })]);
  });

  it("B's dry run says nothing about A's enrolments: the same report as for people A never enrolled, and nothing is written", async () => {
    const { course, cohortA, cohortB } = await twoCohorts();
    const active = await historyInA(course, cohortA);
    const withdrawn = await historyInA(course, cohortA);
    await t.http.post(`/api/enrolments/${withdrawn.enrolmentA}/withdrawal`).set('Authorization', managerA.auth).expect(200);
    const strangers = [await createUser(t), await createUser(t)];
    const beforeA = [...(await enrolmentsOf(active.x.id, course.courseId)), ...(await enrolmentsOf(withdrawn.x.id, course.courseId))];

    const known = await enrolBy(managerB, cohortB, [active.x.email, withdrawn.x.email], true).expect(200);
    const unknown = await enrolBy(managerB, cohortB, strangers.map((s) => s.email), true).expect(200);
    expect(known.body).toEqual({ enrolled: 2, alreadyEnrolled: 0, invited: 0, errors: [], dryRun: true });
    expect(known.body).toEqual(unknown.body);
    expect(JSON.stringify(known.body)).not.toContain(orgA);

    // nothing written, A's rows untouched
    const afterA = [...(await enrolmentsOf(active.x.id, course.courseId)), ...(await enrolmentsOf(withdrawn.x.id, course.courseId))];
    expect(afterA).toEqual(beforeA);
    const inB = (await t.db.query(`SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1 OR (organization_id = $2 AND course_id = $3)`, [
      cohortB,
      orgB,
      course.courseId,
    ])) as { n: number }[];
    expect(inB[0]!.n).toBe(0);
  });

  it('within one organisation the rules stay: withdrawn → reactivated (same row, moved to the new cohort), active → already', async () => {
    const { course, cohortA } = await twoCohorts();
    const cohortA2 = await createCohort(t, { organizationId: orgA, courseId: course.courseId, name: unique('Ward A2') });
    const { x, enrolmentA } = await historyInA(course, cohortA);

    const already = await enrolBy(managerA, cohortA2, [x.email]).expect(200);
    expect(already.body).toMatchObject({ enrolled: 0, alreadyEnrolled: 1 });
    expect(await enrolmentsOf(x.id, course.courseId)).toEqual([expect.objectContaining({ id: enrolmentA, cohort_id: cohortA })]);

    await t.http.post(`/api/enrolments/${enrolmentA}/withdrawal`).set('Authorization', managerA.auth).expect(200);
    const back = await enrolBy(managerA, cohortA2, [x.email]).expect(200);
    expect(back.body).toMatchObject({ enrolled: 1, alreadyEnrolled: 0 });
    expect(await enrolmentsOf(x.id, course.courseId)).toEqual([
      expect.objectContaining({ id: enrolmentA, organization_id: orgA, cohort_id: cohortA2, status: 'active', withdrawn_at: null, lessons_completed: 1 }),
    ]);
    expect(await attemptsOf(enrolmentA)).toBe(1);
    const reactivated = (await t.db.query(
      `SELECT organization_id FROM audit_events WHERE action = 'enrolment.reactivated' AND subject_id = $1`,
      [enrolmentA],
    )) as { organization_id: string }[];
    expect(reactivated).toEqual([{ organization_id: orgA }]);
  });

  it('self-enrolment is a scope of its own: it neither reactivates nor reports an organisation’s enrolment, nor is it taken over by one', async () => {
    const { course, cohortA, cohortB } = await twoCohorts({ selfEnrolment: true });
    const { x, enrolmentA } = await historyInA(course, cohortA);
    await t.http.post(`/api/enrolments/${enrolmentA}/withdrawal`).set('Authorization', managerA.auth).expect(200);

    // the learner withdrawn by A cannot bring A's enrolment back by enrolling themselves
    const self = await t.http.post(`/api/courses/${course.courseId}/enrolments`).set('Authorization', x.auth).expect(201);
    expect(self.body.id).not.toBe(enrolmentA);
    const again = await t.http.post(`/api/courses/${course.courseId}/enrolments`).set('Authorization', x.auth).expect(200);
    expect(again.body).toEqual({ id: self.body.id });
    let rows = await enrolmentsOf(x.id, course.courseId);
    expect(rows.map((r) => [r.id, r.organization_id, r.cohort_id, r.status])).toEqual([
      [enrolmentA, orgA, cohortA, 'withdrawn'],
      [self.body.id, null, null, 'active'],
    ]);

    // an organisation enrolling a self-enrolled learner gets its own enrolment
    await t.http.put(`/api/enrolments/${self.body.id}/lessons/${course.lessonIds[2]}/completion`).set('Authorization', x.auth).expect(200);
    const b = await enrolBy(managerB, cohortB, [x.email]).expect(200);
    expect(b.body).toMatchObject({ enrolled: 1, alreadyEnrolled: 0 });
    rows = await enrolmentsOf(x.id, course.courseId);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({ id: self.body.id, organization_id: null, cohort_id: null, lessons_completed: 1 });
    expect(rows[2]).toMatchObject({ organization_id: orgB, cohort_id: cohortB, lessons_completed: 0 });
    const mine = await t.http.get('/api/me/enrolments').set('Authorization', x.auth).expect(200);
    expect((mine.body as { course: { id: string } }[]).filter((e) => e.course.id === course.courseId)).toHaveLength(3);
    expect((mine.body as { id: string; organization: unknown }[]).find((e) => e.id === self.body.id)).toMatchObject({ organization: null });
  });

  it('a learner enrolled through two organisations: the course self-assessment form answers, and each enrolment keeps its own pre phase', async () => {
    const [instrument] = (await t.db.query(`SELECT id FROM instruments WHERE key = $1 ORDER BY version DESC LIMIT 1`, [
      kindlingInstrument.key,
    ])) as { id: string }[];
    const course = await createPublishedCourse(t, { authorId: author.id, instrumentId: instrument!.id });
    const cohortA = await createCohort(t, { organizationId: orgA, courseId: course.courseId });
    const cohortB = await createCohort(t, { organizationId: orgB, courseId: course.courseId });
    const x = await createUser(t);
    await enrolBy(managerA, cohortA, [x.email]).expect(200);
    await enrolBy(managerB, cohortB, [x.email]).expect(200);
    const [a, b] = await enrolmentsOf(x.id, course.courseId);
    expect([a!.organization_id, b!.organization_id]).toEqual([orgA, orgB]);

    const form = await t.http.get(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', x.auth).expect(200);
    expect([a!.id, b!.id]).toContain(form.body.enrolmentId);
    const answers = (form.body.items as { id: string }[]).map((item) => ({ itemId: item.id, value: form.body.scale.min as number }));
    await t.http.post(`/api/enrolments/${b!.id}/self-assessments/pre`).set('Authorization', x.auth).send({ answers }).expect(201);
    const flags = (await t.db.query(`SELECT id, pre_done FROM enrolments WHERE id = ANY($1::uuid[])`, [[a!.id, b!.id]])) as { id: string; pre_done: boolean }[];
    expect(new Map(flags.map((f) => [f.id, f.pre_done]))).toEqual(new Map([[a!.id, false], [b!.id, true]]));
    await t.http.put(`/api/enrolments/${a!.id}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', x.auth).expect(409);
    await t.http.put(`/api/enrolments/${b!.id}/lessons/${course.lessonIds[0]}/completion`).set('Authorization', x.auth).expect(200);
    await t.http.get(`/api/courses/${course.courseId}`).set('Authorization', x.auth).expect(200);
  });

  it("the worker's bulk-enrolment job follows the same rule: A's withdrawn and active enrolments stay A's", async () => {
    const { course, cohortA, cohortB } = await twoCohorts();
    const active = await historyInA(course, cohortA);
    const withdrawn = await historyInA(course, cohortA);
    await t.http.post(`/api/enrolments/${withdrawn.enrolmentA}/withdrawal`).set('Authorization', managerA.auth).expect(200);
    const beforeA = [...(await enrolmentsOf(active.x.id, course.courseId)), ...(await enrolmentsOf(withdrawn.x.id, course.courseId))];
    const rows = [active.x, withdrawn.x].map((u, i) => ({ line: i + 2, email: u.email.toLowerCase(), name: u.name }));
    const [job] = (await t.db.query(
      `INSERT INTO jobs (kind, organization_id, created_by, status, total, processed, input)
       VALUES ('bulk-enrolment', $1, $2, 'running', 2, 0, $3) RETURNING id`,
      [orgB, managerB.id, JSON.stringify({ cohortId: cohortB, rows, errors: [] })],
    )) as { id: string }[];
    await worker.get(BulkEnrolmentHandler).handle(
      { jobId: job!.id },
      { jobId: 'test', attemptsMade: 0, progress: async () => undefined },
    );
    const done = (await t.db.query(`SELECT status, report FROM jobs WHERE id = $1`, [job!.id])) as { status: string; report: unknown }[];
    expect(done[0]).toEqual({ status: 'done', report: { enrolled: 2, alreadyEnrolled: 0, invited: 0, errors: [] } });
    const afterA = [...(await enrolmentsOf(active.x.id, course.courseId)), ...(await enrolmentsOf(withdrawn.x.id, course.courseId))];
    expect(afterA.filter((r) => r.organization_id === orgA)).toEqual(beforeA);
    expect(afterA.filter((r) => r.organization_id === orgB).map((r) => [r.cohort_id, r.status, r.lessons_completed])).toEqual([
      [cohortB, 'active', 0],
      [cohortB, 'active', 0],
    ]);
  });

  it('the database holds one enrolment per user, course and organisation (no organisation counts as one)', async () => {
    const { course } = await twoCohorts();
    const x = await createUser(t);
    const insert = (org: string | null) =>
      t.db.query(`INSERT INTO enrolments (user_id, course_id, course_version_id, organization_id) VALUES ($1, $2, $3, $4)`, [
        x.id,
        course.courseId,
        course.versionId,
        org,
      ]);
    await insert(orgA);
    await insert(orgB);
    await insert(null);
    await expect(insert(orgA)).rejects.toThrow(/uq_enrolments_user_course_scope/);
    await expect(insert(null)).rejects.toThrow(/uq_enrolments_user_course_scope/);
    const constraints = (await t.db.query(`SELECT conname FROM pg_constraint WHERE conname = 'uq_enrolments_user_course'`)) as unknown[];
    expect(constraints).toEqual([]);
  });

  it('parallel uploads by A and B of the same learners give each organisation exactly one enrolment per learner', async () => {
    const { course, cohortA, cohortB } = await twoCohorts();
    const learners = await Promise.all(Array.from({ length: 20 }, () => createUser(t)));
    const emails = learners.map((l) => l.email);
    const results = await Promise.all([
      enrolBy(managerA, cohortA, emails),
      enrolBy(managerB, cohortB, emails),
      enrolBy(managerA, cohortA, [...emails].reverse()),
      enrolBy(managerB, cohortB, [...emails].reverse()),
    ]);
    for (const r of results) expect(r.status).toBe(200);
    const counts = (await t.db.query(
      `SELECT organization_id, count(*)::int AS n, count(DISTINCT user_id)::int AS users FROM enrolments WHERE course_id = $1 GROUP BY organization_id ORDER BY n`,
      [course.courseId],
    )) as { organization_id: string; n: number; users: number }[];
    expect(counts.map((c) => [c.n, c.users])).toEqual([
      [20, 20],
      [20, 20],
    ]);
    expect(new Set(counts.map((c) => c.organization_id))).toEqual(new Set([orgA, orgB]));
  });
});

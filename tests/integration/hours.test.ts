import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import {
  addMember,
  createCohort,
  createOrganization,
  createPublishedCourse,
  createUser,
  enrol,
  type TestCourse,
  type TestUser,
} from '../support/fixtures.js';

/**
 * Hours that mean something (issue 17, point 3): the accreditation rule at publishing
 * (ACCREDITED_MIN_TIME_RATIO), learning time credited by heartbeats, the learner told what
 * still holds completion back, and the time studied in the progress report and its CSV.
 */
describe('accredited hours and learning time', () => {
  let t: TestApp;
  let author: TestUser;
  let manager: TestUser;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t, { name: 'Mara Manager' });
    orgId = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
  });
  afterAll(async () => {
    await t.close();
  });

  async function setup(opts: { minMinutes?: number | null; lessons?: number } = {}) {
    const course = await createPublishedCourse(t, { authorId: author.id, lessons: opts.lessons ?? 1, minMinutes: opts.minMinutes ?? null });
    const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    const learner = await createUser(t, { name: unique('Lena') });
    await addMember(t, orgId, learner.id, 'learner');
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
    return { course, cohortId, learner, enrolmentId };
  }

  async function finishItems(course: TestCourse, learner: TestUser, enrolmentId: string): Promise<void> {
    for (const lessonId of course.lessonIds) {
      await t.http.put(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/completion`).set('Authorization', learner.auth).expect(200);
    }
    const quizId = course.quizIds[0]!;
    const start = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
    const answers = course.answers[quizId]!.map((q) => ({ questionId: q.questionId, optionIds: q.correct }));
    await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth).send({ answers }).expect(200);
  }

  const seconds = async (enrolmentId: string): Promise<number> =>
    ((await t.db.query(`SELECT learning_seconds FROM enrolments WHERE id = $1`, [enrolmentId])) as { learning_seconds: number }[])[0]!
      .learning_seconds;

  describe('publishing an accredited course', () => {
    async function draftCourse(hours: number, minMinutes: number | null): Promise<string> {
      const created = await t.http
        .post('/api/courses')
        .set('Authorization', author.auth)
        .send({ title: unique('Accredited'), locale: 'en', accreditation: { body: 'Ministry', reference: 'M-1', hours }, completion: { minMinutes } })
        .expect(201);
      const id = created.body.id as string;
      const mod = await t.http.post(`/api/courses/${id}/modules`).set('Authorization', author.auth).send({ title: 'Module' }).expect(201);
      await t.http.post(`/api/modules/${mod.body.id}/lessons`).set('Authorization', author.auth).send({ title: 'Lesson', body: '# Hi', minutes: 5, videoUrl: null }).expect(201);
      return id;
    }

    it('uses the documented default ratio', () => {
      expect(t.app.get<KindlingConfig>(KINDLING_CONFIG).accreditedMinTimeRatio).toBe(0.5);
    });

    it('is refused without a minimum learning time of at least half the hours, naming the numbers', async () => {
      const none = await draftCourse(8, null);
      const res = await t.http.post(`/api/courses/${none}/publish`).set('Authorization', author.auth).expect(400);
      const message = ([] as string[]).concat(res.body.message).join(' ');
      expect(message).toContain('8 h');
      expect(message).toContain('240 minutes');
      expect(message).toContain('50 %');

      const short = await draftCourse(6.5, 30);
      const shortRes = await t.http.post(`/api/courses/${short}/publish`).set('Authorization', author.auth).expect(400);
      expect(([] as string[]).concat(shortRes.body.message).join(' ')).toMatch(/195 minutes.*it has 30 minutes/);
      const outline = await t.http.get(`/api/courses/${short}`).set('Authorization', author.auth).expect(200);
      expect(outline.body.minTimeRule).toEqual({ ratio: 0.5, requiredMinMinutes: 195, met: false });
      expect(outline.body.status).toBe('draft');
    });

    it('is accepted once the minimum learning time satisfies the rule', async () => {
      const id = await draftCourse(8, 239);
      await t.http.post(`/api/courses/${id}/publish`).set('Authorization', author.auth).expect(400);
      await t.http.patch(`/api/courses/${id}`).set('Authorization', author.auth).send({ completion: { minMinutes: 240 } }).expect(200);
      const published = await t.http.post(`/api/courses/${id}/publish`).set('Authorization', author.auth).expect(200);
      expect(published.body).toEqual({ status: 'published', version: 1 });
      const outline = await t.http.get(`/api/courses/${id}`).set('Authorization', author.auth).expect(200);
      expect(outline.body.minTimeRule).toEqual({ ratio: 0.5, requiredMinMinutes: 240, met: true });
    });

    it('leaves courses without accreditation hours alone', async () => {
      const created = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: unique('Plain'), locale: 'en' }).expect(201);
      const id = created.body.id as string;
      const mod = await t.http.post(`/api/courses/${id}/modules`).set('Authorization', author.auth).send({ title: 'Module' }).expect(201);
      await t.http.post(`/api/modules/${mod.body.id}/lessons`).set('Authorization', author.auth).send({ title: 'Lesson', body: '# Hi', minutes: 5, videoUrl: null }).expect(201);
      await t.http.post(`/api/courses/${id}/publish`).set('Authorization', author.auth).expect(200);
      const outline = await t.http.get(`/api/courses/${id}`).set('Authorization', author.auth).expect(200);
      expect(outline.body.minTimeRule).toEqual({ ratio: 0.5, requiredMinMinutes: null, met: true });
    });
  });

  describe('the learner', () => {
    it('who finished every item but lacks time is told so, with the remaining minutes', async () => {
      const { course, learner, enrolmentId } = await setup({ minMinutes: 10 });
      const fresh = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(fresh.body.learningTime).toEqual({ learningSeconds: 0, requiredSeconds: 600, remainingSeconds: 600, remainingMinutes: 10, met: false });
      expect(fresh.body.requirementsNotMet).toBeNull(); // lessons and quiz still to do: nothing to explain yet

      await finishItems(course, learner, enrolmentId);
      await t.db.query(`UPDATE enrolments SET learning_seconds = 250 WHERE id = $1`, [enrolmentId]);
      const waiting = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(waiting.body).toMatchObject({
        status: 'active',
        progressPercent: 100,
        requirementsNotMet: 'learning-time',
        learningTime: { learningSeconds: 250, requiredSeconds: 600, remainingSeconds: 350, remainingMinutes: 6, met: false },
      });

      const mine = await t.http.get('/api/me/enrolments').set('Authorization', learner.auth).expect(200);
      expect((mine.body as { id: string }[]).find((x) => x.id === enrolmentId)).toMatchObject({
        status: 'active', requirementsNotMet: 'learning-time', learningTime: { requiredSeconds: 600, remainingMinutes: 6 },
      });

      // the heartbeat that reaches the minimum completes the enrolment
      await t.db.query(`UPDATE enrolments SET learning_seconds = 570, last_heartbeat_at = now() - interval '30 seconds' WHERE id = $1`, [enrolmentId]);
      await t.http.post(`/api/enrolments/${enrolmentId}/heartbeat`).set('Authorization', learner.auth).expect(200);
      const done = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(done.body).toMatchObject({ status: 'completed', requirementsNotMet: null, learningTime: { remainingMinutes: 0, met: true } });
    });

    it('without a minimum time sees no requirement', async () => {
      const { course, learner, enrolmentId } = await setup();
      await finishItems(course, learner, enrolmentId);
      const res = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(res.body).toMatchObject({ status: 'completed', requirementsNotMet: null, learningTime: { requiredSeconds: null, remainingMinutes: 0, met: true } });
    });
  });

  describe('heartbeats', () => {
    it('credit real time between beats, bounded, and a start beat credits nothing', async () => {
      const { learner, enrolmentId } = await setup({ minMinutes: 30 });
      const beat = (body?: object) => {
        const req = t.http.post(`/api/enrolments/${enrolmentId}/heartbeat`).set('Authorization', learner.auth);
        return (body ? req.send(body) : req).expect(200);
      };
      const ago = (s: number) => t.db.query(`UPDATE enrolments SET last_heartbeat_at = now() - make_interval(secs => $2) WHERE id = $1`, [enrolmentId, s]);

      await beat({ start: true });
      expect(await seconds(enrolmentId)).toBe(0);
      // two real beats a little over a second apart: the real time between them counts
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await beat();
      expect(await seconds(enrolmentId)).toBeGreaterThanOrEqual(1);
      expect(await seconds(enrolmentId)).toBeLessThanOrEqual(3);
      const before = await seconds(enrolmentId);
      await ago(30);
      await beat();
      expect(await seconds(enrolmentId) - before).toBeGreaterThanOrEqual(30);
      expect(await seconds(enrolmentId) - before).toBeLessThanOrEqual(31);
      // bounded as before: at most 60 s a beat, nothing after a gap over 2 minutes
      const capped = await seconds(enrolmentId);
      await ago(100);
      await beat();
      expect(await seconds(enrolmentId) - capped).toBeLessThanOrEqual(61);
      expect(await seconds(enrolmentId) - capped).toBeGreaterThanOrEqual(60);
      const slept = await seconds(enrolmentId);
      await ago(3 * 3600);
      await beat();
      expect(await seconds(enrolmentId)).toBe(slept);
      // the tab was hidden for 90 s: coming back starts a new span, the hidden time never counts
      await ago(90);
      await beat({ start: true });
      expect(await seconds(enrolmentId)).toBe(slept);
      const shown = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(shown.body.learningTime.learningSeconds).toBe(slept);
      expect(shown.body.minutes).toBe(Math.floor(slept / 60));
      await t.http.post(`/api/enrolments/${enrolmentId}/heartbeat`).set('Authorization', learner.auth).send({ start: 'yes' }).expect(400);
    });
  });

  describe('the progress report', () => {
    it('shows time studied and time required per learner, in the list and the CSV', async () => {
      const { learner, enrolmentId, cohortId } = await setup({ minMinutes: 45 });
      await t.db.query(`UPDATE enrolments SET learning_seconds = 1500 WHERE id = $1`, [enrolmentId]);
      const list = await t.http.get(`/api/cohorts/${cohortId}/progress`).set('Authorization', manager.auth).expect(200);
      const row = (list.body.rows as { userId: string }[]).find((r) => r.userId === learner.id);
      expect(row).toMatchObject({ minutes: 25, minutesRequired: 45 });

      const csv = await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv`).set('Authorization', manager.auth).buffer(true).expect(200);
      const [header, ...records] = parse(csv.text, { delimiter: ',', bom: true }) as string[][];
      const minutesAt = header!.indexOf('minutes');
      const requiredAt = header!.indexOf('minutesRequired');
      expect(minutesAt).toBeGreaterThan(-1);
      expect(requiredAt).toBe(minutesAt + 1);
      expect(records).toHaveLength(1);
      expect([records[0]![minutesAt], records[0]![requiredAt]]).toEqual(['25', '45']);
    });
  });
});

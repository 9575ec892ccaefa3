import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Request } from 'playwright-core';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestCourse, type TestUser } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, eventually, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/** The web app's heartbeat interval (apps/web/src/features/player/hooks/useHeartbeat.ts). */
const HEARTBEAT_MS = 30_000;

/**
 * Issue 17 point 3 in headless Chromium against the built API and worker: learning time is
 * credited by the player's heartbeat only while the tab is visible (opening the course and coming
 * back to the tab start a new span; hiding the tab sends one last beat and stops the timer), and
 * the learner sees "time studied / time required", and exactly what is missing when every item
 * is done but the minimum time is not. The page's clock is Playwright's (page.clock): the test
 * moves it forward instead of waiting 30 s per beat; the server's clock is moved back in the
 * database (last_heartbeat_at) so a beat credits the seconds the page pretended to spend.
 */
describe('learning time in Chromium (issue 17)', () => {
  let h: BrowserHarness;
  let author: TestUser;
  let organizationId: string;

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { platformRoles: ['author'] });
    organizationId = await createOrganization(h.t);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  async function enrolled(minMinutes: number): Promise<{ course: TestCourse; learner: TestUser; enrolmentId: string }> {
    const course = await createPublishedCourse(h.t, { authorId: author.id, lessons: 1, minMinutes, hours: 4 });
    const cohortId = await createCohort(h.t, { organizationId, courseId: course.courseId });
    const learner = await createUser(h.t, { name: 'Tia Timekeeper' });
    await addMember(h.t, organizationId, learner.id, 'learner');
    const enrolmentId = await enrol(h.t, { userId: learner.id, course, cohortId, organizationId });
    return { course, learner, enrolmentId };
  }

  const learningSeconds = async (enrolmentId: string): Promise<number> =>
    ((await h.t.db.query(`SELECT learning_seconds FROM enrolments WHERE id = $1`, [enrolmentId])) as { learning_seconds: number }[])[0]!
      .learning_seconds;

  /** The server's view of the previous beat, `seconds` ago (the page's clock is fake, the server's is not). */
  const previousBeatAgo = (enrolmentId: string, seconds: number) =>
    h.t.db.query(`UPDATE enrolments SET last_heartbeat_at = clock_timestamp() - make_interval(secs => $2) WHERE id = $1`, [enrolmentId, seconds]);

  /** What a browser does when the tab goes to the background or comes back (headless Chromium is always "visible"). */
  const setVisibility = (page: Page, state: 'visible' | 'hidden') =>
    page.evaluate(`(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${state === 'hidden'} });
      document.dispatchEvent(new Event('visibilitychange'));
    })()`);

  it('beats only while the tab is visible, credits the time between beats and never the hidden time', async () => {
    const { course, learner, enrolmentId } = await enrolled(5);
    const context = await signedInContext(h, learner.id);
    const page = await context.newPage();
    const beats: { start: boolean }[] = [];
    // Counted when the answer arrived: the server's write is committed by then.
    page.on('requestfinished', (req: Request) => {
      if (req.method() !== 'POST' || !new URL(req.url()).pathname.endsWith(`/api/enrolments/${enrolmentId}/heartbeat`)) return;
      const body = (req.postData() ? JSON.parse(req.postData()!) : {}) as { start?: boolean };
      beats.push({ start: body.start === true });
    });
    const beatCount = (n: number, what: string) => eventually(async () => (beats.length >= n ? beats.length : undefined), 10_000, what);

    await withFailureDump(page, 'learning-time-heartbeat', async () => {
      await page.clock.install();
      await page.goto(`${h.baseUrl}/learn/${enrolmentId}/lessons/${course.lessonIds[0]}`);
      await page.locator('.lesson-body').waitFor();
      // Opening the course starts the server's clock at once (a start beat credits nothing).
      await beatCount(1, 'the start beat');
      expect(beats).toEqual([{ start: true }]);
      expect(await learningSeconds(enrolmentId)).toBe(0);
      expect(await page.locator('#player-learning-time').innerText()).toMatch(/Time studied: 0 minutes of 5 minutes/);

      // 30 s of study: the next beat credits them.
      await previousBeatAgo(enrolmentId, 30);
      await page.clock.runFor(HEARTBEAT_MS);
      await beatCount(2, 'the 30 s beat');
      expect(beats[1]).toEqual({ start: false });
      await eventually(async () => ((await learningSeconds(enrolmentId)) >= 30 ? true : undefined), 10_000, '30 s credited');
      expect(await learningSeconds(enrolmentId)).toBeLessThanOrEqual(31);

      // Another 40 s: the page shows a whole minute once the beat answers.
      await previousBeatAgo(enrolmentId, 40);
      await page.clock.runFor(HEARTBEAT_MS);
      await beatCount(3, 'the 60 s beat');
      await page.locator('#player-learning-time', { hasText: 'Time studied: 1 minute of 5 minutes' }).waitFor();

      // The tab goes to the background: one last beat (the visible time up to now), then nothing.
      await setVisibility(page, 'hidden');
      await beatCount(4, 'the beat on hiding the tab');
      expect(beats[3]).toEqual({ start: false });
      await eventually(async () => ((await learningSeconds(enrolmentId)) >= 70 ? true : undefined), 10_000, 'the last visible seconds credited');
      const hiddenFrom = beats.length;
      const creditedBeforeHiding = await learningSeconds(enrolmentId);
      await page.clock.runFor(5 * HEARTBEAT_MS);
      await page.waitForTimeout(500);
      expect(beats.length).toBe(hiddenFrom);
      expect(await learningSeconds(enrolmentId)).toBe(creditedBeforeHiding);

      // Back after 90 s in the background: a start beat, and the 90 s are not credited.
      await previousBeatAgo(enrolmentId, 90);
      await setVisibility(page, 'visible');
      await beatCount(hiddenFrom + 1, 'the start beat on coming back');
      expect(beats[hiddenFrom]).toEqual({ start: true });
      await page.waitForTimeout(500);
      expect(await learningSeconds(enrolmentId)).toBe(creditedBeforeHiding);

      // ... and the timer runs again.
      await previousBeatAgo(enrolmentId, 30);
      await page.clock.runFor(HEARTBEAT_MS);
      await beatCount(hiddenFrom + 2, 'a beat after coming back');
      expect(beats[hiddenFrom + 1]).toEqual({ start: false });
      await eventually(
        async () => ((await learningSeconds(enrolmentId)) >= creditedBeforeHiding + 30 ? true : undefined),
        10_000,
        'time credited again after coming back',
      );
    });
    await context.close();
  }, 90_000);

  it('tells the learner who finished every item how many minutes are still missing', async () => {
    const { course, learner, enrolmentId } = await enrolled(10);
    await api(h, learner.auth, 'PUT', `/api/enrolments/${enrolmentId}/lessons/${course.lessonIds[0]}/completion`);
    const quizId = course.quizIds[0]!;
    const attempt = await api<{ id: string }>(h, learner.auth, 'POST', `/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`);
    expect(attempt.status).toBe(201);
    const answers = course.answers[quizId]!.map((q) => ({ questionId: q.questionId, optionIds: q.correct }));
    expect((await api(h, learner.auth, 'POST', `/api/attempts/${attempt.body.id}/submission`, { answers })).status).toBe(200);
    await h.t.db.query(`UPDATE enrolments SET learning_seconds = 250 WHERE id = $1`, [enrolmentId]);

    const context = await signedInContext(h, learner.id);
    const page = await context.newPage();
    await withFailureDump(page, 'learning-time-missing', async () => {
      await page.goto(`${h.baseUrl}/learn/${enrolmentId}/lessons/${course.lessonIds[0]}`);
      const notice = page.locator('#player-time-missing');
      await notice.waitFor();
      const text = await notice.innerText();
      expect(text).toContain('study time is missing');
      expect(text).toContain('10 minutes');
      expect(text).toContain('6 minutes still to go');
      expect(await page.locator('#player-learning-time').innerText()).toMatch(/Time studied: 4 minutes of 10 minutes/);
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
    });
    await context.close();
  }, 60_000);
});

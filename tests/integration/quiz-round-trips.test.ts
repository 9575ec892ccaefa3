import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Pool, PoolClient } from 'pg';
import { AttemptsService } from '../../apps/api/src/learning/attempts.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/context.js';
import { createUser, type TestUser } from '../support/fixtures.js';

/**
 * Issue 20 point 3 merged with issue 22 point 5: a quiz with the new question kinds, a random
 * draw per attempt and a time limit is started and submitted in ONE statement each once the
 * API holds a copy of the quiz (the draw is seeded by the attempt id, so the API grades exactly
 * the drawn questions and submit_own_attempt checks they are the ones shown; the time limit is
 * checked in the same statement). Without a copy (the second trip) the same grades come out:
 * the drawn questions only, and a late submission recorded as expired.
 */
describe('quiz attempts with draws and a time limit: one round trip, and the same grades without the copy', () => {
  let t: TestApp;
  let author: TestUser;
  let counting = false;
  let statements = 0;
  const watched = new WeakSet<PoolClient>();

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    const pool = (t.db.driver as unknown as { master: Pool }).master;
    pool.on('acquire', (client: PoolClient) => {
      if (watched.has(client)) return;
      watched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        if (counting) statements++;
        return query(...args);
      };
    });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Statements the API sent to PostgreSQL while `request` ran. */
  async function trips<T>(request: () => Promise<T>): Promise<{ count: number; result: T }> {
    statements = 0;
    counting = true;
    try {
      const result = await request();
      return { count: statements, result };
    } finally {
      counting = false;
    }
  }

  /** Forgets the API's copies of quizzes (as a freshly started process has none). */
  function forgetCopies(): void {
    const service = t.app.get(AttemptsService) as unknown as { quizCopies: Map<string, unknown>; quizOfQuestion: Map<string, string> };
    service.quizCopies.clear();
    service.quizOfQuestion.clear();
  }

  const tf = (prompt: string, tags?: string[]) => ({
    prompt, kind: 'true-false', ...(tags ? { tags } : {}), options: [{ text: 'True', correct: true }, { text: 'False', correct: false }],
  });
  const bank = [
    tf('A1', ['a']), tf('A2', ['a']), tf('B1'), tf('B2'),
    { prompt: 'Order', kind: 'ordering', tags: ['a'], options: [{ text: 'Notice' }, { text: 'Feel' }, { text: 'Act' }] },
    { prompt: 'Match', kind: 'matching', options: [{ text: 'Empathy', match: 'feeling with' }, { text: 'Pity', match: 'feeling for' }] },
    { prompt: 'Short', kind: 'short-text', acceptedAnswers: ['self-compassion'] },
  ];

  type View = { id: string; kind: string; prompt: string; options: { id: string; text: string }[]; choices?: { id: string; text: string }[] };

  function rightAnswers(view: View[]) {
    return view.map((q) => {
      const byText = (text: string) => q.options.find((o) => o.text === text)!.id;
      switch (q.kind) {
        case 'true-false': return { questionId: q.id, optionIds: [byText('True')] };
        case 'ordering': return { questionId: q.id, optionIds: ['Notice', 'Feel', 'Act'].map(byText) };
        case 'matching': {
          const choice = (text: string) => q.choices!.find((c) => c.text === text)!.id;
          return { questionId: q.id, pairs: [{ optionId: byText('Empathy'), choiceId: choice('feeling with') }, { optionId: byText('Pity'), choiceId: choice('feeling for') }] };
        }
        default: return { questionId: q.id, text: 'Self-Compassion' };
      }
    });
  }

  async function publishedQuiz() {
    const course = await t.http.post('/api/courses').set('Authorization', author.auth)
      .send({ title: 'Quiz round trips', locale: 'en', selfEnrolment: true }).expect(201);
    const courseId = course.body.id as string;
    const mod = await t.http.post(`/api/courses/${courseId}/modules`).set('Authorization', author.auth).send({ title: 'M' }).expect(201);
    await t.http.post(`/api/modules/${mod.body.id}/lessons`).set('Authorization', author.auth).send({ title: 'L', body: 'Hello' }).expect(201);
    await t.http.post(`/api/modules/${mod.body.id}/quizzes`).set('Authorization', author.auth)
      .send({ title: 'Q', passMark: 50, maxAttempts: null, timeLimitMinutes: 5, draws: [{ count: 2, tag: 'a' }, { count: 2 }], questions: bank })
      .expect(201);
    await t.http.post(`/api/courses/${courseId}/publish`).set('Authorization', author.auth).expect(200);
    const outline = await t.http.get(`/api/courses/${courseId}`).set('Authorization', author.auth).expect(200);
    return { courseId, quizId: outline.body.modules[0].quizzes[0].id as string };
  }

  let logins = 0;
  /** A learner enrolled and signed in as the web app does (the token carries roles and versions; the first request warms Redis). */
  async function learnerOf(courseId: string) {
    const user = await createUser(t);
    const enrolment = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', user.auth).expect(201);
    const login = await t.http.post('/api/auth/login').set('X-Forwarded-For', `10.21.0.${++logins}`)
      .send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const learner = { auth: `Bearer ${login.body.accessToken as string}` };
    await t.http.get(`/api/enrolments/${enrolment.body.id}`).set('Authorization', learner.auth).expect(200);
    return { learner, enrolmentId: enrolment.body.id as string };
  }

  const start = (auth: string, enrolmentId: string, quizId: string) =>
    trips(() => t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', auth).expect(201));
  const submit = (auth: string, attemptId: string, answers: unknown) =>
    trips(() => t.http.post(`/api/attempts/${attemptId}/submission`).set('Authorization', auth).send({ answers }).expect(200));

  it('grades the drawn questions and a late submission in one statement each with the copy, and the same without it', async () => {
    const { courseId, quizId } = await publishedQuiz();
    // warm-up: the API takes its copy of the quiz
    const warm = await learnerOf(courseId);
    const first = await start(warm.learner.auth, warm.enrolmentId, quizId);
    await submit(warm.learner.auth, first.result.body.id as string, rightAnswers(first.result.body.questions as View[]));

    const counts = { fast: { start: [] as number[], submit: [] as number[], late: [] as number[] }, slow: { submit: [] as number[], late: [] as number[] } };
    for (const path of ['fast', 'slow', 'fast', 'slow'] as const) {
      const { learner, enrolmentId } = await learnerOf(courseId);
      // in time
      const started = await start(learner.auth, enrolmentId, quizId);
      const view = started.result.body.questions as View[];
      expect(view).toHaveLength(4);
      expect(view.filter((q) => ['A1', 'A2', 'Order'].includes(q.prompt)).length).toBeGreaterThanOrEqual(2);
      expect(Date.parse(started.result.body.expiresAt as string) - Date.now()).toBeGreaterThan(4 * 60_000);
      if (path === 'slow') forgetCopies();
      const inTime = await submit(learner.auth, started.result.body.id as string, rightAnswers(view));
      expect(inTime.result.body).toMatchObject({ scorePercent: 100, passed: true, expired: false });
      expect((inTime.result.body.review as { id: string }[]).map((r) => r.id).sort()).toEqual(view.map((q) => q.id).sort());
      // late: started 6 minutes ago (past the limit and its grace)
      const again = await start(learner.auth, enrolmentId, quizId);
      await t.db.query(`UPDATE quiz_attempts SET started_at = now() - interval '6 minutes' WHERE id = $1`, [again.result.body.id]);
      if (path === 'slow') forgetCopies();
      const late = await submit(learner.auth, again.result.body.id as string, rightAnswers(again.result.body.questions as View[]));
      expect(late.result.body).toMatchObject({ scorePercent: 0, passed: false, expired: true });
      const [stored] = (await t.db.query(`SELECT expired, score_percent, passed FROM quiz_attempts WHERE id = $1`, [again.result.body.id])) as
        { expired: boolean; score_percent: string; passed: boolean }[];
      expect(stored).toEqual({ expired: true, score_percent: '0.00', passed: false });
      const [audit] = (await t.db.query(
        `SELECT data FROM audit_events WHERE action = 'attempt.submitted' AND subject_id = $1`, [again.result.body.id],
      )) as { data: Record<string, unknown> }[];
      expect(audit!.data).toMatchObject({ expired: true, scorePercent: 0, passed: false, enrolmentId });
      if (path === 'fast') counts.fast.start.push(started.count, again.count);
      counts[path].submit.push(inTime.count);
      counts[path].late.push(late.count);
    }
    // With the copy: one statement per start and per submission, late or not; without it the
    // submission takes the second trip. A background statement of the process can only add to
    // a count, so the smallest of the runs is asserted.
    const fewest = (c: number[]) => Math.min(...c);
    expect({
      fast: { start: fewest(counts.fast.start), submit: fewest(counts.fast.submit), late: fewest(counts.fast.late) },
      slow: { submit: fewest(counts.slow.submit), late: fewest(counts.slow.late) },
    }).toEqual({ fast: { start: 1, submit: 1, late: 1 }, slow: { submit: 2, late: 2 } });
  });
});

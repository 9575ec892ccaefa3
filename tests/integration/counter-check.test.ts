import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRedis } from '@kindling/queue';
import type { Redis } from 'ioredis';
import { COUNTER_CHECK_KEY, CounterCheck } from '../../apps/worker/src/counters/counter-check.service.js';
import { newTestContext, type TestContext, type TestCourse, type TestUser } from '../support/context.js';

/**
 * Issue 20, point 2: the lesson write increments the enrolment counters in place; the worker's
 * counter check compares every enrolment's stored counters with the ones derived from the facts,
 * reports drift (log, Redis hash `<prefix>:counter-check`, an audit event per repair) and repairs
 * it. Real PostgreSQL and Redis; the check is called directly (the worker's module is built but
 * its timers are not started).
 */
describe('enrolment counter consistency check', () => {
  let ctx: TestContext;
  let redis: Redis;
  let course: TestCourse;
  let learner: TestUser;

  beforeAll(async () => {
    ctx = await newTestContext({ worker: true });
    redis = createRedis(ctx.config.redisUrl, 'queue');
    course = await ctx.newPublishedCourse({ lessons: 4 });
    learner = await ctx.newUser({ name: 'Dora Drift' });
  });
  afterAll(async () => {
    redis.disconnect();
    await ctx.close();
  });

  const counters = async (id: string) =>
    (
      await ctx.db.query(
        `SELECT lessons_total, lessons_completed, items_total, items_done, progress_percent, best_final_score FROM enrolments WHERE id = $1`,
        [id],
      )
    )[0];
  const drift = async (ids: string[]): Promise<unknown[]> => ctx.db.query(`SELECT id FROM enrolment_counter_drift($1::uuid[])`, [ids]);
  const repairs = async (id: string): Promise<{ data: { stored: Record<string, unknown>; derived: Record<string, unknown> } }[]> =>
    ctx.db.query(`SELECT data FROM audit_events WHERE action = 'enrolment.counters_repaired' AND subject_id = $1`, [id]);

  it('finds drifted counters, repairs them from the facts, audits each repair and publishes the result', async () => {
    const clean = await ctx.enrol({ userId: learner.id, course });
    const other = await ctx.newUser({ name: 'Dirk Drift' });
    const broken = await ctx.enrol({ userId: other.id, course });
    const auth = `Bearer ${ctx.tokenFor(learner.id)}`;
    const otherAuth = `Bearer ${ctx.tokenFor(other.id)}`;
    // Both learners complete two lessons through the real route (the incremental write).
    for (const lessonId of course.lessonIds.slice(0, 2)) {
      await ctx.http.put(`/api/enrolments/${clean.id}/lessons/${lessonId}/completion`).set('Authorization', auth).expect(200);
      await ctx.http.put(`/api/enrolments/${broken.id}/lessons/${lessonId}/completion`).set('Authorization', otherAuth).expect(200);
    }
    const expected = { lessons_total: 4, lessons_completed: 2, items_total: 5, items_done: 2, progress_percent: 40, best_final_score: null };
    expect(await counters(clean.id)).toEqual(expected);
    expect(await drift([clean.id, broken.id])).toEqual([]);

    // Something writes the counters behind the rule's back (a hand-made fix, a bug, a restore).
    await ctx.db.query(`UPDATE enrolments SET lessons_completed = 3, items_done = 3, progress_percent = 60 WHERE id = $1`, [broken.id]);
    expect(await drift([clean.id, broken.id])).toEqual([{ id: broken.id }]);
    // An incremental write on top of drift keeps the drift (it adds to what is stored) …
    await ctx.http.put(`/api/enrolments/${broken.id}/lessons/${course.lessonIds[2]}/completion`).set('Authorization', otherAuth).expect(200);
    expect(await counters(broken.id)).toMatchObject({ lessons_completed: 4, items_done: 4, progress_percent: 80 });

    // … until the check repairs it.
    const result = await ctx.worker.get(CounterCheck).checkOnce();
    expect(result.enrolmentsChecked).toBeGreaterThanOrEqual(2);
    expect(result.drifted).toBeGreaterThanOrEqual(1);
    expect(result.repaired).toBe(result.drifted);
    expect(result.sample.length).toBeGreaterThan(0);
    expect(await counters(broken.id)).toEqual({ ...expected, lessons_completed: 3, items_done: 3, progress_percent: 60 });
    expect(await counters(clean.id)).toEqual(expected);
    expect(await drift([clean.id, broken.id])).toEqual([]);

    const audited = await repairs(broken.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]!.data).toEqual({
      stored: { lessonsTotal: 4, lessonsCompleted: 4, itemsTotal: 5, itemsDone: 4, progressPercent: 80, bestFinalScore: null },
      derived: { lessonsTotal: 4, lessonsCompleted: 3, itemsTotal: 5, itemsDone: 3, progressPercent: 60, bestFinalScore: null },
    });
    expect(await repairs(clean.id)).toEqual([]);

    const published = await redis.hgetall(`${ctx.config.queuePrefix}:${COUNTER_CHECK_KEY}`);
    expect(published).toMatchObject({ checkedAt: result.checkedAt, drifted: String(result.drifted), repaired: String(result.repaired) });
    expect(Number(published.enrolmentsChecked)).toBe(result.enrolmentsChecked);

    // A second pass finds nothing more for these two and audits nothing new.
    await ctx.worker.get(CounterCheck).checkOnce();
    expect(await repairs(broken.id)).toHaveLength(1);
  }, 60_000); // a pass walks every enrolment of the shared test database

  it('runs on its own timer in the worker (COUNTER_CHECK_INTERVAL_MS) and repairs what it finds', async () => {
    const timed = await ctx.startWorker({ config: { ...ctx.config, counterCheckIntervalMs: 200 } });
    const user = await ctx.newUser({ name: 'Tim Timer' });
    const enrolment = await ctx.enrol({ userId: user.id, course });
    const right = await counters(enrolment.id);
    await ctx.db.query(`UPDATE enrolments SET lessons_completed = 2, items_done = 2, progress_percent = 40 WHERE id = $1`, [enrolment.id]);
    const check = timed.get(CounterCheck);
    check.onApplicationBootstrap();
    try {
      const deadline = Date.now() + 20_000;
      while ((await drift([enrolment.id])).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      check.onApplicationShutdown();
    }
    expect(await counters(enrolment.id)).toEqual(right);
    expect(await repairs(enrolment.id)).toHaveLength(1);
  }, 30_000);

  it('repairs a drifted final score and totals too', async () => {
    const quizCourse = await ctx.newPublishedCourse({ lessons: 2 });
    const user = await ctx.newUser({ name: 'Quentin Quiz' });
    const enrolment = await ctx.enrol({ userId: user.id, course: quizCourse });
    await ctx.complete({ enrolmentId: enrolment.id, userId: user.id, course: quizCourse });
    const right = await counters(enrolment.id);
    await ctx.db.query(`UPDATE enrolments SET best_final_score = 12.5, lessons_total = 7, items_total = 8 WHERE id = $1`, [enrolment.id]);
    expect(await drift([enrolment.id])).toEqual([{ id: enrolment.id }]);
    await ctx.worker.get(CounterCheck).checkOnce();
    expect(await counters(enrolment.id)).toEqual(right);
    expect(await repairs(enrolment.id)).toHaveLength(1);
  }, 60_000);
});

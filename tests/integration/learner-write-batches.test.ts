import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProgressRepository, type WriteBatcher } from '@kindling/db';
import type { Pool } from 'pg';
import { eventually } from '../support/eventually.js';

const { newTestContext } = await import('../support/context.js');
type TestContext = Awaited<ReturnType<typeof newTestContext>>;

/**
 * Issue 20, points 3 and 4: lesson writes and heartbeats that arrive together go to PostgreSQL
 * together (WriteBatcher + complete_lessons / credit_heartbeats), and nobody can tell from the
 * answers or the data: every request gets the answer it would have got alone (200, 404 for
 * someone else's enrolment or an unknown lesson, 409 when withdrawn), the same lesson twice
 * counts once, time is credited as for single beats, and the stored counters equal the
 * recompute from the facts.
 */
describe('batched learner writes', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await newTestContext();
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
  });

  type Answer = { status: number };
  type Expectation = { status: number; send: () => Promise<Answer> };
  type Learner = { id: string; auth: string; enrolmentId: string };

  async function cohort(size: number, lessons: number) {
    const org = await ctx.newOrganisation();
    const manager = await ctx.newManager(org.id);
    const course = await ctx.newPublishedCourse({ lessons });
    const learners: Learner[] = [];
    for (let n = 0; n < size; n++) {
      const learner = await ctx.newLearner(org.id);
      const { id: enrolmentId } = await ctx.enrol({ userId: learner.id, course, organizationId: org.id });
      learners.push({ ...learner, enrolmentId });
    }
    const withdrawn = learners.pop()!;
    await ctx.http.post(`/api/enrolments/${withdrawn.enrolmentId}/withdrawal`).set('Authorization', manager.auth).expect(200);
    const blocker = learners.pop()!;
    return { course, learners, withdrawn, blocker };
  }

  /**
   * So that batches form for certain: a transaction of the test holds the blocker's enrolment row,
   * and as many of the blocker's writes as the batcher has slots take them all and wait for it.
   * Every request sent meanwhile queues in the API; once the row is let go they go in batches.
   */
  async function burstBehindHeldSlots(
    batcher: WriteBatcher<unknown, unknown>,
    blocker: Learner,
    blockerWrite: (n: number) => Promise<Answer>,
    requests: Expectation[],
  ): Promise<{ answers: Answer[]; blocked: Answer[] }> {
    const pool = (ctx.db.driver as unknown as { master: Pool }).master;
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM enrolments WHERE id = $1 FOR UPDATE', [blocker.enrolmentId]);
      const blocked = Promise.all(Array.from({ length: batcher.slots }, (_, n) => blockerWrite(n)));
      const lockWaits = await eventually(
        async () =>
          ((await ctx.db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )) as { n: number }[])[0]!.n,
        (n) => n >= batcher.slots,
        20_000,
      );
      expect(lockWaits).toBe(batcher.slots);
      // Shuffled so that batches mix learners, outcomes and repeats.
      requests.sort(() => Math.random() - 0.5);
      const sent = Promise.all(requests.map((r) => r.send()));
      const queued = await eventually(async () => batcher.waiting, (n) => n === requests.length, 20_000);
      expect(queued).toBe(requests.length);
      await holder.query('ROLLBACK');
      return { answers: await sent, blocked: await blocked };
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      holder.release();
    }
  }

  it('lesson writes of many learners at once: the same answers and the same counters as one by one', async () => {
    const { course, learners, withdrawn, blocker } = await cohort(24, 4);
    const progress = ctx.get(ProgressRepository);
    const before = { ...progress.lessonWrites.stats };

    const put = (auth: string, enrolmentId: string, lessonId: string) => () =>
      ctx.http.put(`/api/enrolments/${enrolmentId}/lessons/${lessonId}/completion`).set('Authorization', auth).then((r) => r);
    const requests: Expectation[] = [];
    for (const l of learners) {
      for (const lessonId of course.lessonIds) requests.push({ status: 200, send: put(l.auth, l.enrolmentId, lessonId) });
      // the same lesson again, in the same burst: idempotent
      requests.push({ status: 200, send: put(l.auth, l.enrolmentId, course.lessonIds[0]!) });
    }
    requests.push({ status: 409, send: put(withdrawn.auth, withdrawn.enrolmentId, course.lessonIds[0]!) });
    // someone else's enrolment, and a lesson of no course: 404, as alone
    requests.push({ status: 404, send: put(learners[1]!.auth, learners[0]!.enrolmentId, course.lessonIds[1]!) });
    requests.push({ status: 404, send: put(learners[2]!.auth, learners[2]!.enrolmentId, '00000000-0000-4000-8000-000000000000') });

    const { answers, blocked } = await burstBehindHeldSlots(
      progress.lessonWrites as WriteBatcher<unknown, unknown>,
      blocker,
      (n) => put(blocker.auth, blocker.enrolmentId, course.lessonIds[n % course.lessonIds.length]!)(),
      requests,
    );
    expect(answers.map((a) => a.status)).toEqual(requests.map((r) => r.status));
    expect(blocked.map((a) => a.status)).toEqual(blocked.map(() => 200));
    // The blocker's other lessons, afterwards, alone.
    for (const lessonId of course.lessonIds) await put(blocker.auth, blocker.enrolmentId, lessonId)();

    const after = progress.lessonWrites.stats;
    // The burst really went in batches (otherwise this test would prove nothing about them).
    expect(after.batchedWrites - before.batchedWrites).toBe(requests.length);
    expect(after.largestBatch).toBeGreaterThanOrEqual(Math.ceil(requests.length / 4));
    expect(after.fallbacks).toBe(before.fallbacks);

    const all = [...learners, blocker];
    const ids = all.map((l) => l.enrolmentId);
    const rows = (await ctx.db.query(`SELECT lessons_completed FROM enrolments WHERE id = ANY($1::uuid[])`, [ids])) as {
      lessons_completed: number;
    }[];
    expect(rows).toHaveLength(all.length);
    for (const row of rows) expect(row.lessons_completed).toBe(4);
    const drift = (await ctx.db.query(`SELECT id FROM enrolment_counter_drift($1::uuid[])`, [[...ids, withdrawn.enrolmentId]])) as unknown[];
    expect(drift).toEqual([]);
    const [completions] = (await ctx.db.query(`SELECT count(*)::int AS n FROM lesson_completions WHERE enrolment_id = ANY($1::uuid[])`, [
      [...ids, withdrawn.enrolmentId],
    ])) as { n: number }[];
    expect(completions!.n).toBe(4 * all.length);
  }, 120_000);

  it('heartbeats of many learners at once: each credited as if alone', async () => {
    const { learners, withdrawn, blocker } = await cohort(20, 2);
    const progress = ctx.get(ProgressRepository);
    const before = { ...progress.heartbeats.stats };
    // Everyone's previous beat was 30 s ago; a beat now credits 30 s (a start beat credits nothing).
    await ctx.db.query(`UPDATE enrolments SET last_heartbeat_at = clock_timestamp() - interval '30 seconds' WHERE id = ANY($1::uuid[])`, [
      learners.map((l) => l.enrolmentId),
    ]);
    const beat = (auth: string, enrolmentId: string, start = false) => () =>
      ctx.http.post(`/api/enrolments/${enrolmentId}/heartbeat`).set('Authorization', auth).send(start ? { start: true } : {}).then((r) => r);
    const starters = new Set(learners.slice(0, 3).map((l) => l.id));
    const requests: Expectation[] = learners.map((l) => ({ status: 200, send: beat(l.auth, l.enrolmentId, starters.has(l.id)) }));
    requests.push({ status: 409, send: beat(withdrawn.auth, withdrawn.enrolmentId) });
    requests.push({ status: 404, send: beat(learners[4]!.auth, learners[5]!.enrolmentId) });

    const { answers, blocked } = await burstBehindHeldSlots(
      progress.heartbeats as WriteBatcher<unknown, unknown>,
      blocker,
      () => beat(blocker.auth, blocker.enrolmentId, true)(),
      requests,
    );
    expect(answers.map((a) => a.status)).toEqual(requests.map((r) => r.status));
    expect(blocked.map((a) => a.status)).toEqual(blocked.map(() => 200));
    const after = progress.heartbeats.stats;
    expect(after.batchedWrites - before.batchedWrites).toBe(requests.length);
    expect(after.fallbacks).toBe(before.fallbacks);

    const rows = (await ctx.db.query(`SELECT user_id, learning_seconds FROM enrolments WHERE id = ANY($1::uuid[])`, [
      learners.map((l) => l.enrolmentId),
    ])) as { user_id: string; learning_seconds: number }[];
    expect(rows).toHaveLength(learners.length);
    for (const row of rows) {
      if (starters.has(row.user_id)) expect(row.learning_seconds).toBe(0);
      else {
        // 30 s ago, plus the time the burst waited behind the held row (well under the 60 s cap)
        expect(row.learning_seconds).toBeGreaterThanOrEqual(30);
        expect(row.learning_seconds).toBeLessThan(60);
      }
    }
  }, 120_000);

  it('complete_lessons answers each write by its position, whatever the order it applies them in', async () => {
    const org = await ctx.newOrganisation();
    const course = await ctx.newPublishedCourse({ lessons: 2 });
    const a = await ctx.newLearner(org.id);
    const b = await ctx.newLearner(org.id);
    const ea = (await ctx.enrol({ userId: a.id, course, organizationId: org.id })).id;
    const eb = (await ctx.enrol({ userId: b.id, course, organizationId: org.id })).id;
    // b's write first, a's enrolment with b as the caller (not theirs), an unknown lesson, then a's own write.
    const rows = (await ctx.db.query(
      `SELECT idx, outcome, progress_percent FROM complete_lessons($1::uuid[], $2::uuid[], $3::uuid[]) ORDER BY idx`,
      [
        [eb, ea, ea, ea],
        [b.id, b.id, a.id, a.id],
        [course.lessonIds[0], course.lessonIds[0], null, course.lessonIds[1]],
      ],
    )) as { idx: number; outcome: string; progress_percent: number | null }[];
    expect(rows.map((r) => [r.idx, r.outcome])).toEqual([
      [1, 'ok'],
      [2, 'enrolment_not_found'],
      [3, 'lesson_not_found'],
      [4, 'ok'],
    ]);
    expect(rows[0]!.progress_percent).toBe(rows[3]!.progress_percent);
    expect(rows[0]!.progress_percent).toBeGreaterThan(0);

    await expect(ctx.db.query(`SELECT * FROM complete_lessons($1::uuid[], $2::uuid[], $3::uuid[])`, [[ea], [], [course.lessonIds[0]]])).rejects.toThrow(
      /same length/,
    );
    // A beat that reaches no enrolment of its caller gives no row; the others get theirs by position.
    const beats = (await ctx.db.query(`SELECT idx, learning_seconds FROM credit_heartbeats($1::uuid[], $2::uuid[], $3::boolean[], 120, 60) ORDER BY idx`, [
      [ea, eb, eb],
      [a.id, a.id, b.id],
      [true, true, true],
    ])) as { idx: number; learning_seconds: number }[];
    expect(beats.map((r) => r.idx)).toEqual([1, 3]);
  }, 60_000);
});

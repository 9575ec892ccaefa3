import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

process.env.JWT_SECRET ??= 'replica-tests-secret-0123456789abcdef0123456789';

const { REPLICA_DATA_SOURCE, ReplicaRouter } = await import('@kindling/db');
const { newTestContext, prepareDatabase } = await import('../support/context.js');
const { replicaPreflight, startReplica } = await import('../support/replica.js');
type TestContext = Awaited<ReturnType<typeof newTestContext>>;
type TestReplica = Awaited<ReturnType<typeof startReplica>>;

/**
 * The reports read from a real PostgreSQL streaming replica (a second cluster on this machine,
 * made with pg_basebackup by tests/support/replica.ts). Pausing the standby's replay
 * (`pg_wal_replay_pause()`) makes it lag: pages where staleness is acceptable show the replica's
 * older answer; `?fresh=1`, exports (read-your-writes) and a lag above REPLICA_MAX_LAG_MS go to
 * the primary; a replica that is down costs nothing but speed. Without DATABASE_REPLICA_URL
 * everything reads the primary.
 *
 * The harness stops the standby and deletes its directory in afterAll, when its own start
 * fails, and at the worker's exit (a failed or interrupted run leaves no cluster behind). When
 * no replica can be made here (no server binaries, wal_level minimal, replication refused and
 * pg_hba.conf not writable, the primary on another host) the suite is skipped with that reason.
 */
const MAX_LAG_MS = 8_000;

await prepareDatabase(); // before the base backup, so the standby holds the migrated database
const preflight = await replicaPreflight(process.env.DATABASE_URL);
const skipReason = 'skip' in preflight ? preflight.skip : null;
if (skipReason) process.stderr.write(`[replica] SKIPPED: no replica can be started here: ${skipReason}\n`);
const describeWithReplica = skipReason ? describe.skip : describe;

async function cohortWithLearners(ctx: TestContext, learners: number) {
  const org = await ctx.newOrganisation();
  const manager = await ctx.newManager(org.id);
  const course = await ctx.newPublishedCourse({ lessons: 2 });
  const cohort = await ctx.newCohort({ organizationId: org.id, courseId: course.courseId });
  const enrol = async (name: string) => {
    const learner = await ctx.newLearner(org.id, { name });
    await ctx.enrol({ userId: learner.id, course, cohortId: cohort.id, organizationId: org.id });
  };
  for (let i = 0; i < learners; i++) await enrol(`Learner ${i + 1}`);
  return { org, manager, course, cohort, enrol };
}

/** Polls `condition` (every 200 ms) until it holds; fails naming the wait after `timeoutMs`. */
async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeWithReplica(`reports on a streaming replica${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  let replica: TestReplica;
  let ctx: TestContext;

  beforeAll(async () => {
    if ('skip' in preflight) return;
    replica = await startReplica(preflight);
    for (const note of replica.notes) process.stderr.write(`[replica] ${note}\n`);
    ctx = await newTestContext({ config: { databaseReplicaUrl: replica.url, replicaMaxLagMs: MAX_LAG_MS } });
  }, 300_000);

  afterAll(async () => {
    await ctx?.close();
    await replica?.stop();
  }, 120_000);

  it('reads the reports from the replica, falls back to the primary when they must be fresh, when it lags and when it is down', async () => {
    const router = ctx.get(ReplicaRouter);
    expect(router.configured).toBe(true);
    const { manager, cohort, enrol } = await cohortWithLearners(ctx, 2);
    const summary = async (query = '') =>
      (await ctx.http.get(`/api/cohorts/${cohort.id}/summary${query}`).set('Authorization', manager.auth).expect(200)).body as { enrolled: number };
    const progressNames = async (query = '') =>
      ((await ctx.http.get(`/api/cohorts/${cohort.id}/progress${query}`).set('Authorization', manager.auth).expect(200)).body as { rows: { name: string }[] }).rows
        .map((r) => r.name)
        .sort();

    await replica.waitForReplay();
    expect(await summary()).toMatchObject({ enrolled: 2 });
    // The API's replica pool is connected to the standby (its application_name is there).
    const apps = await replica.query<{ application_name: string }>(`SELECT application_name FROM pg_stat_activity WHERE datname = current_database()`);
    expect(apps.map((a) => a.application_name)).toContain('kindling-api-replica');

    // Lag: a commit the standby replays (so its last replayed transaction is now), then the
    // standby stops replaying and a third learner is enrolled on the primary.
    await ctx.db.query(`SELECT txid_current()`);
    await replica.waitForReplay();
    await replica.pauseReplay();
    await enrol('Learner 3');
    // Within the lag bound, the page and the dashboard may be behind: they show the replica's answer.
    const [{ lag_ms: lagNow }] = await replica.query<{ lag_ms: number }>(
      `SELECT (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS lag_ms`,
    );
    expect(lagNow).toBeLessThan(MAX_LAG_MS); // the replica is behind, but within the bound: what follows reads it
    expect((await router.source('stale-ok')).reason).toBe('replica');
    expect(await summary()).toMatchObject({ enrolled: 2 });
    expect(await progressNames()).toEqual(['Learner 1', 'Learner 2']);
    // Must be fresh: ?fresh=1 reads the primary.
    expect(await summary('?fresh=1')).toMatchObject({ enrolled: 3 });
    expect(await progressNames('?fresh=1')).toEqual(['Learner 1', 'Learner 2', 'Learner 3']);
    // An export right after a change holds the change: the standby has not replayed it, so the primary answers.
    expect((await router.source('read-your-writes')).reason).toBe('not-caught-up');
    const csv = await ctx.http.get(`/api/cohorts/${cohort.id}/progress?format=csv`).set('Authorization', manager.auth).expect(200);
    expect(csv.text).toContain('Learner 3');

    // Past REPLICA_MAX_LAG_MS (the probe is cached for a second), even the pages go to the primary.
    await waitFor(async () => (await router.source('stale-ok')).reason === 'lagging', MAX_LAG_MS + 20_000);
    expect(await summary()).toMatchObject({ enrolled: 3 });
    expect(await progressNames()).toEqual(['Learner 1', 'Learner 2', 'Learner 3']);

    // Replay resumes: the replica is used again, and now holds the change.
    await replica.resumeReplay();
    await replica.waitForReplay();
    await waitFor(async () => (await router.source('stale-ok')).reason === 'replica', 20_000); // the cached lag probe expires
    expect(await summary()).toMatchObject({ enrolled: 3 });

    // A write sent to the replica's pool fails (it is read-only); the export's audit event went to the primary.
    await expect(ctx.get<import('typeorm').DataSource>(REPLICA_DATA_SOURCE).query(`CREATE TEMP TABLE t_replica_write (x int)`)).rejects.toThrow(/read-only/);

    // The replica goes down: reports still answer, from the primary.
    await replica.shutDown();
    await waitFor(async () => (await router.source('stale-ok')).reason === 'unavailable', 20_000);
    expect(await summary()).toMatchObject({ enrolled: 3 });
    const funnel = await ctx.http.get(`/api/cohorts/${cohort.id}/funnel`).set('Authorization', manager.auth).expect(200);
    expect(funnel.body).toMatchObject({ enrolled: 3 });
  }, 150_000);
});

describe('reports without a replica (DATABASE_REPLICA_URL unset)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await newTestContext({ config: { databaseReplicaUrl: null } });
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('reads and exports on the primary: REPLICA_DATA_SOURCE is the primary DataSource', async () => {
    expect(ctx.get(REPLICA_DATA_SOURCE)).toBe(ctx.db);
    const router = ctx.get(ReplicaRouter);
    expect(router.configured).toBe(false);
    for (const freshness of ['stale-ok', 'read-your-writes', 'primary'] as const) {
      expect(await router.source(freshness)).toMatchObject({ replica: false, reason: 'no-replica' });
    }
    const { manager, cohort } = await cohortWithLearners(ctx, 2);
    const get = (path: string) => ctx.http.get(`/api/cohorts/${cohort.id}/${path}`).set('Authorization', manager.auth).expect(200);
    expect((await get('summary')).body).toMatchObject({ enrolled: 2 });
    expect((await get('summary?fresh=1')).body).toMatchObject({ enrolled: 2 });
    expect((await get('progress')).body).toMatchObject({ total: 2 });
    expect((await get('progress?format=csv')).text).toContain('Learner 2');
    expect((await get('score-distribution')).body).toMatchObject({ scored: 0 });
    await ctx.http.get(`/api/cohorts/${cohort.id}/summary?fresh=maybe`).set('Authorization', manager.auth).expect(400);
  }, 60_000);

  it('the harness names what is missing when it cannot start a replica (the suite above then skips with that reason)', async () => {
    expect(await replicaPreflight(undefined)).toEqual({ skip: 'DATABASE_URL is not set' });
    expect(await replicaPreflight('postgres://postgres@db.example.org:5432/kindling')).toEqual({ skip: expect.stringMatching(/not on this machine/) });
  });
});

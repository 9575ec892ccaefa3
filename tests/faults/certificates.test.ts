import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { dataSourceOptions, ensureDatabase, runMigrations } from '@kindling/db';
import { DataSource } from 'typeorm';
import {
  assertWorkerBuilt,
  type Batch,
  countBatch,
  deleteKeysWithPrefix,
  seedCompletedEnrolments,
  startWorker,
  waitFor,
  type WorkerProcess,
} from './certificate-fault-support.js';

/**
 * Certificates exactly once, whatever fails — with real worker processes (the built
 * dist/apps/worker), real PostgreSQL and real Redis. Each scenario uses its own queue prefix.
 */
const N = 300;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('certificate issuing under faults (real processes)', () => {
  let db: DataSource;
  const workers: WorkerProcess[] = [];
  const prefixes: string[] = [];

  const envFor = (prefix: string) => ({ DATABASE_URL: process.env.DATABASE_URL ?? '', REDIS_URL: redisUrl, KINDLING_QUEUE_PREFIX: prefix });
  const newPrefix = () => {
    const p = `{kindling-faults-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}}`;
    prefixes.push(p);
    return p;
  };
  const spawnWorker = (prefix: string) => {
    const w = startWorker(envFor(prefix));
    workers.push(w);
    return w;
  };
  const logs = () => workers.map((w, i) => `--- worker ${i} ---\n${w.output()}`).join('\n');

  async function expectExactlyOnce(batch: Batch): Promise<void> {
    await waitFor(`${N} certificates`, async () => (await countBatch(db, batch)).certificates >= N, 50_000, logs);
    const counts = await countBatch(db, batch);
    expect(counts).toEqual({ certificates: N, distinctEnrolments: N, distinctNumbers: N, documents: N, storedFiles: N });
    // every number taken was used by its enrolment's certificate: no gaps, even after a kill
    const unused: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM certificate_number_reservations r LEFT JOIN certificates c ON c.enrolment_id = r.enrolment_id
        WHERE r.enrolment_id = ANY($1::uuid[]) AND (c.id IS NULL OR c.number <> r.number)`,
      [batch.enrolmentIds],
    );
    expect(unused[0]!.n).toBe(0);
  }

  beforeAll(async () => {
    assertWorkerBuilt();
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL must name a scratch database (npm test sets it)');
    await ensureDatabase(url).catch(() => undefined);
    await runMigrations(url);
    db = new DataSource(dataSourceOptions({ databaseUrl: url, poolSize: 4, applicationName: 'kindling-fault-tests' }));
    await db.initialize();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')));
  });
  afterAll(async () => {
    for (const p of prefixes) await deleteKeysWithPrefix(redisUrl, p);
    await db.destroy();
  });

  it('a worker SIGKILLed while issuing 300 certificates, then another started → 300 certificates, no duplicates', async () => {
    const batch = await seedCompletedEnrolments(db, N);
    const prefix = newPrefix();
    const first = spawnWorker(prefix);
    await waitFor('the first worker to issue some', async () => (await countBatch(db, batch)).certificates >= 40, 30_000, logs);
    await first.kill('SIGKILL');
    const before = (await countBatch(db, batch)).certificates;
    expect(before).toBeLessThan(N);
    spawnWorker(prefix);
    await expectExactlyOnce(batch);
  }, 90_000);

  it('Redis loses its data midway → the sweep re-enqueues and all 300 are issued', async () => {
    const batch = await seedCompletedEnrolments(db, N);
    const prefix = newPrefix();
    spawnWorker(prefix);
    await waitFor('some certificates', async () => (await countBatch(db, batch)).certificates >= 40, 30_000, logs);
    // every outbox row is relayed by now, so from here only the sweep can bring the rest back
    const pending: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'certificate.issue' AND dedupe_key = ANY($1::text[]) AND dispatched_at IS NULL`,
      [batch.enrolmentIds],
    );
    expect(pending[0]!.n).toBe(0);
    expect(await deleteKeysWithPrefix(redisUrl, prefix)).toBeGreaterThan(0);
    expect((await countBatch(db, batch)).certificates).toBeLessThan(N);
    await expectExactlyOnce(batch);
  }, 90_000);

  it('two workers at once → no duplicates', async () => {
    const batch = await seedCompletedEnrolments(db, N);
    const prefix = newPrefix();
    spawnWorker(prefix);
    spawnWorker(prefix);
    await expectExactlyOnce(batch);
  }, 90_000);
});

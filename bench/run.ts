import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createDataSource, dropDatabase, ensureDatabase, runMigrations } from '@kindling/db';
import { QueueName } from '@kindling/queue';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { completionWrites } from './lines/a-completion-writes.js';
import { quizStarts } from './lines/b-quiz-starts.js';
import { reports } from './lines/c-reports.js';
import { csvEnrolment } from './lines/d-csv-enrolment.js';
import { certificates } from './lines/e-certificates.js';
import { webSize } from './lines/f-web-size.js';
import { heartbeats } from './lines/g-heartbeats.js';
import { attemptStarts } from './lines/h-attempt-starts.js';
import { attemptSubmissions } from './lines/i-attempt-submissions.js';
import { selfAssessments } from './lines/j-self-assessments.js';
import { BenchTokens } from './lib/tokens.js';
import { measureNoop, type NoopResult } from './lib/writes.js';
import { describeMachine } from './lib/machine.js';
import { parseOptions } from './lib/options.js';
import { explainCohortReports } from './lib/plans.js';
import { type Line, ms, printTable, r1, r2, say } from './lib/report.js';
import { assertBuilt, freePort, startProcess, waitForHealth } from './lib/stack.js';
import { SCALE_PASSWORD, type ScaleCohort, seedScaleCohort } from './scale/seed.js';

/**
 * npm run bench — Kindling at the sizes of a national programme, on this machine.
 *
 * Creates its own database (kindling_bench; dropped and recreated, never `kindling`), seeds a
 * cohort of 10,000 and one of 100,000 learners with bulk SQL, starts the BUILT API and worker
 * as child processes, and measures on loopback with autocannon, each run bounded in time:
 *   a  lesson-completion writes at 64 connections beside the no-op route (same process, same run)
 *   b  3,000 learners starting a quiz attempt within 10 s
 *   c  the cohort progress page and summary at 10,000 and 100,000 learners
 *   d  CSV enrolment of 2,000 and 20,000 lines
 *   e  certificates per second end to end beside bare pdfkit
 *   f  the learner route's gzip size (from the web build's manifest)
 *   g–j the other hot learner writes at 64 connections, each with its ratio to the no-op of (a):
 *      g heartbeat, h quiz attempt start, i quiz attempt submission, j pre self-assessment
 * Prints a table and writes bench/results.json; EXPLAIN (ANALYZE, BUFFERS) of the queries
 * behind (c) go to bench/plans/.
 *
 * Options: --database NAME  --small N  --large N  --duration S  --connections-reports N
 *          --certificates N  --only a,b,c,d,e,f,g,h,i,j  --out DIR
 *          --once-max N (i and j send at most N one-shot requests; default 8,000)
 *
 * One file per measurement in bench/lines/; the shared table and formatting in bench/lib/.
 */

const JWT_SECRET = `bench-${randomUUID()}-${randomUUID()}`;
/** Overridable so several checkouts on one machine can bench side by side without clearing each other's queues. */
const QUEUE_PREFIX = process.env.BENCH_QUEUE_PREFIX ?? '{kindling-bench}';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  assertBuilt();
  const baseDbUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kindling');
  baseDbUrl.pathname = `/${options.database}`;
  const databaseUrl = baseDbUrl.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const started = new Date();
  const lines: Line[] = [];

  say(`Kindling benchmarks — database ${options.database} (dropped and recreated), queue prefix ${QUEUE_PREFIX}`);
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  const ds = createDataSource({ databaseUrl, poolSize: 4, applicationName: 'kindling-bench' });
  await ds.initialize();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  await clearQueues(redis);
  const machine = await describeMachine(ds, redis);
  say(`Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`);

  // ---------- seed ----------
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const seeds: ScaleCohort[] = [];
  const needLarge = ['a', 'b', 'c', 'g', 'h', 'i', 'j'].some((o) => options.only.has(o));
  for (const learners of needLarge ? [options.small, options.large] : [options.small]) {
    say(`\nSeeding ${learners} learners (bulk SQL)…`);
    const seeded = await seedScaleCohort(ds, { learners, publicUrl: baseUrl, log: say });
    say(`  done in ${seeded.seconds.toFixed(1)} s`);
    seeds.push(seeded);
  }
  const small = seeds[0]!;
  const large = seeds[seeds.length - 1]!;
  lines.push({
    id: 'seed',
    what: `seed:scale of ${large.learners} learners (bulk SQL, one transaction)`,
    figures: { seconds: r1(large.seconds), [`seconds at ${small.learners}`]: r1(small.seconds) },
    target: large.learners >= 100_000 ? '< 300 s at 100,000' : 'report',
    met: large.learners >= 100_000 ? large.seconds < 300 : null,
  });

  // ---------- the built processes ----------
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    KINDLING_QUEUE_PREFIX: QUEUE_PREFIX,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    KINDLING_SELF_REGISTRATION: 'false',
  };
  const api = startProcess('api', env);
  const worker = startProcess('worker', env);
  const processes = [api, worker];
  const tokens = new BenchTokens(ds, JWT_SECRET, { redisUrl, queuePrefix: QUEUE_PREFIX });
  try {
    await waitForHealth(baseUrl, processes);
    say(`\nAPI and worker up at ${baseUrl} (built dist/, NODE_ENV=production, LOG_LEVEL=warn)`);
    const managerTokens = new Map<string, string>();
    for (const seed of seeds) managerTokens.set(seed.cohortId, await login(baseUrl, seed.managerEmail, SCALE_PASSWORD));

    if (options.only.has('f')) lines.push(webSize());
    if (options.only.has('a')) lines.push(...(await completionWrites(ds, baseUrl, large, tokens, options, api)));
    if (options.only.has('b')) lines.push(await quizStarts(ds, baseUrl, large, tokens));
    if (['g', 'h', 'i', 'j'].some((o) => options.only.has(o))) {
      // The no-op of (a) when it ran; otherwise measured here the same way.
      const noop = (lines.find((l) => l.id === 'a.noop')?.detail as NoopResult | undefined) ?? (await measureNoop(baseUrl, options, api, ds));
      if (options.only.has('g')) lines.push(await heartbeats(ds, baseUrl, large, tokens, options, api, noop));
      if (options.only.has('h')) lines.push(await attemptStarts(ds, baseUrl, large, tokens, options, api, noop));
      if (options.only.has('i')) lines.push(await attemptSubmissions(ds, baseUrl, large, tokens, options, api, noop));
      if (options.only.has('j')) lines.push(await selfAssessments(ds, baseUrl, large, tokens, options, api, noop));
    }
    if (options.only.has('c')) {
      for (const seed of seeds) lines.push(...(await reports(baseUrl, seed, managerTokens.get(seed.cohortId)!, options)));
      for (const seed of seeds) {
        const plans = await explainCohortReports(
          ds,
          seed.cohortId,
          { userId: seed.managerId, platformRoles: [], memberships: new Map([[seed.organizationId, 'manager']]) },
          String(seed.learners),
          join(options.out, 'plans'),
        );
        for (const p of plans) say(`  plan → ${p.file} (execution ${p.executionMs.map((v) => ms(v)).join(' + ')})`);
      }
    }
    // Certificates before the CSV uploads: the invitations those send are worker jobs too.
    if (options.only.has('e')) lines.push(...(await certificates(ds, small, worker, options.certificates, baseUrl)));
    if (options.only.has('d')) lines.push(...(await csvEnrolment(ds, baseUrl, small, managerTokens.get(small.cohortId)!)));
  } catch (error) {
    say(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    say(`--- api output ---\n${api.output().slice(-4_000)}\n--- worker output ---\n${worker.output().slice(-4_000)}`);
    process.exitCode = 1;
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await tokens.close();
    await clearQueues(redis);
    redis.disconnect();
    await ds.destroy();
  }

  printTable(lines, machine);
  const results = {
    machine,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    loadAverageAtEnd: loadavg().map((v) => r2(v)),
    options: { ...options, only: [...options.only] },
    seeds: seeds.map((s) => ({ learners: s.learners, seconds: r1(s.seconds), cohortId: s.cohortId })),
    results: lines,
  };
  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, options.results), `${JSON.stringify(results, null, 2)}\n`);
  say(`\nWritten ${join(options.out, options.results)}`);
}

async function clearQueues(redis: Redis): Promise<void> {
  for (const name of Object.values(QueueName)) {
    const queue = new Queue(name, { connection: redis, prefix: QUEUE_PREFIX });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (res.status !== 200 || !body.accessToken) throw new Error(`login of ${email} answered ${res.status}: ${JSON.stringify(body)}`);
  return body.accessToken;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

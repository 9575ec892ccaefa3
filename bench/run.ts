import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { JwtService } from '@nestjs/jwt';
import { CertificateRenderer, renderBarePdfkit, type CertificateContent } from '@kindling/certificates';
import { createDataSource, dropDatabase, ensureDatabase, runMigrations } from '@kindling/db';
import { QueueName } from '@kindling/queue';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { describeMachine, type MachineInfo } from './lib/machine.js';
import { explainCohortReports } from './lib/plans.js';
import { type LoadResult, runLoad } from './lib/load.js';
import { assertBuilt, type BenchProcess, freePort, startProcess, waitForHealth, withCpuSplit } from './lib/stack.js';
import { SCALE_ITEMS, SCALE_PASSWORD, type ScaleCohort, seedScaleCohort } from './scale/seed.js';

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
 * Prints a table and writes bench/results.json; EXPLAIN (ANALYZE, BUFFERS) of the queries
 * behind (c) go to bench/plans/.
 *
 * Options: --database NAME  --small N  --large N  --duration S  --connections-reports N
 *          --certificates N  --only a,b,c,d,e,f  --out DIR
 */

interface Options {
  database: string;
  small: number;
  large: number;
  duration: number;
  reportConnections: number;
  certificates: number;
  only: Set<string>;
  out: string;
  results: string;
}

const ALL = ['a', 'b', 'c', 'd', 'e', 'f'];

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min: number): number => {
    const raw = value(name);
    const v = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got ${raw})`);
    return v;
  };
  const database = value('database') ?? 'kindling_bench';
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error('--database must be a plain lower-case name');
  if (database === 'kindling' || database === 'postgres') throw new Error(`--database ${database}: the benchmark drops its database; pick another name`);
  const only = new Set((value('only') ?? ALL.join(',')).split(',').map((s) => s.trim()));
  for (const o of only) if (!ALL.includes(o)) throw new Error(`--only takes letters among ${ALL.join(',')} (got ${o})`);
  const partial = ALL.some((o) => !only.has(o));
  return {
    database,
    small: int('small', 10_000, 100),
    large: int('large', 100_000, 100),
    duration: int('duration', 10, 1),
    reportConnections: int('connections-reports', 4, 1),
    certificates: int('certificates', 600, 10),
    only,
    out: value('out') ?? 'bench',
    results: value('results') ?? (partial ? `results-${[...only].sort().join('')}.json` : 'results.json'),
  };
}

/** One line of the results table. */
interface Line {
  id: string;
  what: string;
  figures: Record<string, number | string>;
  target: string;
  /** true met, false missed, null: no target or not measured. */
  met: boolean | null;
  note?: string;
  /** The raw measurement (status codes, error samples, …). */
  detail?: unknown;
}

const JWT_SECRET = `bench-${randomUUID()}-${randomUUID()}`;
const QUEUE_PREFIX = '{kindling-bench}';

const ms = (v: number) => `${v.toFixed(1)} ms`;
const r1 = (v: number) => Math.round(v * 10) / 10;
const r2 = (v: number) => Math.round(v * 100) / 100;
const say = (line: string) => process.stdout.write(`${line}\n`);

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
  const needLarge = ['a', 'b', 'c'].some((o) => options.only.has(o));
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
  try {
    await waitForHealth(baseUrl, processes);
    say(`\nAPI and worker up at ${baseUrl} (built dist/, NODE_ENV=production, LOG_LEVEL=warn)`);
    const jwt = new JwtService({ secret: JWT_SECRET });
    const tokenFor = (userId: string) =>
      jwt.sign({ sub: userId, fam: randomUUID() }, { algorithm: 'HS256', issuer: 'kindling', audience: 'kindling-api', expiresIn: 3_600 });
    const managerTokens = new Map<string, string>();
    for (const seed of seeds) managerTokens.set(seed.cohortId, await login(baseUrl, seed.managerEmail, SCALE_PASSWORD));

    if (options.only.has('f')) lines.push(webSize());
    if (options.only.has('a')) lines.push(...(await completionWrites(ds, baseUrl, large, tokenFor, options, api)));
    if (options.only.has('b')) lines.push(await quizStarts(ds, baseUrl, large, tokenFor));
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

const shuffle = <T>(list: T[]): T[] => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
};

const loadFigures = (r: LoadResult) => ({
  'req/s': r1(r.rps),
  p50: r2(r.p50),
  p95: r2(r.p95),
  p99: r2(r.p99),
  requests: r.requests,
  errors: r.errors,
});

// ---------- (a) lesson completion writes beside the no-op route ----------
async function completionWrites(
  ds: DataSource,
  baseUrl: string,
  cohort: ScaleCohort,
  tokenFor: (userId: string) => string,
  options: Options,
  api: BenchProcess,
): Promise<Line[]> {
  say('\n(a) lesson-completion writes at 64 connections beside GET /api/bench/noop');
  // Learners who may learn (pre done, active) and are far from the end, so no write completes an
  // enrolment (that would add certificate work to the run); each gets its next two lessons.
  const learners = (await ds.query(
    `SELECT id, user_id, lessons_completed FROM enrolments
      WHERE cohort_id = $1 AND status = 'active' AND pre_done AND lessons_completed <= $2
      ORDER BY random() LIMIT 40000`,
    [cohort.cohortId, cohort.lessonIds.length - 4],
  )) as { id: string; user_id: string; lessons_completed: number }[];
  const pairs = shuffle(
    learners.flatMap((l) => {
      const token = `Bearer ${tokenFor(l.user_id)}`;
      return [0, 1].map((k) => ({ path: `/api/enrolments/${l.id}/lessons/${cohort.lessonIds[l.lessons_completed + k]}/completion`, token }));
    }),
  );
  const connections = 64;
  const noop = await withCpuSplit(api, () =>
    runLoad({ baseUrl, connections, duration: options.duration, next: () => ({ method: 'GET', path: '/api/bench/noop' }) }),
  );
  const cpu = (c: { apiMs: number; loadGeneratorMs: number; restMs: number }) =>
    `CPU per request: API ${c.apiMs} ms, load generator ${c.loadGeneratorMs} ms, PostgreSQL and the rest ${c.restMs} ms`;
  say(`  noop:   ${r1(noop.rps)} req/s, p50 ${ms(noop.p50)}, p99 ${ms(noop.p99)}, errors ${noop.errors}; ${cpu(noop.cpu)}`);
  const writes = await withCpuSplit(api, () =>
    runLoad({
      baseUrl,
      connections,
      duration: options.duration,
      next: (n) => {
        const pair = pairs[n % pairs.length]!;
        return { method: 'PUT', path: pair.path, headers: { authorization: pair.token } };
      },
    }),
  );
  const distinct = Math.min(writes.requests, pairs.length);
  say(`  writes: ${r1(writes.rps)} req/s, p50 ${ms(writes.p50)}, p99 ${ms(writes.p99)}, errors ${writes.errors}; ${cpu(writes.cpu)} ${writes.errorSamples.join(' | ')}`);
  const ratio = noop.rps > 0 ? writes.rps / noop.rps : 0;
  return [
    {
      id: 'a.noop',
      what: 'GET /api/bench/noop, 64 connections',
      figures: { ...loadFigures(noop), 'API CPU ms/req': noop.cpu.apiMs },
      target: 'baseline',
      met: null,
      detail: noop,
    },
    {
      id: 'a.writes',
      what: `PUT …/lessons/:id/completion, 64 connections, ${distinct} distinct (enrolment, lesson) pairs`,
      figures: { ...loadFigures(writes), 'ratio to noop': r2(ratio), 'API CPU ms/req': writes.cpu.apiMs, 'DB+rest CPU ms/req': writes.cpu.restMs },
      target: 'ratio ≥ 0.4 and p99 < 50 ms, no errors',
      met: ratio >= 0.4 && writes.p99 < 50 && writes.errors === 0,
      note: writes.errorSamples[0],
      detail: writes,
    },
  ];
}

// ---------- (b) 3,000 learners start a quiz attempt within 10 s ----------
async function quizStarts(ds: DataSource, baseUrl: string, cohort: ScaleCohort, tokenFor: (userId: string) => string): Promise<Line> {
  const total = 3_000;
  const seconds = 10;
  say(`\n(b) ${total} learners start the final quiz within ${seconds} s (each once, own token)`);
  const finalQuiz = cohort.quizIds[cohort.quizIds.length - 1]!;
  const learners = (await ds.query(
    `SELECT e.id, e.user_id FROM enrolments e
      WHERE e.cohort_id = $1 AND e.status = 'active' AND e.pre_done
        AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.enrolment_id = e.id AND a.quiz_id = $2)
      ORDER BY random() LIMIT $3`,
    [cohort.cohortId, finalQuiz, total],
  )) as { id: string; user_id: string }[];
  if (learners.length < total) throw new Error(`only ${learners.length} learners can start the final quiz; seed a larger cohort`);
  const requests = learners.map((l) => ({ path: `/api/enrolments/${l.id}/quizzes/${finalQuiz}/attempts`, token: `Bearer ${tokenFor(l.user_id)}` }));
  const result = await runLoad({
    baseUrl,
    connections: 100,
    amount: total,
    overallRate: total / seconds,
    next: (n) => ({ method: 'POST', path: requests[n]!.path, headers: { authorization: requests[n]!.token } }),
  });
  const [created] = (await ds.query(
    `SELECT count(*)::int AS n FROM quiz_attempts WHERE quiz_id = $1 AND enrolment_id = ANY($2::uuid[]) AND submitted_at IS NULL`,
    [finalQuiz, learners.map((l) => l.id)],
  )) as { n: number }[];
  say(`  ${result.ok}/${total} answered 2xx in ${result.seconds.toFixed(1)} s, p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, errors ${result.errors}; attempts stored: ${created?.n}`);
  return {
    id: 'b',
    what: `POST …/quizzes/:id/attempts, ${total} learners at ${total / seconds}/s (100 connections)`,
    figures: { ...loadFigures(result), seconds: r1(result.seconds), 'attempts stored': created?.n ?? 0 },
    target: 'no errors and p95 < 300 ms',
    met: result.errors === 0 && result.p95 < 300 && (created?.n ?? 0) === total,
    note: result.errorSamples[0],
    detail: result,
  };
}

// ---------- (c) cohort progress page and summary ----------
/**
 * Each route first as one manager sees it (one connection, requests back to back: the target
 * is judged there), then with several managers at once (--connections-reports, reported only).
 */
async function reports(baseUrl: string, cohort: ScaleCohort, token: string, options: Options): Promise<Line[]> {
  say(`\n(c) cohort reports at ${cohort.learners} learners (${options.duration} s per run)`);
  const out: Line[] = [];
  for (const route of ['progress', 'summary'] as const) {
    const path = `/api/cohorts/${cohort.cohortId}/${route}`;
    const warm = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (warm.status !== 200) throw new Error(`GET ${path} answered ${warm.status}: ${await warm.text()}`);
    const body = (await warm.json()) as { rows?: unknown[]; enrolled?: number };
    for (const connections of [...new Set([1, options.reportConnections])]) {
      const result = await runLoad({
        baseUrl,
        connections,
        duration: options.duration,
        next: () => ({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } }),
      });
      say(`  ${route}, ${connections} connection(s): ${r1(result.rps)} req/s, p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, errors ${result.errors}`);
      const judged = connections === 1 && (route === 'summary' || cohort.learners < 100_000);
      const target = !judged ? 'report (no target)' : 'p95 < 100 ms';
      out.push({
        id: `c.${route}.${cohort.learners}${connections === 1 ? '' : `.x${connections}`}`,
        what:
          `GET /api/cohorts/:id/${route} at ${cohort.learners} learners` +
          `${route === 'progress' ? ` (first page, ${body.rows?.length ?? '?'} rows)` : ''}, ` +
          (connections === 1 ? 'one manager (1 connection)' : `${connections} managers at once`),
        figures: { p50: r2(result.p50), p95: r2(result.p95), p99: r2(result.p99), 'req/s': r1(result.rps), errors: result.errors },
        target,
        met: judged ? result.p95 < 100 && result.errors === 0 : null,
        detail: result,
      });
    }
  }
  return out;
}

// ---------- (d) CSV enrolment ----------
async function csvEnrolment(ds: DataSource, baseUrl: string, cohort: ScaleCohort, token: string): Promise<Line[]> {
  const out: Line[] = [];
  for (const size of [2_000, 20_000]) {
    say(`\n(d) CSV enrolment of ${size} lines`);
    const created = await fetch(`${baseUrl}/api/organizations/${cohort.organizationId}/cohorts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `CSV ${size} ${randomUUID().slice(0, 6)}`, courseId: cohort.courseId, audience: 'health-staff' }),
    });
    const { id: cohortId } = (await created.json()) as { id: string };
    if (created.status !== 201) throw new Error(`creating a cohort answered ${created.status}`);
    const tag = randomUUID().slice(0, 8);
    const csv = ['email,name', ...Array.from({ length: size }, (_, i) => `csv-${i + 1}-${tag}@bench.kindling.test,CSV Learner ${i + 1}`)].join('\n') + '\n';
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/cohorts/${cohortId}/enrolments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const answer = (await res.json()) as { enrolled?: number; jobId?: string; errors?: unknown[] };
    let status = String(res.status);
    if (res.status === 202 && answer.jobId) {
      status = `202 → ${await waitForJob(baseUrl, token, answer.jobId, 600_000)}`;
    } else if (res.status !== 200) {
      throw new Error(`CSV upload of ${size} lines answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const [count] = (await ds.query(`SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1`, [cohortId])) as { n: number }[];
    say(`  ${status}: ${count?.n} enrolments in ${seconds.toFixed(2)} s`);
    out.push({
      id: `d.${size}`,
      what: `POST /api/cohorts/:id/enrolments, text/csv of ${size} new learners (${status})`,
      figures: { seconds: r2(seconds), enrolled: count?.n ?? 0, 'lines/s': Math.round(size / seconds) },
      target: size === 2_000 ? '< 5 s' : 'report (no target)',
      met: size === 2_000 ? seconds < 5 && count?.n === size : count?.n === size ? null : false,
    });
  }
  return out;
}

async function waitForJob(baseUrl: string, token: string, jobId: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } });
    const job = (await res.json()) as { status?: string; error?: string };
    if (job.status === 'done') return 'done';
    if (job.status === 'failed') throw new Error(`job ${jobId} failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish in ${timeoutMs / 1000} s`);
}

// ---------- (e) certificates end to end beside bare pdfkit ----------
async function certificates(ds: DataSource, cohort: ScaleCohort, worker: BenchProcess, count: number, baseUrl: string): Promise<Line[]> {
  say(`\n(e) certificates: bare pdfkit and the real renderer in this process, then ${count} end to end through the worker`);
  const content = (i: number): CertificateContent => ({
    number: `KND-2026-${String(900_000 + i).padStart(6, '0')}`,
    holderName: `Zoë Müller-Ćosić ${i}`,
    courseTitle: 'Kindness at scale',
    hours: 12,
    accreditationBody: 'Scale Accreditation Board',
    accreditationReference: 'SAB-30',
    completedAt: new Date(),
    issuedAt: new Date(),
    organizationName: 'Scale Hospital',
    verificationUrl: `${baseUrl}/verify/${randomUUID()}`,
    locale: 'en',
  });
  const rate = async (render: (c: CertificateContent) => Promise<Buffer>, seconds: number): Promise<number> => {
    await render(content(0));
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) await render(content(++n));
    return n / ((performance.now() - t0) / 1000);
  };
  const bare = await rate(renderBarePdfkit, 3);
  const renderer = await CertificateRenderer.create();
  const real = await rate((c) => renderer.render(c), 3);
  say(`  bare pdfkit: ${r1(bare)} PDFs/s; CertificateRenderer (DejaVu Sans + vector QR): ${r1(real)} PDFs/s (one core, in this process)`);

  // N learners who have just completed, each with its certificate request in the outbox — as
  // CompletionService writes them — committed at once; the clock runs until N certificates exist.
  const cpuBefore = worker.cpuSeconds();
  const t0 = performance.now();
  const ids = (await ds.transaction(async (em) => {
    const tag = randomUUID().slice(0, 8);
    const rows = (await em.query(
      `WITH u AS (
         INSERT INTO users (email, name, password_hash)
         SELECT 'cert-' || i || '-' || $1 || '@bench.kindling.test', 'Certificate Holder ' || i, NULL FROM generate_series(1, $2::int) i
         RETURNING id)
       INSERT INTO enrolments (user_id, course_id, course_version_id, cohort_id, organization_id, status, items_total, items_done,
         lessons_total, lessons_completed, progress_percent, learning_seconds, best_final_score, pre_done, post_done, started_at,
         last_activity_at, completed_at)
       SELECT u.id, $3, $4, $5, $6, 'completed', ${SCALE_ITEMS}, ${SCALE_ITEMS}, $7, $7, 100, 16200, 80, true, true,
              now() - interval '3 days', now(), now()
         FROM u RETURNING id`,
      [tag, count, cohort.courseId, cohort.courseVersionId, cohort.cohortId, cohort.organizationId, cohort.lessonIds.length],
    )) as { id: string }[];
    await em.query(
      `INSERT INTO outbox (topic, dedupe_key, payload) SELECT 'certificate.issue', e, jsonb_build_object('enrolmentId', e) FROM unnest($1::uuid[]) e`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => r.id);
  })) as string[];
  const committed = performance.now();
  const deadline = committed + 600_000;
  let issued = 0;
  while (performance.now() < deadline) {
    const [row] = (await ds.query(`SELECT count(*)::int AS n FROM certificates WHERE enrolment_id = ANY($1::uuid[])`, [ids])) as { n: number }[];
    issued = row?.n ?? 0;
    if (issued >= count) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - committed) / 1000;
  const cpu = worker.cpuSeconds() - cpuBefore;
  const perSecond = issued / seconds;
  const perCpuSecond = cpu > 0 ? issued / cpu : Number.NaN;
  say(`  ${issued}/${count} certificates in ${seconds.toFixed(1)} s (${r1(perSecond)}/s, one worker process); worker CPU ${cpu.toFixed(1)} s → ${r1(perCpuSecond)} per CPU-second; setup ${((committed - t0) / 1000).toFixed(1)} s`);
  return [
    { id: 'e.bare', what: 'bare pdfkit (Helvetica, no QR), one core', figures: { 'PDFs/s': r1(bare) }, target: 'baseline', met: null },
    { id: 'e.renderer', what: 'CertificateRenderer.render (DejaVu Sans, vector QR), one core', figures: { 'PDFs/s': r1(real), 'share of bare': r2(real / bare) }, target: 'report', met: null },
    {
      id: 'e.end-to-end',
      what: `${count} certificates end to end: outbox → BullMQ → worker (render, store, number, audit), 1 worker process`,
      figures: { issued, seconds: r1(seconds), 'certificates/s': r1(perSecond), 'per worker CPU-second': r1(perCpuSecond) },
      target: '≥ 60 certificates/s per worker core',
      met: issued === count && perSecond >= 60,
    },
  ];
}

// ---------- (f) learner route gzip size ----------
function webSize(): Line {
  const outDir = 'dist/web';
  const manifestPath = join(outDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) {
    return { id: 'f', what: 'learner route JavaScript, gzip', figures: {}, target: '≤ 200 KB', met: null, note: 'web app not built (npm run build:web)' };
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) visit(k);
  };
  if (entry) visit(entry);
  let raw = 0;
  let gz = 0;
  for (const key of seen) {
    const file = manifest[key]?.file;
    if (!file?.endsWith('.js')) continue;
    const bytes = readFileSync(join(outDir, file));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  say(`\n(f) learner route: ${seen.size} chunks, ${(raw / 1000).toFixed(1)} KB raw, ${(gz / 1000).toFixed(1)} KB gzip`);
  return {
    id: 'f',
    what: `learner route JavaScript (entry + static imports, ${seen.size} chunks), gzip -9`,
    figures: { 'KB gzip': r1(gz / 1000), 'KB raw': r1(raw / 1000) },
    target: '≤ 200 KB (web budget)',
    met: gz <= 200_000,
  };
}

function printTable(lines: Line[], machine: MachineInfo): void {
  const rows = lines.map((l) => [
    l.id,
    l.what,
    Object.entries(l.figures)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    l.target,
    l.met === null ? '—' : l.met ? 'met' : 'MISSED',
  ]);
  const head = ['#', 'measurement', 'figures (ms unless stated)', 'target', ''];
  const widths = head.map((h, i) => Math.min(i === 1 ? 70 : i === 2 ? 80 : 40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  say(`\nResults — ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, ${machine.date}`);
  say(fmt(head));
  say(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) say(fmt(r));
  for (const l of lines) if (l.note) say(`  ${l.id}: ${l.note}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

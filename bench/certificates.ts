/**
 * npm run bench:certificates — certificates per second end to end (outbox row → stored PDF)
 * with the built worker process, beside a bare pdfkit render of the same page in the same run.
 *
 *   N=500 WORKER_CONCURRENCY=4 WORKERS=1 npm run bench:certificates
 *
 * Uses BENCH_DATABASE_URL, or DATABASE_URL with "_bench" appended to the database name (created
 * and migrated when missing), and a private Redis queue prefix that is deleted afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { CertificateRenderer, renderBarePdfkit, type CertificateContent } from '@kindling/certificates';
import { dataSourceOptions, ensureDatabase, runMigrations } from '@kindling/db';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { type Batch, seedCompletedEnrolments } from './certificate-seed.js';

const N = Number(process.env.N ?? process.argv[2] ?? 500);
const WORKERS = Number(process.env.WORKERS ?? 1);
const CONCURRENCY = process.env.WORKER_CONCURRENCY ?? '4';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKER_ENTRY = new URL('../apps/worker/src/main.js', import.meta.url).pathname;

function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kindling');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}_bench`;
  return url.toString();
}

async function issuedCount(db: DataSource, batch: Batch): Promise<number> {
  const rows: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id
      JOIN stored_files f ON f.key = d.storage_key WHERE c.enrolment_id = ANY($1::uuid[])`,
    [batch.enrolmentIds],
  );
  return rows[0]!.n;
}

async function waitIssued(db: DataSource, batch: Batch, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await issuedCount(db, batch)) < batch.enrolmentIds.length) {
    if (Date.now() > deadline) throw new Error(`timed out: ${await issuedCount(db, batch)}/${batch.enrolmentIds.length} issued`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, (m) => `\\${m}`)}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

const sample = (i: number): CertificateContent => ({
  number: `KND-2026-${String(i).padStart(6, '0')}`,
  holderName: `Zoë Müller-Ćosić ${i}`,
  courseTitle: 'Freundlichkeit im Klassenzimmer',
  hours: 6,
  accreditationBody: 'Landesinstitut',
  accreditationReference: 'LI-2026-7',
  completedAt: new Date(),
  issuedAt: new Date(),
  organizationName: 'Grundschule Am See',
  verificationUrl: `https://kindling.example/verify/${'x'.repeat(20)}${i}`,
  locale: 'de',
});

async function rendersPerSecond(render: (c: CertificateContent) => Promise<Buffer>, n: number): Promise<number> {
  for (let i = 0; i < 10; i++) await render(sample(i));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await render(sample(i));
  return n / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const databaseUrl = benchDatabaseUrl();
  await ensureDatabase(databaseUrl).catch(() => undefined);
  await runMigrations(databaseUrl);
  const db = new DataSource(dataSourceOptions({ databaseUrl, poolSize: 2, applicationName: 'kindling-bench' }));
  await db.initialize();
  const prefix = `{kindling-bench-${Date.now().toString(36)}}`;
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < WORKERS; i++) {
      workers.push(
        spawn(process.execPath, [WORKER_ENTRY], {
          env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL, KINDLING_QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: CONCURRENCY, LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
    }
    // warm-up: the workers are up, fonts parsed, connections open
    await waitIssued(db, await seedCompletedEnrolments(db, 5 * WORKERS), 60_000);

    const batch = await seedCompletedEnrolments(db, N); // outbox rows committed here
    const t0 = performance.now();
    await waitIssued(db, batch, 10 * 60_000);
    const endToEnd = N / ((performance.now() - t0) / 1000);

    const renderer = await CertificateRenderer.create();
    const unicode = await rendersPerSecond((c) => renderer.render(c), Math.min(N, 300));
    const bare = await rendersPerSecond(renderBarePdfkit, Math.min(N, 300));

    const line = (label: string, v: number) => `${label.padEnd(58)} ${v.toFixed(1).padStart(8)} /s`;
    process.stdout.write(
      [
        `certificates: N=${N}, worker processes=${WORKERS}, concurrency=${CONCURRENCY}, cores=${availableParallelism()}, storage=${process.env.PDF_STORAGE ?? 'postgres'}`,
        line('end to end (outbox → stored PDF), all workers', endToEnd),
        line('end to end per worker process (≈ one core)', endToEnd / WORKERS),
        line('render only, Kindling renderer (DejaVu + QR, in process)', unicode),
        line('render only, bare pdfkit (Helvetica, no QR, same page)', bare),
        `target: ≥ 60 certificates/s per worker core — ${endToEnd / WORKERS >= 60 ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
    await deletePrefix(prefix);
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

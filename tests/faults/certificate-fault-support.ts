import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Batch } from '../../bench/certificate-seed.js';

export { type Batch, seedCompletedEnrolments } from '../../bench/certificate-seed.js';

/** The built worker (npm test builds before running the fault tests). */
export const WORKER_ENTRY = 'dist/apps/worker/src/main.js';

export function assertWorkerBuilt(): void {
  if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run npm run build:server first`);
}

export interface WorkerProcess {
  child: ChildProcess;
  /** The last few KB of its output, for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a real worker process against the test's database and a private queue prefix. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  let tail = '';
  const child = spawn(process.execPath, [WORKER_ENTRY], {
    env: { ...process.env, LOG_LEVEL: 'warn', CERTIFICATE_SWEEP_DELAY_MS: '1500', SHUTDOWN_TIMEOUT_MS: '2000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => tail,
    kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface BatchCounts {
  certificates: number;
  distinctEnrolments: number;
  distinctNumbers: number;
  documents: number;
  storedFiles: number;
}

export async function countBatch(db: DataSource, batch: Batch): Promise<BatchCounts> {
  const rows: BatchCounts[] = await db.query(
    `SELECT count(*)::int AS certificates, count(DISTINCT c.enrolment_id)::int AS "distinctEnrolments",
            count(DISTINCT c.number)::int AS "distinctNumbers",
            (SELECT count(*)::int FROM certificate_documents d JOIN certificates c2 ON c2.id = d.certificate_id WHERE c2.enrolment_id = ANY($1::uuid[])) AS documents,
            (SELECT count(*)::int FROM stored_files f JOIN certificate_documents d ON d.storage_key = f.key JOIN certificates c3 ON c3.id = d.certificate_id
              WHERE c3.enrolment_id = ANY($1::uuid[])) AS "storedFiles"
       FROM certificates c WHERE c.enrolment_id = ANY($1::uuid[])`,
    [batch.enrolmentIds],
  );
  return rows[0]!;
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, describe: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}\n${describe()}`);
}

/** Deletes only this test's queue keys (never FLUSHALL: Redis is shared). */
export async function deleteKeysWithPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    let deleted = 0;
    const pattern = `${prefix.replace(/[*?[\]\\]/g, (m) => `\\${m}`)}*`;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

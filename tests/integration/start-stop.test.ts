import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort } from '../support/processes.js';

/**
 * `npm start` as a process supervisor or `kill <pid>` stops it: SIGTERM to the npm process
 * itself stops the start script, the API and the worker within the shutdown bound and leaves
 * nothing listening; and when the start script is SIGKILLed its children stop on their own.
 * Runs the BUILT output as it is (npm test builds dist/ first; KINDLING_NO_BUILD=1 keeps the
 * start script from rebuilding while other tests use dist/), against a scratch database,
 * a private Redis prefix and a free port.
 */
const built = existsSync('dist/apps/api/src/main.js') && existsSync('dist/apps/worker/src/main.js') && existsSync('dist/web/index.html');
const SHUTDOWN_TIMEOUT_MS = 5_000;

const baseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kindling');
const scratchDb = `${baseUrl.pathname.slice(1)}_start`.slice(0, 60);
const scratchUrl = new URL(baseUrl);
scratchUrl.pathname = `/${scratchDb}`;
const prefix = `{kindling-start-${process.pid}-${Date.now().toString(36)}}`;
let logDir: string;

async function adminQuery(sql: string): Promise<void> {
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Every live descendant of pid (zombies count as gone), from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

/** Starts `command args` in its own process group; resolves once the banner names the URL. */
async function startKindling(command: string, args: string[]): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const port = await freePort();
  const child = spawn(command, args, {
    detached: true, // its own process group, so a failed test can still clean it all up
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: scratchUrl.toString(),
      KINDLING_QUEUE_PREFIX: prefix,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      KINDLING_SKIP_INSTALL: '1',
      KINDLING_NO_BUILD: '1',
      KINDLING_LOG_DIR: logDir,
      LOG_LEVEL: 'info',
      JWT_SECRET: 'start-stop-test-secret-0123456789abcdef0123',
    },
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await until('the banner', () => out.includes(`Kindling is running at http://127.0.0.1:${port}`) || child.exitCode !== null, 90_000);
  } catch (e) {
    killGroup(child);
    throw new Error(`${(e as Error).message}\n${out}`, { cause: e });
  }
  if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before the banner:\n${out}`);
  return { child, port, output: () => out };
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

(built ? describe : describe.skip)('npm start stops cleanly (skipped when dist/ is not built)', () => {
  beforeAll(async () => {
    logDir = mkdtempSync(join(tmpdir(), 'kindling-start-logs-'));
    await adminQuery(`DROP DATABASE IF EXISTS "${scratchDb}" WITH (FORCE)`);
  });

  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${scratchDb}" WITH (FORCE)`);
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('SIGTERM to the npm process stops the start script, the API and the worker within the bound; nothing keeps listening', async () => {
    const { child, port, output } = await startKindling('npm', ['start']);
    try {
      // The worker starts once the API answers; wait until both services run.
      await until('the API and the worker', () => descendants(child.pid!).filter((p) => /dist\/apps\/(api|worker)\/src\/main\.js/.test(cmdline(p))).length === 2, 20_000);
      const tree = descendants(child.pid!);
      expect(tree.map(cmdline)).toEqual(expect.arrayContaining([expect.stringContaining('scripts/start.mjs'), expect.stringContaining('dist/apps/api/src/main.js'), expect.stringContaining('dist/apps/worker/src/main.js')]));
      expect(await listening(port)).toBe(true);
      // Log lines go to the files the banner names, not to the terminal.
      expect(output()).toContain(join(logDir, 'api.log'));
      expect(output()).not.toMatch(/"level":30/);

      process.kill(child.pid!, 'SIGTERM'); // the npm process itself, not its group
      const took = await until('every process to exit', () => !alive(child.pid!) && tree.every((p) => !alive(p)), SHUTDOWN_TIMEOUT_MS + 10_000);
      expect(took).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 6_000);
      expect(await listening(port)).toBe(false);
      expect(output()).toContain('SIGTERM: stopping the API and worker');
    } finally {
      killGroup(child);
    }
  }, 120_000);

  it('a SIGKILLed start script takes the API and the worker with it', async () => {
    const { child, port } = await startKindling('node', ['scripts/start.mjs']);
    try {
      await until('the API and the worker', () => descendants(child.pid!).filter((p) => /dist\/apps\/(api|worker)\/src\/main\.js/.test(cmdline(p))).length === 2, 20_000);
      const services = descendants(child.pid!);
      expect(services).toHaveLength(2);
      process.kill(child.pid!, 'SIGKILL');
      await until('the orphaned API and worker to exit', () => services.every((p) => !alive(p)), SHUTDOWN_TIMEOUT_MS + 10_000);
      expect(await listening(port)).toBe(false);
      const apiLog = readFileSync(join(logDir, 'api.log'), 'utf8');
      expect(apiLog).toContain('SIGTERM: API shutting down'); // a graceful stop, not a kill
    } finally {
      killGroup(child);
    }
  }, 120_000);
});

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

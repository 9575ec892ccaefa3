import { execFile, execFileSync } from 'node:child_process';
import { accessSync, appendFileSync, constants, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A real PostgreSQL streaming replica of the test primary, for the read-replica tests: a second
 * cluster made with `pg_basebackup` from the running primary, started with `pg_ctl` on a free
 * port (as the `postgres` OS user when the tests run as root) with `standby.signal` and
 * `primary_conninfo`, its data directory under /tmp. `stop()` shuts it down and deletes it.
 *
 * The primary must allow replication: `wal_level` replica or logical and `max_wal_senders` > 0
 * (both need a restart to change, so the harness never changes them: it skips), and a pg_hba
 * rule for replication connections from 127.0.0.1. Debian's default file has `host all all …`
 * only, which does NOT cover replication; when the rule is missing and the hba file is writable
 * here, the harness appends `host replication all 127.0.0.1/32 trust` once (it checks first, so
 * running it again changes nothing) and reloads the configuration — it says so in `notes`.
 */
const run = promisify(execFile);

export interface TestReplica {
  port: number;
  /** DATABASE_URL with the replica's port: the same database, on the standby. */
  url: string;
  /** What the harness did to the primary (a pg_hba rule), for the test's log. */
  notes: string[];
  /** A statement on the replica (its own connection). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** `pg_wal_replay_pause()`: WAL still arrives, but the standby's data stops moving (simulated lag). */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the standby has replayed everything the primary had written when called. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  /** Stops the standby now (it stays on disk until `stop`). */
  shutDown(): Promise<void>;
  /** Stops the standby and deletes its data directory. */
  stop(): Promise<void>;
}

interface Preflight {
  bin: string;
  /** Run the server's programs as this OS user (null: as ourselves). */
  asUser: string | null;
  primary: URL;
  settings: Record<string, string>;
  notes: string[];
}

const REPLICATION_RULE = 'host replication all 127.0.0.1/32 trust';

async function primaryQuery<T>(url: URL, sql: string): Promise<T[]> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Whether a replication connection to the primary is allowed (IDENTIFY_SYSTEM over the walsender protocol). */
async function canReplicate(url: URL): Promise<true | string> {
  const client = new pg.Client({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    database: 'postgres',
    replication: 'true',
    connectionTimeoutMillis: 5_000,
  } as pg.ClientConfig);
  try {
    await client.connect();
    await client.query('IDENTIFY_SYSTEM');
    return true;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * What is needed to make a replica here, or why it cannot be made (the test skips with that
 * reason). May append the replication rule to the primary's pg_hba.conf (see above).
 */
export async function replicaPreflight(databaseUrl: string | undefined): Promise<Preflight | { skip: string }> {
  if (!databaseUrl) return { skip: 'DATABASE_URL is not set' };
  const primary = new URL(databaseUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(primary.hostname)) {
    return { skip: `the primary (${primary.hostname}) is not on this machine, so no replica can be started next to it` };
  }
  let settings: Record<string, string>;
  try {
    const rows = await primaryQuery<{ name: string; setting: string }>(
      primary,
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version_num', 'wal_level', 'max_wal_senders', 'hba_file',
         'max_connections', 'max_worker_processes', 'max_locks_per_transaction', 'max_prepared_transactions')`,
    );
    settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } catch (error) {
    return { skip: `cannot query the primary: ${(error as Error).message}` };
  }
  const major = Math.floor(Number(settings.server_version_num) / 10_000);
  const bin = `/usr/lib/postgresql/${major}/bin`;
  for (const tool of ['pg_basebackup', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(bin, tool))) return { skip: `${join(bin, tool)} is missing (PostgreSQL ${major} server binaries)` };
  }
  if (!['replica', 'logical'].includes(settings.wal_level ?? '')) {
    return { skip: `the primary's wal_level is ${settings.wal_level}: streaming replication needs replica (a restart, not done by tests)` };
  }
  if (Number(settings.max_wal_senders) < 1) return { skip: 'the primary has max_wal_senders = 0 (a restart, not done by tests)' };
  let asUser: string | null = null;
  if (userInfo().uid === 0) {
    try {
      await run('id', ['-u', 'postgres']);
      asUser = 'postgres';
    } catch {
      return { skip: 'running as root and there is no postgres OS user to run a second cluster as' };
    }
  }
  const notes: string[] = [];
  let allowed = await canReplicate(primary);
  if (allowed !== true && /pg_hba\.conf/.test(allowed)) {
    const hba = settings.hba_file!;
    try {
      accessSync(hba, constants.R_OK | constants.W_OK);
    } catch {
      return { skip: `the primary refuses replication connections (${allowed}) and its ${hba} is not writable here` };
    }
    // Idempotent: append the rule only when no line already says it.
    const lines = readFileSync(hba, 'utf8').split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    if (!lines.includes(REPLICATION_RULE)) {
      appendFileSync(hba, `\n# Added by Kindling's tests (tests/support/replica.ts): replication from loopback, for the read-replica test\n${REPLICATION_RULE}\n`);
      notes.push(`appended "${REPLICATION_RULE}" to ${hba} and reloaded the primary's configuration (replication connections were refused)`);
    }
    await primaryQuery(primary, 'SELECT pg_reload_conf()');
    for (let i = 0; i < 20 && allowed !== true; i++) {
      await new Promise((r) => setTimeout(r, 100));
      allowed = await canReplicate(primary);
    }
  }
  if (allowed !== true) return { skip: `the primary refuses replication connections: ${allowed}` };
  return { bin, asUser, primary, settings, notes };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Makes and starts the standby. Throws when a step fails (with the step's output). */
export async function startReplica(pre: Preflight): Promise<TestReplica> {
  const port = await freePort();
  const root = mkdtempSync('/tmp/kindling-replica-');
  const data = join(root, 'data');
  const log = join(root, 'postgres.log');
  const owner = pre.asUser ? await ids(pre.asUser) : null;
  if (owner) chownSync(root, owner.uid, owner.gid);
  const exec = async (tool: string, args: string[], timeout = 300_000) => {
    const [file, argv] = pre.asUser ? ['runuser', ['-u', pre.asUser, '--', join(pre.bin, tool), ...args]] : [join(pre.bin, tool), args];
    try {
      return await run(file, argv, { timeout, cwd: root });
    } catch (error) {
      const e = error as Error & { stderr?: string };
      throw new Error(`${tool} failed: ${e.stderr || e.message}${existsSync(log) ? `\n${readFileSync(log, 'utf8').slice(-2000)}` : ''}`, { cause: error });
    }
  };
  // A run that ends without afterAll (a crash, an interrupted worker) still stops the standby
  // and deletes its directory when the process exits.
  const atExit = () => {
    if (started) {
      const args = ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'];
      const [file, argv] = pre.asUser ? ['runuser', ['-u', pre.asUser, '--', join(pre.bin, 'pg_ctl'), ...args]] : [join(pre.bin, 'pg_ctl'), args];
      try {
        execFileSync(file, argv, { stdio: 'ignore', timeout: 30_000 });
      } catch {
        // already stopped
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', atExit);
  const user = decodeURIComponent(pre.primary.username || 'postgres');
  const primaryPort = pre.primary.port || '5432';
  let started = false;
  const stopServer = async () => {
    if (!started) return;
    started = false;
    await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']).catch(() => undefined);
  };
  try {
    await exec('pg_basebackup', ['-h', pre.primary.hostname, '-p', primaryPort, '-U', user, '-D', data, '-X', 'stream', '-c', 'fast', '--no-sync']);
    // Debian keeps postgresql.conf and pg_hba.conf in /etc, so the copy has none: write the standby's own.
    const s = pre.settings;
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      `hot_standby = on`,
      `hot_standby_feedback = on`,
      // A hot standby needs at least the primary's values of these.
      `max_connections = ${s.max_connections}`,
      `max_worker_processes = ${s.max_worker_processes}`,
      `max_locks_per_transaction = ${s.max_locks_per_transaction}`,
      `max_prepared_transactions = ${s.max_prepared_transactions}`,
      `max_wal_senders = ${s.max_wal_senders}`,
      `shared_buffers = 32MB`,
      `fsync = off`,
      `logging_collector = off`,
      `cluster_name = 'kindling-test-replica'`,
      `primary_conninfo = 'host=${pre.primary.hostname} port=${primaryPort} user=${user} application_name=kindling-test-replica-${port}'`,
      '',
    ].join('\n');
    writeFileSync(join(data, 'postgresql.conf'), conf);
    writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    writeFileSync(join(data, 'pg_ident.conf'), '');
    writeFileSync(join(data, 'standby.signal'), '');
    if (owner) for (const f of ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf', 'standby.signal']) chownSync(join(data, f), owner.uid, owner.gid);
    await exec('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '120', 'start']);
    started = true;
  } catch (error) {
    await stopServer();
    rmSync(root, { recursive: true, force: true });
    process.removeListener('exit', atExit);
    throw error;
  }

  const url = new URL(pre.primary);
  url.port = String(port);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const query = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
  const replica: TestReplica = {
    port,
    url: url.toString(),
    notes: pre.notes,
    query,
    pauseReplay: async () => {
      await query('SELECT pg_wal_replay_pause()');
    },
    resumeReplay: async () => {
      await query('SELECT pg_wal_replay_resume()');
    },
    waitForReplay: async (timeoutMs = 30_000) => {
      const [{ lsn }] = await primaryQuery<{ lsn: string }>(pre.primary, 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await query<{ ok: boolean }>('SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS ok', [lsn]);
        if (row?.ok) return;
        if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${lsn} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    shutDown: async () => {
      await pool.end().catch(() => undefined);
      await stopServer();
    },
    stop: async () => {
      await pool.end().catch(() => undefined);
      await stopServer();
      rmSync(root, { recursive: true, force: true });
      process.removeListener('exit', atExit);
    },
  };
  // Streaming and consistent: the database the tests use is readable on the standby.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const [row] = await query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      if (row?.standby) break;
      throw new Error('the new cluster is not in recovery: it is no standby');
    } catch (error) {
      if (Date.now() > deadline) {
        await replica.stop();
        throw error;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return replica;
}

async function ids(user: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

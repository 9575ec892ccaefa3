// npm start: from a fresh clone to a running Kindling (API + worker + web app).
//
// - Rebuilds the server and the web app only when their sources changed (a SHA-256 of the
//   inputs is stamped in dist/.kindling-build-*), so a second start takes seconds.
// - Keeps the terminal readable: build output goes to logs/build.log, the services' JSON
//   logs to logs/api.log and logs/worker.log (named in the banner); after the banner only
//   warnings and errors are echoed, one line each. LOG_FORMAT=json: the services' JSON
//   lines go to stdout unchanged (for machines) and this script's messages to stderr.
// - SIGTERM or SIGINT — to `npm start` (npm forwards it; the script line uses `exec`), to
//   this process or to its process group — stops the API and worker within the shutdown
//   bound and exits. If this script dies, even by SIGKILL, its children notice (their stdin
//   closes, see parent-watch.mjs) and stop; if npm dies, this script notices (its parent
//   changes) and stops too.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkNodeVersion, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensureDependencies, ensureServices, log, staleBuild } from './lib.mjs';

const startedAt = Date.now();
const json = process.env.LOG_FORMAT === 'json';
const say = json ? (m) => process.stderr.write(`[kindling] ${m}\n`) : log;
const failAndStop = async (message) => {
  process.stderr.write(`\x1b[31m[kindling]\x1b[0m ${message}\n`);
  await shutdown('error', 1);
};

checkNodeVersion();
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
process.env.REDIS_URL ||= DEFAULT_REDIS_URL;
// One secret for both processes, so tokens the API signs are accepted everywhere it runs.
if (!process.env.JWT_SECRET && process.env.NODE_ENV !== 'production') process.env.JWT_SECRET = randomBytes(32).toString('hex');
// Stored secrets (identity-provider client secrets, issuer signing keys) are sealed with
// SECRETS_KEY; on a developer's machine it is made once and kept in .kindling/ (git-ignored),
// so what was sealed yesterday still opens today. Production sets it (see README).
if (!process.env.SECRETS_KEY && process.env.NODE_ENV !== 'production') process.env.SECRETS_KEY = localSecretsKey();
const port = process.env.PORT || '3000';
const url = (process.env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
process.env.PUBLIC_URL = url; // links the API makes (e-mails, QR codes, OpenAPI servers) use the same address
// The API and worker each bound their own shutdown by SHUTDOWN_TIMEOUT_MS (the worker adds 5 s).
const boundMs = (Number(process.env.SHUTDOWN_TIMEOUT_MS) || 10_000) + 6_000;

// ---- stopping ------------------------------------------------------------------------
const children = new Set();
let stopping = false;
async function shutdown(reason, code = 0) {
  if (stopping) return;
  stopping = true;
  if (reason !== 'error') say(`${reason}: stopping${children.size ? ' the API and worker' : ''}…`);
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
          child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (reason !== 'error') say('stopped.');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal, signal === 'SIGHUP' ? 1 : 0));
// Whoever started us (npm, a shell, a supervisor) went away: we were re-parented.
const parentPid = process.ppid;
if (parentPid > 1) setInterval(() => process.ppid !== parentPid && void shutdown('parent process exited', 1), 500).unref();

// ---- steps ---------------------------------------------------------------------------
const logDir = process.env.KINDLING_LOG_DIR || 'logs';
mkdirSync(logDir, { recursive: true });
const buildLog = join(logDir, 'build.log');

/** Runs a step with its output in logs/build.log (or captured); stops everything if it fails. */
function step(command, args, { env = {}, capture = false } = {}) {
  return new Promise((done) => {
    const fd = openSync(buildLog, 'a');
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', capture ? 'pipe' : fd, fd] });
    closeSync(fd);
    children.add(child);
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (stopping) return;
      if (code === 0) return done(out);
      void failAndStop(`\`${command} ${args.join(' ')}\` failed (exit ${code ?? signal}); the end of ${buildLog}:\n${tail(buildLog, 25)}`);
    });
  });
}

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function build(name, script, env = {}) {
  const what = name === 'web' ? 'web app' : 'API and worker';
  if (!staleBuild(name)) return say(`the ${what} build is up to date`);
  if (process.env.KINDLING_NO_BUILD === '1') return say(`the ${what} build is out of date, but KINDLING_NO_BUILD=1: using dist/ as it is`);
  say(`building the ${what}… (output in ${buildLog})`);
  await step('npm', ['run', '--silent', script], { env }); // the script stamps dist/ when it succeeds
}

ensureDependencies();
await ensureServices(process.env.DATABASE_URL, process.env.REDIS_URL);
await build('server', 'build:server');
// The web bundle is always a production build (React's development build is three times larger).
const webBuilt = build('web', 'build:web', { NODE_ENV: 'production' });
if (await migrationsPending()) {
  say('applying migrations…');
  const migrated = (await step('node', ['scripts/migrate.mjs'], { capture: true })).trim();
  if (migrated && !/up to date/.test(migrated)) {
    say(migrated.replace(/applied migrations: (.*)/, (_, list) => `applied ${list.split(', ').length} migration(s), the last ${list.split(', ').pop()}`).split('\n').join('; '));
  }
}
const seedReport = demoSignIns();
await webBuilt;

/**
 * True unless every migration in dist/migrations is recorded in the database — checked with
 * one query, so an up-to-date start does not load TypeORM twice.
 */
async function migrationsPending() {
  const expected = readdirSync('dist/migrations').flatMap((f) => {
    const m = /^(\d+)-(\w+)\.js$/.exec(f);
    return m ? [`${m[2]}${m[1]}`] : [];
  });
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT name FROM kindling_migrations');
    const applied = new Set(rows.map((r) => r.name));
    return !expected.every((name) => applied.has(name));
  } catch {
    return true; // no database or no table yet: migrate.mjs creates them
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The demo sign-ins printed in the banner. The seed (which loads the whole application) runs
 * when the database is empty, the demo accounts changed, or the build or demo settings did;
 * otherwise its last report, kept in logs/.demo-sign-ins.json, is printed again.
 */
async function demoSignIns() {
  const cacheFile = join(logDir, '.demo-sign-ins.json');
  // The same database, the same build and the same demo settings: the same report.
  const stamp = existsSync('dist/.kindling-build-server') ? readFileSync('dist/.kindling-build-server', 'utf8') : String(Date.now());
  const settings = [process.env.DATABASE_URL, stamp, process.env.NODE_ENV, process.env.KINDLING_DEMO, process.env.KINDLING_ADMIN_EMAIL];
  const key = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let emails = null;
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT email FROM users WHERE email LIKE '%@kindling.demo' ORDER BY email`);
    const [{ n }] = (await client.query('SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM courses) AS n')).rows;
    if (Number(n) > 0) emails = rows.map((r) => r.email).join(',');
  } catch {
    // fall through to the seed
  } finally {
    await client.end().catch(() => {});
  }
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    if (emails !== null && cached.key === key && cached.emails === emails) return cached.report;
  } catch {
    // no cache yet
  }
  const report = await step('node', ['dist/apps/api/src/cli/seed-demo.js'], { capture: true });
  writeFileSync(cacheFile, JSON.stringify({ key, emails: await currentDemoEmails(), report: report.replace(/^.*loaded into the empty database.*\n/gim, '') }));
  return report;
}

async function currentDemoEmails() {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  try {
    await client.connect();
    return (await client.query(`SELECT email FROM users WHERE email LIKE '%@kindling.demo' ORDER BY email`)).rows.map((r) => r.email).join(',');
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

// ---- services ------------------------------------------------------------------------
const watch = pathToFileURL(resolve('scripts/parent-watch.mjs')).href;
const logFiles = {};
function startService(name) {
  let out = 'inherit';
  if (!json) {
    logFiles[name] = join(logDir, `${name}.log`);
    out = openSync(logFiles[name], 'w');
  }
  const child = spawn(process.execPath, ['--import', watch, `dist/apps/${name}/src/main.js`], {
    env: { ...process.env, KINDLING_PARENT_WATCH: 'stdin' },
    stdio: ['pipe', out, out],
  });
  if (typeof out === 'number') closeSync(out);
  children.add(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    void failAndStop(`the ${name} exited unexpectedly (${code ?? signal})${logFiles[name] ? `; the end of ${logFiles[name]}:\n${tail(logFiles[name], 20)}` : ''}`);
  });
  return child;
}
say('starting the API and worker…');
// The worker boots once the API answers: on a small machine the two would share the CPU,
// and the URL is what the person waiting needs first.
startService('api');

let healthy = false;
for (let i = 0; i < 240 && !stopping && !healthy; i++) {
  try {
    healthy = (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
  } catch {
    // not listening yet
  }
  if (!healthy) await new Promise((r) => setTimeout(r, 250));
}
if (stopping) await new Promise(() => {}); // a signal arrived: shutdown() exits the process
if (!healthy) await failAndStop(`the API did not become healthy on port ${port} within 60 s${logFiles.api ? `; the end of ${logFiles.api}:\n${tail(logFiles.api, 20)}` : ''}`);
startService('worker');
const report = (await seedReport).trimEnd();
const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
const logsLine = json ? '' : `\n  Logs:     ${Object.values(logFiles).join(', ')} (builds: ${buildLog})`;
(json ? process.stderr : process.stdout).write(
  `\n  Kindling is running at ${url}   (ready in ${seconds} s)\n  API docs: ${url}/api/docs${logsLine}\n\n${report}\n\n  Press Ctrl-C to stop.\n\n`,
);

// ---- after the banner: echo warnings and errors, one readable line each ------------------
if (!json) {
  const offsets = Object.fromEntries(Object.entries(logFiles).map(([name, file]) => [name, statSync(file).size]));
  const levels = { 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
  setInterval(() => {
    for (const [name, file] of Object.entries(logFiles)) {
      if (!existsSync(file)) continue;
      const size = statSync(file).size;
      if (size <= offsets[name]) continue;
      const buf = Buffer.alloc(size - offsets[name]);
      const fd = openSync(file, 'r');
      readSync(fd, buf, 0, buf.length, offsets[name]);
      closeSync(fd);
      const text = buf.toString('utf8');
      const complete = text.lastIndexOf('\n') + 1;
      offsets[name] += Buffer.byteLength(text.slice(0, complete));
      for (const line of text.slice(0, complete).split('\n')) {
        if (!line) continue;
        let entry;
        try {
          entry = JSON.parse(line);
        } catch {
          process.stdout.write(`\x1b[35m${name.padEnd(6)}\x1b[0m| ${line}\n`);
          continue;
        }
        if ((entry.level ?? 0) < 40) continue;
        const msg = entry.msg ?? entry.err?.message ?? '';
        const req = entry.req ? ` ${entry.req.method} ${entry.req.url}` : '';
        process.stdout.write(`\x1b[35m${name.padEnd(6)}\x1b[0m| ${levels[Math.min(60, Math.floor(entry.level / 10) * 10)] ?? entry.level}${req} ${msg}\n`);
      }
    }
  }, 1000).unref();
}

function localSecretsKey() {
  const file = '.kindling/secrets-key';
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync('.kindling', { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

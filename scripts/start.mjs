// npm start: from a fresh clone to a running Kindling (API + worker + web app).
import { spawnSync } from 'node:child_process';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensureDependencies, ensureServices, fail, log, run, startChild, stopChildren } from './lib.mjs';

process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
process.env.REDIS_URL ||= DEFAULT_REDIS_URL;

ensureDependencies();
await ensureServices(process.env.DATABASE_URL, process.env.REDIS_URL);

log('building the API and worker…');
run('npm', ['run', '--silent', 'build:server']);
log('applying migrations…');
run('node', ['scripts/migrate.mjs']);
const seed = spawnSync('node', ['dist/apps/api/src/cli/seed-demo.js'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (seed.status !== 0) fail('loading the demo data failed (see above)');
const seedReport = seed.stdout.trim();
log('building the web app…');
// The web bundle is always a production build (React's development build is three times larger).
run('npm', ['run', '--silent', 'build:web'], { env: { ...process.env, NODE_ENV: 'production' } });

// One secret for both processes, so tokens the API signs are accepted everywhere it runs.
if (!process.env.JWT_SECRET && process.env.NODE_ENV !== 'production') {
  process.env.JWT_SECRET = (await import('node:crypto')).randomBytes(32).toString('hex');
}
const children = [startChild('api', 'node', ['dist/apps/api/src/main.js']), startChild('worker', 'node', ['dist/apps/worker/src/main.js'])];

let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping API and worker…`);
  await stopChildren(children);
  log('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
for (const child of children) {
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`a process exited unexpectedly (code ${code ?? signal}); stopping the other`);
    stopping = true;
    void stopChildren(children).then(() => process.exit(1));
  });
}

const port = process.env.PORT || '3000';
const url = (process.env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
for (let i = 0; i < 60; i++) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
process.stdout.write(`\n  Kindling is running at ${url}\n  API docs: ${url}/api/docs\n\n${seedReport}\n\n  Press Ctrl-C to stop.\n\n`);

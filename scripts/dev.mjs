// npm run dev: TypeScript in watch mode, API and worker restarted on change, Vite with hot
// reload on :5173 proxying /api to the API on :3000.
import { checkNodeVersion, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensureDependencies, ensureServices, log, run, startChild, stopChildren } from './lib.mjs';

checkNodeVersion();

process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
process.env.REDIS_URL ||= DEFAULT_REDIS_URL;
ensureDependencies();
await ensureServices(process.env.DATABASE_URL, process.env.REDIS_URL);
run('npm', ['run', '--silent', 'build:server']);
run('node', ['scripts/migrate.mjs']);
if (!process.env.JWT_SECRET) process.env.JWT_SECRET = (await import('node:crypto')).randomBytes(32).toString('hex');

const children = [
  startChild('tsc', 'npx', ['tsc', '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']),
  startChild('alias', 'npx', ['tsc-alias', '-p', 'tsconfig.build.json', '--watch']),
  startChild('api', 'node', ['--watch-path=dist/apps/api', '--watch-path=dist/libs', 'dist/apps/api/src/main.js']),
  startChild('worker', 'node', ['--watch-path=dist/apps/worker', '--watch-path=dist/libs', 'dist/apps/worker/src/main.js']),
  startChild('vite', 'npx', ['vite', '--config', 'apps/web/vite.config.ts']),
];
log('dev: web app with hot reload at http://localhost:5173 (API on :3000)');
const stop = () => stopChildren(children, 5_000).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

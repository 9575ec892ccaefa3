// npm run test:node24: the unit tests (and, with KINDLING_NODE24_PROJECTS=unit,integration,
// the integration tests against DATABASE_URL) under Node.js 24 — the binary comes from the
// npm registry's `node` package (`npx -y node@24`), so no system install is needed.
// Exit status 3: Node 24 could not be fetched (offline?); npm test counts that as skipped.
import { spawnSync } from 'node:child_process';
import { log, warn } from './lib.mjs';

const version = process.env.KINDLING_NODE24_VERSION || '24';
const projects = (process.env.KINDLING_NODE24_PROJECTS || 'unit').split(',').filter(Boolean);
const probe = spawnSync('npx', ['-y', `node@${version}`, '-p', 'process.version'], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
const got = (probe.stdout ?? '').trim();
if (probe.status !== 0 || !got.startsWith(`v${version.split('.')[0]}.`)) {
  warn(`could not run Node ${version} with \`npx -y node@${version}\` (${(probe.stderr ?? '').trim().split('\n').pop() || `exit ${probe.status}`}); skipping the Node ${version} run`);
  process.exit(3);
}
log(`${projects.join(' and ')} tests under Node ${got} (npx node@${version})…`);
const started = Date.now();
const r = spawnSync(
  'npx',
  ['-y', `node@${version}`, '--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--selectProjects', ...projects, '--maxWorkers=2', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, npm_config_loglevel: 'error' } },
);
log(`Node ${got}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(r.status ?? 1);

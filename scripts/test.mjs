// npm test: lint, type-check, build, then every jest project (unit, integration against a
// throw-away PostgreSQL database and a private Redis prefix, fault tests with real
// processes, browser tests in Debian's Chromium). Writes .test-results/summary.json, from
// which the summary line is printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensureDependencies, ensureServices, log, run } from './lib.mjs';

const started = Date.now();
ensureDependencies();
const baseDb = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
await ensureServices(baseDb, redisUrl);

const runId = `${Date.now().toString(36)}${process.pid}`;
const testDbUrl = new URL(baseDb);
testDbUrl.pathname = `/kindling_test_${runId}`;
const env = {
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: testDbUrl.toString(),
  REDIS_URL: redisUrl,
  KINDLING_QUEUE_PREFIX: `{kindling-test-${runId}}`,
  LOG_LEVEL: process.env.LOG_LEVEL || 'silent',
};

rmSync('.test-results', { recursive: true, force: true });
mkdirSync('.test-results', { recursive: true });
const checks = [];
const check = (name, command, args, extraEnv = {}) => {
  log(`${name}…`);
  const status = run(command, args, { allowFailure: true, env: { ...env, ...extraEnv } });
  checks.push({ name, passed: status === 0 });
  return status === 0;
};

check('lint (eslint, zero warnings)', 'npx', ['eslint', '.', '--max-warnings', '0']);
check('type-check (server, libs, tests)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('type-check (web app)', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']);
const built = check('build (server and web app)', 'npm', ['run', '--silent', 'build'], { NODE_ENV: 'production' });

let jest = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numFailedTestSuites: 0, numRuntimeErrorTestSuites: 0 };
if (built) {
  log(`throw-away database ${testDbUrl.pathname.slice(1)}; migrating…`);
  run('node', ['scripts/migrate.mjs'], { env });
  log('running jest (unit, integration, faults, browser)…');
  const jestBin = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js'];
  const passes = [
    { name: 'main', args: ['--selectProjects', 'unit', 'integration', 'browser', '--maxWorkers=2'] },
    { name: 'faults', args: ['--selectProjects', 'faults', '--runInBand', '--passWithNoTests'] },
  ];
  const extra = process.argv.slice(2);
  for (const pass of passes) {
    const out = `.test-results/jest-${pass.name}.json`;
    spawnSync('node', [...jestBin, ...pass.args, '--json', `--outputFile=${out}`, ...extra], { stdio: 'inherit', env });
    if (!existsSync(out)) {
      checks.push({ name: `jest ${pass.name} pass produced no results`, passed: false });
      continue;
    }
    const r = JSON.parse(readFileSync(out, 'utf8'));
    for (const key of Object.keys(jest)) if (typeof jest[key] === 'number') jest[key] += r[key] ?? 0;
    jest.testResults = [...(jest.testResults ?? []), ...(r.testResults ?? [])];
  }
} else {
  checks.push({ name: 'jest (not run: the build failed)', passed: false });
}

// Clean up: drop the database and this run's Redis keys.
spawnSync('node', ['scripts/cleanup-test-run.mjs'], { stdio: 'inherit', env });

const failedSuites = (jest.numRuntimeErrorTestSuites ?? 0) + Math.max(0, (jest.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(jest));
const summary = {
  passed: jest.numPassedTests + checks.filter((c) => c.passed).length,
  failed: jest.numFailedTests + checks.filter((c) => !c.passed).length + failedSuites,
  skipped: (jest.numPendingTests ?? 0) + (jest.numTodoTests ?? 0),
  checks,
  seconds: Math.round((Date.now() - started) / 1000),
};
writeFileSync('.test-results/summary.json', JSON.stringify(summary, null, 2));
for (const c of checks) log(`${c.passed ? 'ok  ' : 'FAIL'} ${c.name}`);
const line = `tests: ${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`;
log(`${line} (${summary.seconds} s)`);
process.exit(summary.failed === 0 ? 0 : 1);

/** Suites that failed to run at all (syntax errors, crashes) count as one failure each. */
function countSuitesWithFailedTests(results) {
  return (results.testResults ?? []).filter((s) => (s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}

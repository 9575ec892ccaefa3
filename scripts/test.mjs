// npm test: system packages, lint, type-check, build, then every jest project (unit,
// integration against a throw-away PostgreSQL database and a private Redis prefix, fault
// tests with real processes, browser tests in Debian's Chromium), the OpenAPI lint and the
// unit tests under Node 24. Writes .test-results/summary.json, from which the summary line
// is printed.
//
// System packages: on Debian/Ubuntu as root (or with passwordless sudo) the packages the
// tests use are installed with apt-get (one line says which). Where that cannot happen the
// command to run is printed, everything else runs, and the suites that need a missing tool
// are reported by name as SKIPPED — their tests count as skipped, never as passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { checkNodeVersion, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensureDependencies, ensureServices, ensureSystemTools, log, run, skipPassArgs, suitesNeeding, warn } from './lib.mjs';

const started = Date.now();
checkNodeVersion();
ensureDependencies();
const missingTools = ensureSystemTools();
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
  return status;
};

check('lint (eslint, zero warnings)', 'npx', ['eslint', '.', '--max-warnings', '0']);
check('type-check (server, libs, tests)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('type-check (web app)', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']);
const built = check('build (server and web app)', 'npm', ['run', '--silent', 'build'], { NODE_ENV: 'production' }) === 0;

const skippedSuites = suitesNeeding(missingTools);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const jest = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numFailedTestSuites: 0, numRuntimeErrorTestSuites: 0, testResults: [] };
if (built) {
  log(`throw-away database ${testDbUrl.pathname.slice(1)}; migrating…`);
  run('node', ['scripts/migrate.mjs'], { env });
  // A copy of the migrated database that nobody connects to: each browser test file's API and
  // worker get a database of their own made from it (tests/support/isolated-stack.ts).
  env.KINDLING_TEST_TEMPLATE_DB = `${testDbUrl.pathname.slice(1)}_template`;
  run('node', ['scripts/test-template-db.mjs'], { env });
  log('running jest (unit, integration, faults, browser)…');
  const jestBin = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js'];
  const ignore = skippedSuites.length ? ['--testPathIgnorePatterns', '/node_modules/', ...skippedSuites.map((s) => `${escape(s.file)}$`)] : [];
  const passes = [
    { name: 'main', args: ['--selectProjects', 'unit', 'integration', 'browser', '--maxWorkers=2', ...ignore] },
    { name: 'faults', args: ['--selectProjects', 'faults', '--runInBand', '--passWithNoTests', ...ignore] },
  ];
  // The skipped suites are loaded but no test (and no hook) runs: a name pattern that matches
  // nothing makes jest report each of their tests as skipped.
  if (skippedSuites.length) passes.push({ name: 'skipped', args: ['--selectProjects', 'unit', 'integration', 'browser', 'faults', ...skipPassArgs(skippedSuites.map((s) => s.file))] });
  const extra = process.argv.slice(2);
  for (const pass of passes) {
    const out = `.test-results/jest-${pass.name}.json`;
    if (pass.name === 'skipped') log(`listing the ${skippedSuites.length} suites skipped for missing tools…`);
    spawnSync('node', [...jestBin, ...pass.args, '--json', `--outputFile=${out}`, ...(pass.name === 'skipped' ? [] : extra)], { stdio: pass.name === 'skipped' ? 'ignore' : 'inherit', env });
    if (!existsSync(out)) {
      checks.push({ name: `jest ${pass.name} pass produced no results`, passed: false });
      continue;
    }
    const r = JSON.parse(readFileSync(out, 'utf8'));
    if (pass.name === 'skipped') {
      for (const s of skippedSuites) s.tests = (r.testResults ?? []).find((t) => t.name.endsWith(s.file))?.assertionResults?.length ?? 0;
      // Only skipped tests may come out of this pass.
      jest.numPendingTests += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
      jest.numFailedTests += r.numFailedTests ?? 0;
      jest.numRuntimeErrorTestSuites += r.numRuntimeErrorTestSuites ?? 0;
      continue;
    }
    for (const key of Object.keys(jest)) if (typeof jest[key] === 'number') jest[key] += r[key] ?? 0;
    jest.testResults.push(...(r.testResults ?? []));
  }

  // The OpenAPI document the app serves, linted with @redocly/cli's recommended rules.
  check('OpenAPI lint (@redocly/cli, recommended rules)', 'node', ['scripts/lint-openapi.mjs']);
  // The unit tests once more under Node 24 (the npm registry's `node` package), and the
  // integration tests too (on a database of their own) while the run is short enough: they
  // take about two minutes, and npm test should stay well under 20.
  const withIntegration = Date.now() - started < 12 * 60_000 && process.env.KINDLING_NODE24_PROJECTS !== 'unit';
  const node24Db = new URL(testDbUrl);
  node24Db.pathname = `${testDbUrl.pathname}_node24`;
  const node24Env = { ...env, KINDLING_NODE24_PROJECTS: withIntegration ? 'unit,integration' : 'unit' };
  if (withIntegration) {
    Object.assign(node24Env, { DATABASE_URL: node24Db.toString(), KINDLING_QUEUE_PREFIX: `{kindling-test-${runId}n24}` });
    run('node', ['scripts/migrate.mjs'], { env: node24Env, stdio: 'ignore', allowFailure: true });
  }
  const node24Name = `${withIntegration ? 'unit and integration' : 'unit'} tests under Node 24 (npx node@24)`;
  const node24 = spawnSync('node', ['scripts/test-node24.mjs', ...ignore], { stdio: 'inherit', env: node24Env });
  if (node24.status === 3) skippedSuites.push({ file: node24Name, needs: ['node@24 from the npm registry'], tests: 1 });
  else checks.push({ name: node24Name, passed: node24.status === 0 });
} else {
  checks.push({ name: 'jest (not run: the build failed)', passed: false });
}

// Clean up: drop the database and this run's Redis keys.
spawnSync('node', ['scripts/cleanup-test-run.mjs'], { stdio: 'inherit', env });

const failedSuites = (jest.numRuntimeErrorTestSuites ?? 0) + Math.max(0, (jest.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(jest));
const node24Skipped = skippedSuites.some((s) => s.file.includes('under Node 24')) ? 1 : 0;
const summary = {
  passed: jest.numPassedTests + checks.filter((c) => c.passed).length,
  failed: jest.numFailedTests + checks.filter((c) => !c.passed).length + failedSuites,
  skipped: (jest.numPendingTests ?? 0) + (jest.numTodoTests ?? 0) + node24Skipped,
  checks,
  skippedSuites,
  missingTools: missingTools.map((t) => ({ tool: t.tool, package: t.package })),
  seconds: Math.round((Date.now() - started) / 1000),
};
writeFileSync('.test-results/summary.json', JSON.stringify(summary, null, 2));
for (const c of checks) log(`${c.passed ? 'ok  ' : 'FAIL'} ${c.name}`);
for (const s of skippedSuites) warn(`SKIPPED ${s.file}${s.tests ? ` (${s.tests} test${s.tests === 1 ? '' : 's'})` : ''}: needs ${s.needs.join(', ')}`);
if (missingTools.length) warn(`to run the skipped suites: ${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y ${missingTools.map((t) => t.package).join(' ')}`);
const line = `tests: ${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`;
log(`${line} (${summary.seconds} s)`);
process.exit(summary.failed === 0 ? 0 : 1);

/** Suites that failed to run at all (syntax errors, crashes) count as one failure each. */
function countSuitesWithFailedTests(results) {
  return (results.testResults ?? []).filter((s) => (s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}

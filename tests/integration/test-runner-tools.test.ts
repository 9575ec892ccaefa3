import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { pdfToolsMissing } from '../../libs/certificates/src/__tests__/poppler.js';
import { chromiumMissing, launchChromium } from '../support/browser.js';

/**
 * `npm test` on a machine without the system packages the tests use: it says which command
 * installs them, and the suites that need them are reported as SKIPPED — their tests count
 * as skipped, never as passed, and none of their hooks runs. (KINDLING_ASSUME_MISSING makes
 * scripts/lib.mjs treat installed tools as missing; KINDLING_NO_APT stops it installing.)
 * kindling-tools: none — this suite runs without the tools, so it is never skipped itself.
 */
const scratch = mkdtempSync(join(tmpdir(), 'kindling-tools-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lib(code: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const lib = await import(${JSON.stringify(`${process.cwd()}/scripts/lib.mjs`)});\n${code}`], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r;
}

describe('npm test without chromium, poppler-utils and zbar-tools', () => {
  const env = { KINDLING_ASSUME_MISSING: 'chromium,pdftotext,zbarimg', KINDLING_NO_APT: '1' };

  it('names the missing tools and the exact command that installs them', () => {
    const r = lib(`process.stdout.write(JSON.stringify(lib.ensureSystemTools().map((t) => t.tool)));`, env);
    expect(JSON.parse(r.stdout)).toEqual(['chromium', 'pdftotext', 'zbarimg']);
    expect(r.stderr).toContain('the suites that need them are skipped');
    expect(r.stderr).toMatch(/To install: (sudo )?apt-get install -y chromium poppler-utils zbar-tools/);
  });

  it('finds the suites that need each tool by what they use', () => {
    const r = lib(`process.stdout.write(JSON.stringify(lib.suitesNeeding(lib.missingSystemTools())));`, env);
    const suites = JSON.parse(r.stdout) as { file: string; needs: string[] }[];
    const byFile = Object.fromEntries(suites.map((s) => [s.file, s.needs]));
    expect(byFile['tests/browser/smoke.test.ts']).toEqual(['chromium']);
    expect(byFile['libs/certificates/src/code-sheet.spec.ts']).toEqual(['pdftotext', 'zbarimg']);
    expect(byFile['tests/integration/certificates.test.ts']).toEqual(['pdftotext', 'zbarimg']);
    expect(byFile['tests/integration/learning-bulk.test.ts']).toEqual(['pdftotext']);
    expect(byFile['tests/integration/health.test.ts']).toBeUndefined();
    // Only chromium missing: the PDF suites run.
    const onlyChromium = JSON.parse(lib(`process.stdout.write(JSON.stringify(lib.suitesNeeding(lib.missingSystemTools())));`, { ...env, KINDLING_ASSUME_MISSING: 'chromium' }).stdout) as { file: string }[];
    expect(onlyChromium.map((s) => s.file)).not.toContain('libs/certificates/src/code-sheet.spec.ts');
    expect(onlyChromium.map((s) => s.file)).toContain('tests/browser/smoke.test.ts');
  });

  it('the skip pass reports every test of those suites as skipped and runs none of their hooks', () => {
    const files = ['libs/certificates/src/code-sheet.spec.ts', 'tests/browser/smoke.test.ts'];
    const args = JSON.parse(lib(`process.stdout.write(JSON.stringify(lib.skipPassArgs(${JSON.stringify(files)})));`).stdout) as string[];
    const out = join(scratch, 'skipped.json');
    // With no Chromium at all, the browser suite's beforeAll would fail if it ran.
    spawnSync(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--selectProjects', 'unit', 'browser', ...args, '--json', `--outputFile=${out}`], {
      env: { ...process.env, CHROMIUM_PATH: join(scratch, 'no-chromium') },
      stdio: 'ignore',
      timeout: 90_000,
    });
    const r = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numRuntimeErrorTestSuites: number; testResults: { name: string; assertionResults: unknown[] }[] };
    expect(r.testResults.map((s) => s.name.slice(process.cwd().length + 1)).sort()).toEqual(files);
    expect(r.numPendingTests).toBeGreaterThanOrEqual(5);
    expect(r.numPendingTests).toBe(r.testResults.reduce((n, s) => n + s.assertionResults.length, 0));
    expect({ passed: r.numPassedTests, failed: r.numFailedTests, broken: r.numRuntimeErrorTestSuites }).toEqual({ passed: 0, failed: 0, broken: 0 });
  }, 120_000);

  it('run by hand, the helpers fail with the reason and the install command, not ENOENT', async () => {
    const savedPath = process.env.PATH;
    try {
      process.env.PATH = scratch; // an empty directory: no pdftotext, no zbarimg
      expect(pdfToolsMissing()).toMatch(/^pdftotext, pdfinfo, pdftoppm, zbarimg not installed: install with `sudo apt-get install -y poppler-utils zbar-tools`/);
    } finally {
      process.env.PATH = savedPath;
    }
    const savedChromium = process.env.CHROMIUM_PATH;
    try {
      process.env.CHROMIUM_PATH = join(scratch, 'no-chromium');
      expect(chromiumMissing()).toContain('install it with `sudo apt-get install -y chromium`');
      await expect(launchChromium()).rejects.toThrow(`Chromium is not installed at ${join(scratch, 'no-chromium')}: install it with \`sudo apt-get install -y chromium\``);
    } finally {
      if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = savedChromium;
    }
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

/**
 * The built processes validate their configuration once, at boot, and stop with one line
 * naming the variable. (npm test builds dist/ before jest runs.)
 */
const built = existsSync('dist/apps/api/src/main.js') && existsSync('dist/apps/worker/src/main.js');

function boot(entry: 'api' | 'worker', env: Record<string, string>) {
  const { DATABASE_URL: _d, JWT_SECRET: _j, NODE_ENV: _n, ...rest } = process.env;
  return spawnSync('node', [`dist/apps/${entry}/src/main.js`], { env: { ...rest, ...env }, encoding: 'utf8', timeout: 20_000 });
}

(built ? describe : describe.skip)('process start-up (skipped when dist/ is not built)', () => {
  it.each(['api', 'worker'] as const)('%s: a malformed DATABASE_URL stops it with one line naming the variable', (entry) => {
    const r = boot(entry, { DATABASE_URL: 'not-a-url' });
    expect(r.status).toBe(78);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: DATABASE_URL /)]);
  });

  it('api: no JWT_SECRET under NODE_ENV=production stops it with one line', () => {
    const r = boot('api', { NODE_ENV: 'production' });
    expect(r.status).toBe(78);
    expect(r.stderr.trim()).toBe('Configuration error: JWT_SECRET is required when NODE_ENV=production');
  });
});

(built ? describe : describe.skip)('the running API process', () => {
  it('logs JSON lines carrying the request id, and stops cleanly on SIGTERM within the bound', async () => {
    const { startProcess, waitForHealth, freePort } = await import('../support/processes.js');
    const port = await freePort();
    const api = startProcess('api', { PORT: String(port), LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '5000' });
    try {
      await waitForHealth(`http://127.0.0.1:${port}`);
      const res = await fetch(`http://127.0.0.1:${port}/api/courses`, { headers: { 'X-Request-Id': 'req-kindling-42' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-request-id')).toBe('req-kindling-42');
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      const started = Date.now();
      const code = await api.stop('SIGTERM');
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    const lines = api
      .output()
      .split('\n')
      .filter((l) => l.includes('req-kindling-42'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ requestId: 'req-kindling-42' });
  }, 40_000);
});

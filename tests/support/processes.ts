import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Starts the BUILT API and worker (dist/, from `npm run build`) as real processes against
 * the test database — for browser and fault tests.
 */
export interface RunningProcess {
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function startProcess(entry: 'api' | 'worker', env: Record<string, string> = {}): RunningProcess {
  const child = spawn('node', [`dist/apps/${entry}/src/main.js`], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  return {
    process: child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill(signal);
      }),
  };
}

// 90 s: on a loaded two-core machine (several test files starting API processes at once) 30 s was seen to run out.
export async function waitForHealth(baseUrl: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`API at ${baseUrl} did not become healthy: ${last}`);
}

/** API + worker on a free port, sharing one JWT secret. */
export async function startStack(extraEnv: Record<string, string> = {}): Promise<{ baseUrl: string; api: RunningProcess; worker: RunningProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { PORT: String(port), PUBLIC_URL: baseUrl, JWT_SECRET: extraEnv.JWT_SECRET ?? 'test-secret-for-browser-runs-0123456789abcdef', ...extraEnv };
  const api = startProcess('api', env);
  const worker = startProcess('worker', env);
  try {
    await waitForHealth(baseUrl);
  } catch (e) {
    await Promise.all([api.stop('SIGKILL'), worker.stop('SIGKILL')]);
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${api.output()}`, { cause: e });
  }
  return { baseUrl, api, worker, stop: async () => void (await Promise.all([api.stop(), worker.stop()])) };
}

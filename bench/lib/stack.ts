import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A built Kindling process (dist/apps/<entry>/src/main.js) started for the benchmarks. */
export interface BenchProcess {
  entry: 'api' | 'worker';
  child: ChildProcess;
  output(): string;
  /** CPU seconds (user + system) the process has used so far, from /proc; NaN where there is no /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
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

export function assertBuilt(): void {
  for (const entry of ['api', 'worker']) {
    if (!existsSync(`dist/apps/${entry}/src/main.js`)) {
      throw new Error(`dist/apps/${entry}/src/main.js is missing: run \`npm run build:server\` first (the benchmarks start the built processes)`);
    }
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

export function startProcess(entry: 'api' | 'worker', env: Record<string, string>): BenchProcess {
  // BENCH_API_NODE_ARGS / BENCH_WORKER_NODE_ARGS: extra node flags for that process only, e.g.
  // `--cpu-prof --cpu-prof-dir=/tmp/prof` for a CPU profile under the bench's load (node refuses
  // --cpu-prof in NODE_OPTIONS). Written when the process exits after SIGTERM.
  const flags = entry === 'api' ? process.env.BENCH_API_NODE_ARGS : process.env.BENCH_WORKER_NODE_ARGS;
  const nodeArgs = flags ? flags.split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...nodeArgs, `dist/apps/${entry}/src/main.js`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    entry,
    child,
    output: () => out,
    cpuSeconds: () => {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // fields[11] = utime, fields[12] = stime (stat fields 14 and 15)
        return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
      } catch {
        return Number.NaN;
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export async function waitForHealth(baseUrl: string, processes: BenchProcess[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    for (const p of processes) {
      if (p.child.exitCode !== null) throw new Error(`the ${p.entry} exited with ${p.child.exitCode}:\n${p.output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`API at ${baseUrl} did not become healthy: ${last}`);
}

/** CPU seconds all processes of the machine have used (busy time from /proc/stat); NaN without /proc. */
export function machineBusySeconds(): number {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = first.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

export interface CpuSplit {
  /** CPU milliseconds per answered request, by who spent them. */
  apiMs: number;
  loadGeneratorMs: number;
  /** Everything else on the machine: PostgreSQL (and Redis, and anything else running). */
  restMs: number;
  /**
   * PostgreSQL alone: the CPU of the server processes serving the bench database (its
   * backends' utime + stime from /proc), so other work on a shared machine does not count.
   * NaN when not measured.
   */
  postgresMs: number;
}

/** Something that runs SQL on the bench database (the bench's own DataSource). */
export interface SqlRunner {
  query(sql: string): Promise<unknown>;
}

/** CPU seconds used so far by each PostgreSQL backend connected to the runner's database, by pid. */
async function postgresBackendSeconds(db: SqlRunner): Promise<Map<number, number>> {
  const rows = (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`)) as { pid: number }[];
  const seconds = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // the backend ended, or PostgreSQL runs elsewhere: not measured
    }
  }
  return seconds;
}

/** Runs `work` and splits the machine's CPU time it took between the API, this process and the rest. */
/** The CPU split of several rounds: each figure weighted by the round's requests. */
export function mergeCpu(parts: readonly { requests: number; cpu: CpuSplit }[]): CpuSplit {
  const total = parts.reduce((sum, p) => sum + p.requests, 0);
  const weighted = (key: keyof CpuSplit) =>
    Math.round((parts.reduce((sum, p) => sum + p.cpu[key] * p.requests, 0) / Math.max(1, total)) * 100) / 100;
  return { apiMs: weighted('apiMs'), loadGeneratorMs: weighted('loadGeneratorMs'), restMs: weighted('restMs'), postgresMs: weighted('postgresMs') };
}

export async function withCpuSplit<T extends { requests: number }>(
  api: BenchProcess,
  work: () => Promise<T>,
  db?: SqlRunner,
): Promise<T & { cpu: CpuSplit }> {
  const pg0 = db ? await postgresBackendSeconds(db) : null;
  const api0 = api.cpuSeconds();
  const self0 = process.cpuUsage();
  const all0 = machineBusySeconds();
  const result = await work();
  const apiS = api.cpuSeconds() - api0;
  const self = process.cpuUsage(self0);
  const selfS = (self.user + self.system) / 1e6;
  const allS = machineBusySeconds() - all0;
  let pgS = Number.NaN;
  if (db && pg0) {
    const pg1 = await postgresBackendSeconds(db);
    pgS = 0;
    for (const [pid, s] of pg1) pgS += s - (pg0.get(pid) ?? 0);
  }
  const per = (s: number) => Math.round((s * 1000 * 100) / Math.max(1, result.requests)) / 100;
  return {
    ...result,
    cpu: { apiMs: per(apiS), loadGeneratorMs: per(selfS), restMs: per(Math.max(0, allS - apiS - selfS)), postgresMs: Number.isNaN(pgS) ? Number.NaN : per(pgS) },
  };
}

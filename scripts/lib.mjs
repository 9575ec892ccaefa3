// Helpers shared by the start, dev and test scripts. Plain Node, no dependencies beyond
// what `npm ci` installs, so they run before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kindling';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function log(message) {
  process.stdout.write(`\x1b[36m[kindling]\x1b[0m ${message}\n`);
}

export function fail(message, code = 1) {
  process.stderr.write(`\x1b[31m[kindling]\x1b[0m ${message}\n`);
  process.exit(code);
}

/** Runs a command, inheriting stdio; exits the script when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    if (options.allowFailure) return result.status ?? 1;
    fail(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
  }
  return 0;
}

/** `npm ci` when node_modules is missing or was installed from another lockfile. */
export function ensureDependencies() {
  const lock = readFileSync('package-lock.json');
  const hash = createHash('sha256').update(lock).digest('hex');
  const marker = 'node_modules/.kindling-lock-hash';
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return;
  log('installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(marker, hash);
}

/**
 * Resolves true when a PostgreSQL or Redis server answers at host:port — by its protocol,
 * not just an accepted TCP connection (some networks accept any connection).
 */
export function reachable(host, port, kind, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.once('connect', () => {
      if (kind === 'redis') socket.write('PING\r\n');
      // PostgreSQL SSLRequest: length 8, code 80877103; the server answers 'S' or 'N'.
      else socket.write(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]));
    });
    socket.once('data', (data) => {
      const text = data.toString('latin1');
      done(kind === 'redis' ? /^(\+PONG|-NOAUTH|-ERR)/.test(text) : text === 'S' || text === 'N');
    });
  });
}

export function hostPort(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || defaultPort) };
}

const isLocal = (host) => ['127.0.0.1', '::1', 'localhost'].includes(host);
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

export const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
export const startRedisCommand = (port = 6379) => `redis-server --daemonize yes --bind 127.0.0.1 --port ${port} --save "" --appendonly no`;

/**
 * Checks PostgreSQL and Redis; starts a local one that is down when this machine can;
 * otherwise names the service, the address tried and the command that starts it, and exits.
 */
export async function ensureServices(databaseUrl, redisUrl) {
  const services = [
    { name: 'PostgreSQL', kind: 'postgres', variable: 'DATABASE_URL', url: databaseUrl, ...hostPort(databaseUrl, 5432), command: START_POSTGRES, canStart: () => have('pg_ctlcluster') && existsSync('/etc/postgresql') && hostPort(databaseUrl, 5432).port === 5432 },
    { name: 'Redis', kind: 'redis', variable: 'REDIS_URL', url: redisUrl, ...hostPort(redisUrl, 6379), command: startRedisCommand(hostPort(redisUrl, 6379).port), canStart: () => have('redis-server') },
  ];
  const problems = [];
  for (const s of services) {
    if (await reachable(s.host, s.port, s.kind)) continue;
    if (isLocal(s.host) && s.canStart()) {
      log(`${s.name} is not answering at ${s.host}:${s.port}; starting it: ${s.command}`);
      spawnSync('sh', ['-c', s.command], { stdio: 'inherit' });
      for (let i = 0; i < 20 && !(await reachable(s.host, s.port, s.kind)); i++) await new Promise((r) => setTimeout(r, 500));
      if (await reachable(s.host, s.port, s.kind)) continue;
    }
    problems.push(
      `${s.name} is not reachable at ${s.host}:${s.port} (${s.variable}=${redact(s.url)}).\n` +
        `    Start it with:  ${s.command}\n` +
        `    or with Docker: docker compose up -d ${s.name === 'Redis' ? 'redis' : 'postgres'}\n` +
        `    or point ${s.variable} at a running ${s.name}.`,
    );
  }
  if (problems.length) fail(problems.join('\n'));
}

export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** Starts a long-running child; returns it. Output is passed through, prefixed. */
export function startChild(name, command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[35m${name.padEnd(6)}\x1b[0m| `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  return child;
}

/** Stops children with SIGTERM, then SIGKILL after the bound; resolves when all exited. */
export function stopChildren(children, boundMs = 15_000) {
  return Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

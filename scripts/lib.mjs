// Helpers shared by the start, dev and test scripts. Plain Node, no dependencies beyond
// what `npm ci` installs, so they run before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

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
  // Set by tests that start the stack while other tests use node_modules.
  if (process.env.KINDLING_SKIP_INSTALL === '1') return;
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

/** Node 22 and 24 are supported; Node 20 (end of life, still on some machines) works with a warning. */
export function checkNodeVersion() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) fail(`Node.js ${process.versions.node} is too old: Kindling needs Node.js 22 or 24.`);
  if (major < 22) process.stderr.write(`\x1b[33m[kindling]\x1b[0m warning: Node.js ${process.versions.node} is past its end of life; Kindling supports Node.js 22 and 24 (Node 20 still works for now).\n`);
}

// ---------------------------------------------------------------------------------------
// System packages the tests use (Debian names). The browser tests drive Debian's Chromium;
// the PDF tests read text with poppler-utils and QR codes with zbar-tools.
export const SYSTEM_TOOLS = [
  { tool: 'chromium', package: 'chromium', present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
  { tool: 'pdftotext', package: 'poppler-utils', present: () => have('pdftotext') && have('pdftoppm') && have('pdfinfo') },
  { tool: 'zbarimg', package: 'zbar-tools', present: () => have('zbarimg') },
  // Only for the look of browser screenshots; nothing is skipped without it.
  { tool: 'DejaVu fonts', package: 'fonts-dejavu-core', optional: true, present: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') },
];

// KINDLING_ASSUME_MISSING=chromium,zbarimg pretends those are missing (to see the skip path).
const assumedMissing = () => (process.env.KINDLING_ASSUME_MISSING ?? '').split(',').filter(Boolean);
export const missingSystemTools = () => SYSTEM_TOOLS.filter((t) => assumedMissing().includes(t.tool) || !t.present());

const APT_LOG = '/tmp/kindling-apt.log';

/**
 * Installs the missing system packages with apt-get when this is Debian/Ubuntu and we are
 * root (or have passwordless sudo), printing one line that says what it installs. Otherwise
 * (or when KINDLING_NO_APT=1) it prints the command to run. Returns the tools still missing.
 */
export function ensureSystemTools() {
  let missing = missingSystemTools();
  if (missing.length === 0) return [];
  const packages = missing.map((t) => t.package);
  const debian = existsSync('/etc/debian_version') && have('apt-get');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && debian && have('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (debian && (root || sudo) && process.env.KINDLING_NO_APT !== '1') {
    log(`installing the system packages the tests use: ${packages.join(' ')} (apt-get; log in ${APT_LOG})`);
    const prefix = root ? '' : 'sudo -n ';
    const script = `${prefix}apt-get update -qq && ${prefix}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`;
    const r = spawnSync('sh', ['-c', `(${script}) >${APT_LOG} 2>&1`], { stdio: 'inherit' });
    if (r.status !== 0) {
      const tail = existsSync(APT_LOG) ? readFileSync(APT_LOG, 'utf8').trim().split('\n').slice(-3).join('\n    ') : '';
      warn(`apt-get failed (exit ${r.status ?? r.signal}); see ${APT_LOG}${tail ? `:\n    ${tail}` : ''}`);
    }
    missing = missingSystemTools();
  }
  if (missing.length > 0) {
    const names = missing.map((t) => t.package).join(' ');
    const how = debian ? `${root ? '' : 'sudo '}apt-get install -y ${names}` : `install ${missing.map((t) => t.tool).join(', ')} with your system's package manager (Debian/Ubuntu: apt-get install ${names})`;
    const required = missing.filter((t) => !t.optional);
    warn(`missing ${missing.map((t) => t.tool).join(', ')}${required.length ? ': the suites that need them are skipped' : ''}. To install: ${how}`);
  }
  return missing.filter((t) => !t.optional);
}

export function warn(message) {
  process.stderr.write(`\x1b[33m[kindling]\x1b[0m ${message}\n`);
}

// ---------------------------------------------------------------------------------------
// Up-to-date builds: a SHA-256 over the inputs' paths and contents, stored next to the output.

function listFiles(path, out = []) {
  if (!existsSync(path)) return out;
  const st = statSync(path);
  if (st.isFile()) {
    out.push(path);
    return out;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    listFiles(join(path, entry.name), out);
  }
  return out;
}

export function hashInputs(paths) {
  const hash = createHash('sha256');
  for (const file of paths.flatMap((p) => listFiles(p)).sort()) {
    hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** A build step's inputs, its stamp file and the outputs that must exist for it to count. */
export const BUILDS = {
  server: {
    inputs: ['apps/api/src', 'apps/worker/src', 'libs', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/copy-assets.mjs'],
    outputs: ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', 'dist/apps/api/src/cli/seed-demo.js', 'dist/libs/db/src/index.js'],
    stamp: 'dist/.kindling-build-server',
  },
  web: {
    inputs: ['apps/web', 'libs', 'package-lock.json'],
    outputs: ['dist/web/index.html'],
    stamp: 'dist/.kindling-build-web',
  },
};

/** Returns null when the build is up to date, or the hash to write once it has been rebuilt. */
export function staleBuild(name) {
  const b = BUILDS[name];
  const hash = hashInputs(b.inputs);
  const fresh = b.outputs.every((f) => existsSync(f)) && existsSync(b.stamp) && readFileSync(b.stamp, 'utf8') === hash;
  return fresh ? null : hash;
}


// Which test suites need a tool: found by what they use (the helpers in tests/support/browser.ts
// and libs/certificates/src/__tests__/poppler.ts, the browser harness, or the command itself).
const NEEDS = [
  { tool: 'chromium', pattern: /launchChromium|support\/browser\.js'|support\/harness\.js'/ },
  { tool: 'pdftotext', pattern: /PdfTools|__tests__\/poppler\.js'|support\/harness\.js'|'(pdftotext|pdftoppm|pdfinfo)'/ },
  { tool: 'zbarimg', pattern: /PdfTools|__tests__\/poppler\.js'|support\/harness\.js'|'zbarimg'/ },
];

/** The test files that need one of the missing tools, each with the tools it needs. */
export function suitesNeeding(missingTools) {
  const missing = new Set(missingTools.map((t) => t.tool));
  if (missing.size === 0) return [];
  const files = ['apps', 'libs', 'tests/integration', 'tests/browser', 'tests/faults']
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d, { recursive: true }).map((f) => join(d, f)))
    .filter((f) => /\.(spec|test)\.ts$/.test(f) && !f.includes('node_modules'))
    .sort();
  const out = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (text.includes('kindling-tools: none')) continue; // uses the helpers without the tools
    const needs = NEEDS.filter((n) => missing.has(n.tool) && n.pattern.test(text)).map((n) => n.tool);
    if (needs.length) out.push({ file, needs });
  }
  return out;
}

/**
 * jest arguments that load the given suites and run none of their tests (nor their hooks): a
 * name pattern that matches no test makes jest report every test in them as skipped.
 */
export function skipPassArgs(files) {
  return ['--runTestsByPath', ...files, '-t', '^\\0kindling: a tool is missing$'];
}

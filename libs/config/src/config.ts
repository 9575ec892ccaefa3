import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The whole runtime configuration, validated once at boot. Every process (api, worker,
 * scripts) calls loadConfig() and receives the same typed object; nothing else reads
 * process.env directly.
 */
export interface KindlingConfig {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  /** A PostgreSQL streaming replica for the reports and exports; null: everything reads the primary. */
  databaseReplicaUrl: string | null;
  /** Replay lag (ms) above which reads that allow the replica use the primary instead. */
  replicaMaxLagMs: number;
  redisUrl: string;
  /** Redis key prefix for BullMQ; hash-tagged so every key of a queue lands on one Cluster slot. */
  queuePrefix: string;
  /** Key prefix for rate-limit counters and other non-queue Redis state. */
  redisKeyPrefix: string;
  port: number;
  publicUrl: string;
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long a successful check at an identity provider (refresh-token grant) is trusted before the next Kindling refresh asks again. */
  ssoProviderCheckSeconds: number;
  admin: { email: string; password: string } | null;
  selfRegistration: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  corsOrigins: string[];
  bodyLimit: string;
  logLevel: string;
  pdfStorage: { kind: 'postgres' } | { kind: 'directory'; path: string };
  workerConcurrency: number;
  shutdownTimeoutMs: number;
  /** Sweep: completions without a certificate older than this are re-enqueued. */
  certificateSweepDelayMs: number;
  /** Worker: how often the enrolment-counter consistency check runs (0: never). */
  counterCheckIntervalMs: number;
  webDistDir: string | null;
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses, CIDRs or Express's names such as
   * `loopback`). Empty: the socket address is the client address.
   */
  trustProxy: string[];
  /** Server secret keying the pseudonyms of impact exports (HMAC); never derivable from ids. */
  pseudonymSecret: string;
  /**
   * Key sealing stored secrets (identity-provider client secrets, issuer signing keys):
   * SECRETS_KEY (at least 32 characters), else derived from the JWT secret under a label.
   * Rotating it makes sealed values unreadable: keep it as long as the data.
   */
  secretsKey: Buffer;
  /** Load the demo organisation into an empty database: KINDLING_DEMO, else "not in production". */
  demoData: boolean;
  /** Dispatched outbox rows are deleted after this many hours. */
  outboxRetentionHours: number;
  /**
   * Learners whose every enrolment was withdrawn more than this many days ago are anonymised
   * by the worker (RETENTION_WITHDRAWN_DAYS; 0 switches the rule off).
   */
  retentionWithdrawnDays: number;
  /**
   * A certificate of a course that must be renewed gets its holder enrolled in a renewal round
   * this many days before it expires (RENEWAL_LEAD_DAYS; 0 switches automatic renewal off).
   */
  renewalLeadDays: number;
  /**
   * An accredited course (accreditation hours set) must require at least this share of its hours
   * as minimum learning time before it can be published (ACCREDITED_MIN_TIME_RATIO, 0–1).
   */
  accreditedMinTimeRatio: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
  }
}

const bool = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['true', '1', 'yes'].includes(v.toLowerCase())) return true;
      if (['false', '0', 'no'].includes(v.toLowerCase())) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false` });
      return z.NEVER;
    });

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        const u = new URL(v);
        return protocols.includes(u.protocol) && u.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/kindling'),
  DATABASE_REPLICA_URL: url(['postgres:', 'postgresql:']).optional(),
  REPLICA_MAX_LAG_MS: positiveInt.default(5_000),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  KINDLING_QUEUE_PREFIX: z.string().min(1).default('{kindling}'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(60 * 60 * 24 * 14),
  SSO_PROVIDER_CHECK_SECONDS: positiveInt.default(300),
  KINDLING_ADMIN_EMAIL: z.string().email('must be an e-mail address').optional(),
  KINDLING_ADMIN_PASSWORD: z.string().optional(),
  KINDLING_SELF_REGISTRATION: bool('KINDLING_SELF_REGISTRATION', true),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().default('Kindling <no-reply@kindling.local>'),
  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 10mb').default('10mb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PDF_STORAGE: z.enum(['postgres', 'directory']).default('postgres'),
  PDF_STORAGE_DIR: z.string().default('storage/pdfs'),
  WORKER_CONCURRENCY: positiveInt.default(4),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  CERTIFICATE_SWEEP_DELAY_MS: positiveInt.default(30_000),
  COUNTER_CHECK_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  WEB_DIST_DIR: z.string().optional(),
  TRUST_PROXY: z.string().default(''),
  PSEUDONYM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  KINDLING_DEMO: z.string().optional(),
  OUTBOX_RETENTION_HOURS: z.coerce.number().min(0).default(24),
  RETENTION_WITHDRAWN_DAYS: z.coerce.number().int().min(0).default(730),
  RENEWAL_LEAD_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  ACCREDITED_MIN_TIME_RATIO: z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0.5),
});

const developmentSecret = randomBytes(32).toString('hex');

function firstIssue(error: z.ZodError): ConfigError {
  const issue = error.issues[0];
  const variable = String(issue?.path[0] ?? 'configuration');
  return new ConfigError(variable, issue?.message ?? 'is invalid');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KindlingConfig {
  // Empty strings count as unset, as they do in most shells' `VAR= command`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) throw firstIssue(parsed.error);
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  if ((e.KINDLING_ADMIN_EMAIL === undefined) !== (e.KINDLING_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      e.KINDLING_ADMIN_EMAIL ? 'KINDLING_ADMIN_PASSWORD' : 'KINDLING_ADMIN_EMAIL',
      'must be set together with the other admin variable',
    );
  }
  let demoData = e.NODE_ENV !== 'production';
  if (e.KINDLING_DEMO !== undefined) {
    const v = e.KINDLING_DEMO.toLowerCase();
    if (['true', '1', 'yes'].includes(v)) demoData = true;
    else if (['false', '0', 'no'].includes(v)) demoData = false;
    else throw new ConfigError('KINDLING_DEMO', 'must be true or false');
  }
  const jwtSecret = e.JWT_SECRET ?? developmentSecret;
  const corsOrigins = e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL ?? null,
    replicaMaxLagMs: e.REPLICA_MAX_LAG_MS,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.KINDLING_QUEUE_PREFIX,
    redisKeyPrefix: `${e.KINDLING_QUEUE_PREFIX}:rl`,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    jwtSecret,
    jwtIssuer: 'kindling',
    jwtAudience: 'kindling-api',
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    ssoProviderCheckSeconds: e.SSO_PROVIDER_CHECK_SECONDS,
    admin:
      e.KINDLING_ADMIN_EMAIL && e.KINDLING_ADMIN_PASSWORD
        ? { email: e.KINDLING_ADMIN_EMAIL.toLowerCase(), password: e.KINDLING_ADMIN_PASSWORD }
        : null,
    selfRegistration: e.KINDLING_SELF_REGISTRATION,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    corsOrigins,
    bodyLimit: e.BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    pdfStorage: e.PDF_STORAGE === 'directory' ? { kind: 'directory', path: e.PDF_STORAGE_DIR } : { kind: 'postgres' },
    workerConcurrency: e.WORKER_CONCURRENCY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    certificateSweepDelayMs: e.CERTIFICATE_SWEEP_DELAY_MS,
    counterCheckIntervalMs: e.COUNTER_CHECK_INTERVAL_MS,
    webDistDir: e.WEB_DIST_DIR ?? null,
    trustProxy: e.TRUST_PROXY.split(',').map((s) => s.trim()).filter(Boolean),
    // Without its own secret, the pseudonym key is derived from the JWT secret under a label,
    // so it is still a server secret (and a different key from the one signing tokens).
    pseudonymSecret: e.PSEUDONYM_SECRET ?? createHmac('sha256', jwtSecret).update('kindling:pseudonym-key').digest('hex'),
    secretsKey: createHmac('sha256', e.SECRETS_KEY ?? jwtSecret).update('kindling:secrets-key').digest(),
    demoData,
    outboxRetentionHours: e.OUTBOX_RETENTION_HOURS,
    retentionWithdrawnDays: e.RETENTION_WITHDRAWN_DAYS,
    renewalLeadDays: e.RENEWAL_LEAD_DAYS,
    accreditedMinTimeRatio: e.ACCREDITED_MIN_TIME_RATIO,
  };
}

/** For process entry points: load the configuration or print one line naming the variable and exit. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): KindlingConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { Redis } from 'ioredis';

/** What an access token carries so the guard can trust it without PostgreSQL: the store's epoch and the user's version. */
export interface SessionStamp {
  /** the store's epoch when the token was issued */
  ep: string;
  /** the user's memberships/roles version when the token was issued */
  mv: string;
}

/**
 * - current: the token's epoch and version are Redis's and its session is not revoked — trust its claims;
 * - revoked: its session was ended (sign-out, refresh-token reuse, takeover, password reset);
 * - stale: roles or memberships changed since it was issued (or Redis lost its data) — load the actor from PostgreSQL;
 * - unknown: Redis did not answer in time — check PostgreSQL as before.
 */
export type SessionCheck = 'current' | 'revoked' | 'stale' | 'unknown';

/** How long the request path waits for Redis before it asks PostgreSQL instead. */
const CHECK_TIMEOUT_MS = 250;
const BATCH = 1_000;

const STAMP_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
redis.call('SET', KEYS[2], ARGV[2], 'NX', 'EX', ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return redis.call('MGET', KEYS[1], KEYS[2])`;

const fresh = () => randomBytes(9).toString('base64url');

/**
 * The Redis side of session checks, shared by the API (every authenticated request, sign-in,
 * sign-out, membership and role changes) and the worker (bulk enrolment adds memberships).
 *
 * Keys under `<KINDLING_QUEUE_PREFIX>:auth:` (the hash-tagged prefix keeps them in one Redis
 * Cluster slot, so the request path reads them with one MGET):
 * - `epoch` — a random value; access tokens carry the one they were issued under (`ep`);
 * - `v:<userId>` — a random value replaced whenever the user's roles or memberships change; tokens carry it (`mv`);
 * - `rev:<familyId>` — set when a session family is revoked, kept as long as an access token lives.
 *
 * A token is trusted on its own claims only when its `ep` and `mv` equal Redis's and its session
 * is not marked revoked; anything else goes to PostgreSQL, the source of truth. Version changes
 * are written after the change commits (so a token minted meanwhile is stale, never wrong);
 * revocation markers may be written before. When a write fails (Redis down), the epoch is
 * replaced as soon as Redis answers again, so every token issued before falls back to
 * PostgreSQL; a Redis that lost its data has no epoch, which has the same effect.
 * Requires `maxmemory-policy noeviction` (as BullMQ does): an evicted marker would be forgotten.
 */
@Injectable()
export class SessionVersions implements OnApplicationShutdown {
  private readonly logger = new Logger(SessionVersions.name);
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly revokedTtl: number;
  private readonly versionTtl: number;
  private epochResetPending = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(@Inject(KINDLING_CONFIG) config: KindlingConfig) {
    this.prefix = `${config.queuePrefix}:auth:`;
    this.revokedTtl = config.accessTokenTtlSeconds + 60;
    this.versionTtl = config.refreshTokenTtlSeconds + config.accessTokenTtlSeconds;
    // Its own connection without an offline queue: while Redis is away, commands fail at once
    // and the request path asks PostgreSQL instead of waiting.
    // Auto-pipelining: the checks of requests that arrive together leave in one write to the
    // socket (one syscall for many MGETs under load; nothing changes for a lone request).
    this.redis = new Redis(config.redisUrl, {
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 200, 1_000),
    });
    this.redis.on('error', () => undefined);
    this.redis.on('ready', () => void this.resetEpochIfPending());
  }

  private key(kind: 'epoch' | 'v' | 'rev', id?: string): string {
    return kind === 'epoch' ? `${this.prefix}epoch` : `${this.prefix}${kind}:${id}`;
  }

  /** The epoch and the user's version for a token being issued; null when Redis is unavailable (the token then always goes to PostgreSQL). */
  async stamp(userId: string): Promise<SessionStamp | null> {
    if (this.redis.status !== 'ready' || this.epochResetPending) return null;
    try {
      const [ep, mv] = (await this.redis.eval(STAMP_SCRIPT, 2, this.key('epoch'), this.key('v', userId), fresh(), fresh(), String(this.versionTtl))) as [
        string | null,
        string | null,
      ];
      return ep && mv ? { ep, mv } : null;
    } catch {
      return null;
    }
  }

  /** The request path: one MGET. Never throws; 'unknown' when Redis does not answer within a quarter second. */
  async check(userId: string, familyId: string | undefined, stamp: Partial<SessionStamp>): Promise<SessionCheck> {
    if (this.redis.status !== 'ready') return 'unknown';
    const keys = [this.key('epoch'), this.key('v', userId)];
    if (familyId) keys.push(this.key('rev', familyId));
    let timer: NodeJS.Timeout | undefined;
    try {
      const values = await Promise.race([
        this.redis.mget(keys),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), CHECK_TIMEOUT_MS);
        }),
      ]);
      if (!values) return 'unknown';
      if (familyId && values[2] !== null) return 'revoked';
      return stamp.ep !== undefined && stamp.mv !== undefined && values[0] === stamp.ep && values[1] === stamp.mv ? 'current' : 'stale';
    } catch {
      return 'unknown';
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Marks session families revoked (safe before the revocation commits: it only makes the check stricter). Never throws. */
  async sessionsRevoked(familyIds: string[]): Promise<void> {
    await this.write(familyIds, (pipe, id) => pipe.set(this.key('rev', id), '1', 'EX', this.revokedTtl));
  }

  /** Roles or memberships of these users changed: call AFTER the change commits. Never throws. */
  async actorsChanged(userIds: string[]): Promise<void> {
    await this.write(userIds, (pipe, id) => pipe.set(this.key('v', id), fresh(), 'EX', this.versionTtl));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.retry) clearInterval(this.retry);
    this.redis.disconnect();
  }

  private async write(ids: string[], add: (pipe: ReturnType<Redis['pipeline']>, id: string) => void): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    try {
      if (this.redis.status !== 'ready') throw new Error(`Redis is ${this.redis.status}`);
      for (let i = 0; i < unique.length; i += BATCH) {
        const pipe = this.redis.pipeline();
        for (const id of unique.slice(i, i + BATCH)) add(pipe, id);
        const results = (await pipe.exec()) ?? [];
        const failed = results.find(([err]) => err);
        if (failed) throw failed[0];
      }
    } catch (e) {
      this.logger.warn(`session store not written (${(e as Error).message}); every access token will be checked in PostgreSQL once Redis answers`);
      this.scheduleEpochReset();
    }
  }

  private scheduleEpochReset(): void {
    this.epochResetPending = true;
    this.retry ??= setInterval(() => void this.resetEpochIfPending(), 250);
    this.retry.unref();
  }

  private async resetEpochIfPending(): Promise<void> {
    if (!this.epochResetPending || this.redis.status !== 'ready') return;
    try {
      await this.redis.set(this.key('epoch'), fresh());
      this.epochResetPending = false;
      if (this.retry) clearInterval(this.retry);
      this.retry = null;
      this.logger.warn('session store epoch replaced after a failed write: tokens issued before are checked in PostgreSQL');
    } catch {
      // still away; the interval tries again
    }
  }
}

/** Provides the one SessionVersions (one Redis connection) of a process; imported by the auth and enrolment modules. */
@Global()
@Module({ providers: [SessionVersions], exports: [SessionVersions] })
export class SessionVersionsModule {}

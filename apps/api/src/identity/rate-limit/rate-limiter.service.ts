import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.module.js';
import { DomainError } from '../../common/errors/domain-error.js';

/** How many hits a bucket allows within a fixed window. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

export interface RateState {
  count: number;
  /** seconds until the window resets (0 when the bucket is empty) */
  retryAfterSeconds: number;
}

/** INCR and, on the first hit, start the window; one round trip, atomic. */
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** Sign-in: five failures per account, a hundred per address (a school behind one IP), per 15 minutes. */
export const SIGN_IN_ACCOUNT_RULE: RateRule = { limit: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_IP_RULE: RateRule = { limit: 100, windowSeconds: 15 * 60 };

/**
 * Fixed-window counters in Redis, so every API replica sees the same counts. Identifiers
 * (e-mail addresses, user names, IPs) are hashed into the key, so Redis holds no personal
 * data in clear.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  key(bucket: string, id: string): string {
    return rateLimitKey(this.config.redisKeyPrefix, bucket, id);
  }

  /** Counts one hit and returns the new state. */
  async hit(bucket: string, id: string, rule: RateRule): Promise<RateState> {
    const reply = (await this.redis.eval(HIT_SCRIPT, 1, this.key(bucket, id), String(rule.windowSeconds))) as [number, number];
    return { count: Number(reply[0]), retryAfterSeconds: Math.max(1, Number(reply[1])) };
  }

  /** The current state without counting. */
  async peek(bucket: string, id: string): Promise<RateState> {
    const key = this.key(bucket, id);
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
    return { count: Number(count ?? 0), retryAfterSeconds: Math.max(0, ttl) };
  }

  async reset(bucket: string, id: string): Promise<void> {
    await this.redis.del(this.key(bucket, id));
  }

  /** Throws 429 with Retry-After when the bucket is already full (does not count). */
  async assertNotExceeded(bucket: string, id: string, rule: RateRule, message = 'too many attempts; try again later'): Promise<void> {
    const state = await this.peek(bucket, id);
    if (state.count >= rule.limit) throw tooManyRequests(message, state.retryAfterSeconds);
  }

  /** Counts one hit and throws 429 with Retry-After when it goes over the limit. */
  async consume(bucket: string, id: string, rule: RateRule, message = 'too many requests; try again later'): Promise<void> {
    const state = await this.hit(bucket, id, rule);
    if (state.count > rule.limit) throw tooManyRequests(message, state.retryAfterSeconds);
  }
}

export function rateLimitKey(prefix: string, bucket: string, id: string): string {
  const digest = createHash('sha256').update(id.toLowerCase()).digest('base64url').slice(0, 24);
  return `${prefix}:${bucket}:${digest}`;
}

export function tooManyRequests(message: string, retryAfterSeconds: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new DomainError('too_many_requests', `${message} (retry in ${seconds} s)`, { 'Retry-After': String(seconds) });
}

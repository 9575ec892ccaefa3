import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.module.js';
import { DomainError, msg, type MessageLike } from '@kindling/common';

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

/**
 * Reserves one attempt in every bucket, or in none: when any bucket is already at its limit
 * nothing is counted and the answer is {0, seconds until that bucket empties}. KEYS are the
 * buckets, ARGV holds limit and window per bucket. One script, so parallel requests cannot
 * all slip through between a check and a count.
 */
const RESERVE_SCRIPT = `
for i = 1, #KEYS do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n >= tonumber(ARGV[2 * i - 1]) then
    local ttl = redis.call('TTL', KEYS[i])
    if ttl < 0 then redis.call('EXPIRE', KEYS[i], ARGV[2 * i]); ttl = tonumber(ARGV[2 * i]) end
    return {0, ttl, i}
  end
end
for i = 1, #KEYS do
  local n = redis.call('INCR', KEYS[i])
  if n == 1 or redis.call('TTL', KEYS[i]) < 0 then redis.call('EXPIRE', KEYS[i], ARGV[2 * i]) end
end
return {1, 0}`;

/** Gives one reserved attempt back (never below zero, never a key without expiry). */
const REFUND_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return n`;

/**
 * Sign-in: five attempts per account, a hundred per address (a school behind one IP), per 15
 * minutes. An attempt is reserved before the password is checked and given back when it
 * succeeds, so only failures (and attempts in flight) fill a bucket.
 */
export const SIGN_IN_ACCOUNT_RULE: RateRule = { limit: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_IP_RULE: RateRule = { limit: 100, windowSeconds: 15 * 60 };
/**
 * A browser that presents a valid device cookie for the account (it signed in there before)
 * spends its own allowance instead of the account's shared one, so strangers guessing the
 * password cannot lock the owner out of their usual browser (OWASP "device cookies").
 */
export const SIGN_IN_DEVICE_RULE: RateRule = { limit: 5, windowSeconds: 15 * 60 };
/** Registration: per e-mail address and per client address. */
export const REGISTER_EMAIL_RULE: RateRule = { limit: 5, windowSeconds: 60 * 60 };
export const REGISTER_IP_RULE: RateRule = { limit: 30, windowSeconds: 15 * 60 };
/** Password-reset requests: per e-mail address (answered 429, known or not) and per client address. */
export const RESET_EMAIL_RULE: RateRule = { limit: 3, windowSeconds: 60 * 60 };
export const RESET_IP_RULE: RateRule = { limit: 20, windowSeconds: 15 * 60 };

/** One bucket of a reservation. */
export interface RateSlot {
  bucket: string;
  id: string;
  rule: RateRule;
  /** the 429 message when this bucket is the one that is full */
  message?: MessageLike;
}

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
  async assertNotExceeded(bucket: string, id: string, rule: RateRule, message: MessageLike = msg('errors.rateLimit.attempts')): Promise<void> {
    const state = await this.peek(bucket, id);
    if (state.count >= rule.limit) throw tooManyRequests(message, state.retryAfterSeconds);
  }

  /**
   * Atomically reserves one attempt in every slot; throws 429 with Retry-After (and counts
   * nothing) when any of them is already at its limit.
   */
  async reserve(slots: RateSlot[], message: MessageLike = msg('errors.rateLimit.attempts')): Promise<void> {
    if (slots.length === 0) return;
    const keys = slots.map((s) => this.key(s.bucket, s.id));
    const args = slots.flatMap((s) => [String(s.rule.limit), String(s.rule.windowSeconds)]);
    const reply = (await this.redis.eval(RESERVE_SCRIPT, keys.length, ...keys, ...args)) as [number, number, number?];
    if (Number(reply[0]) !== 1) throw tooManyRequests(slots[Number(reply[2] ?? 1) - 1]?.message ?? message, Number(reply[1]));
  }

  /** Gives back one attempt reserved with `reserve` (a success is not a failure). */
  async refund(bucket: string, id: string): Promise<void> {
    await this.redis.eval(REFUND_SCRIPT, 1, this.key(bucket, id));
  }

  /** Counts one hit and throws 429 with Retry-After when it goes over the limit. */
  async consume(bucket: string, id: string, rule: RateRule, message: MessageLike = msg('errors.rateLimit.requests')): Promise<void> {
    const state = await this.hit(bucket, id, rule);
    if (state.count > rule.limit) throw tooManyRequests(message, state.retryAfterSeconds);
  }
}

export function rateLimitKey(prefix: string, bucket: string, id: string): string {
  const digest = createHash('sha256').update(id.toLowerCase()).digest('base64url').slice(0, 24);
  return `${prefix}:${bucket}:${digest}`;
}

export function tooManyRequests(message: MessageLike, retryAfterSeconds: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new DomainError('too_many_requests', msg('errors.rateLimit.retry', { message, seconds }), { 'Retry-After': String(seconds) });
}

import { Redis, type RedisOptions } from 'ioredis';

/**
 * One ioredis connection built from REDIS_URL. BullMQ workers need
 * maxRetriesPerRequest: null (blocking commands); other clients fail after one retry.
 */
export function createRedis(redisUrl: string, purpose: 'queue' | 'client'): Redis {
  const options: RedisOptions = {
    lazyConnect: false,
    // Commands wait for the (re)connection instead of failing at once: right after start-up
    // the client is still connecting. Non-queue callers give up after one retry.
    enableOfflineQueue: true,
    maxRetriesPerRequest: purpose === 'queue' ? null : 1,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  };
  return new Redis(redisUrl, options);
}

/** BullMQ loses jobs silently under eviction; the worker warns when the policy is wrong. */
export async function evictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as unknown as string[];
    return reply[1] ?? null;
  } catch {
    return null; // CONFIG is disabled on some managed Redis services.
  }
}

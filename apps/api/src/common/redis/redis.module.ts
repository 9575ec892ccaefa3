import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { createRedis } from '@kindling/queue';
import type { Redis } from 'ioredis';

/** A general-purpose Redis client (health, rate limits). Queue connections are separate. */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [KINDLING_CONFIG],
      useFactory: (config: KindlingConfig): Redis => {
        const redis = createRedis(config.redisUrl, 'client');
        redis.on('error', () => undefined); // reported through /api/health, not as crashes
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { HealthRepository } from '@kindling/db';
import { Public } from '../common/auth/policy.js';
import { REDIS } from '../common/redis/redis.module.js';
import { HealthView } from './dto/health.dto.js';

type Up = 'up' | 'down';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and dependencies: 200 when PostgreSQL and Redis answer, 503 naming what is down' })
  @ApiResponse({ status: 200, type: HealthView, description: '{status:"ok", db:"up", redis:"up"}' })
  @ApiResponse({ status: 503, description: '{status:"error", db, redis, message} naming the dependency that is down' })
  async health(@Res() res: Response): Promise<void> {
    const [db, redis] = await Promise.all([
      withTimeout(this.database.ping(), 2_000).then((): Up => 'up', (): Up => 'down'),
      withTimeout(this.redis.ping(), 2_000).then((): Up => 'up', (): Up => 'down'),
    ]);
    if (db === 'up' && redis === 'up') {
      res.status(HttpStatus.OK).json({ status: 'ok', db, redis });
      return;
    }
    const down = [db === 'down' ? 'PostgreSQL' : null, redis === 'down' ? 'Redis' : null].filter(Boolean).join(' and ');
    res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'error', db, redis, message: `${down} unreachable` });
  }
}

/** A route that does nothing: the baseline the benchmarks compare real endpoints with. */
@ApiTags('health')
@Controller('bench')
export class BenchBaselineController {
  @Get('noop')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'No-op (204, no I/O): the same process and middleware as every route, for benchmark baselines' })
  noop(): void {}
}

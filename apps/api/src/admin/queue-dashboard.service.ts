import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { createRedis, QueueName } from '@kindling/queue';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response, Router } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ACCESS_COOKIE } from '../common/auth/jwt.strategy.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board over Kindling's queues at /admin/queues, for platform admins only: the same
 * access token (cookie or bearer) the API accepts, and the admin role read from the database
 * on every request. Anyone else is sent to sign in, or told it does not exist.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private connection: Redis | null = null;
  private queues: Queue[] = [];
  private readonly jwt = new JwtService();

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly dataSource: DataSource,
  ) {}

  router(): Router {
    this.connection = createRedis(this.config.redisUrl, 'queue');
    this.connection.on('error', () => undefined);
    this.queues = Object.values(QueueName).map((name) => new Queue(name, { connection: this.connection!, prefix: this.config.queuePrefix }));
    const adapter = new ExpressAdapter();
    adapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: this.queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'Kindling queues' } } });
    return adapter.getRouter() as Router;
  }

  /** Express middleware: admins pass; a signed-out browser goes to sign-in; others get 404. */
  readonly adminOnly = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const header = req.headers.authorization;
      const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : cookies?.[ACCESS_COOKIE];
      if (!token) {
        res.redirect(302, `/sign-in?next=${encodeURIComponent(QUEUE_DASHBOARD_PATH)}`);
        return;
      }
      const claims = await this.jwt.verifyAsync<{ sub: string }>(token, {
        secret: this.config.jwtSecret,
        algorithms: ['HS256'],
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
      });
      const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM users WHERE id = $1 AND 'admin' = ANY(platform_roles)`, [claims.sub]);
      if (rows.length === 1) return next();
    } catch {
      // an invalid or expired token is treated like no admin at all
    }
    res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'Not found' });
  };

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
    this.connection?.disconnect();
  }
}

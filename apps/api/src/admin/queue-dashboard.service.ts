import { Inject, Injectable, type OnApplicationShutdown, UnauthorizedException } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { createRedis, QueueName } from '@kindling/queue';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response, Router } from 'express';
import type { Redis } from 'ioredis';
import passport from 'passport';
import { UsersRepository } from '@kindling/db';
import { DomainError, msg } from '@kindling/common';
import { localeFromAcceptLanguage } from '@kindling/domain';
import { translateMessage } from '@kindling/i18n';
import type { AccessTokenClaims } from '../common/auth/actor.js';
import { ACCESS_COOKIE } from '../common/auth/jwt.strategy.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The only methods that reach Bull Board: it reads, it never writes. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Bull Board over Kindling's queues at /admin/queues, for platform admins only, and read-only.
 *
 * Authentication is the API's own: the request goes through the same passport 'jwt' strategy
 * as every route (pinned algorithm, issuer, audience, expiry, and the session family checked
 * against refresh_tokens), so a token whose session was signed out or revoked gets 401 here
 * as everywhere. The admin role is read from the database on every request.
 *
 * Read-only twice over: every queue adapter is in Bull Board's readOnlyMode (its UI hides the
 * buttons, its API answers 405 on the queue routes), and before Bull Board sees a request any
 * method other than GET/HEAD is refused with 405 — so no add, retry, promote, clean, remove,
 * pause, resume, empty, obliterate or update, also on routes a Bull Board upgrade may add.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private connection: Redis | null = null;
  private queues: Queue[] = [];

  constructor(
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly users: UsersRepository,
  ) {}

  router(): Router {
    this.connection = createRedis(this.config.redisUrl, 'queue');
    this.connection.on('error', () => undefined);
    this.queues = Object.values(QueueName).map((name) => new Queue(name, { connection: this.connection!, prefix: this.config.queuePrefix }));
    const adapter = new ExpressAdapter();
    adapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true, allowRetries: false })),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: 'Kindling queues (read-only)' } },
    });
    return adapter.getRouter() as Router;
  }

  /** The access token's claims as the API's JwtStrategy validates them; null when there is no valid token. */
  private authenticate(req: Request, res: Response): Promise<AccessTokenClaims | null> {
    return new Promise((resolve, reject) => {
      const handler = passport.authenticate('jwt', { session: false }, (error: unknown, claims: AccessTokenClaims | false) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(claims || null);
      }) as (req: Request, res: Response, next: NextFunction) => void;
      handler(req, res, (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(null)));
    });
  }

  /**
   * Express middleware in front of Bull Board: a signed-out browser goes to sign-in; a token
   * whose session has ended gets 401; a valid token of anyone but an admin gets 404 (as does a
   * forged or malformed one); an admin passes for GET/HEAD only (405 otherwise).
   */
  readonly adminOnly = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization;
    const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : cookies?.[ACCESS_COOKIE];
    if (!token) {
      res.redirect(302, `/sign-in?next=${encodeURIComponent(QUEUE_DASHBOARD_PATH)}`);
      return;
    }
    const locale = localeFromAcceptLanguage(req.headers['accept-language']) ?? 'en';
    let claims: AccessTokenClaims | null;
    try {
      claims = await this.authenticate(req, res);
    } catch (error) {
      if (error instanceof UnauthorizedException) {
        res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: error.message });
        return;
      }
      if (error instanceof DomainError && error.code === 'unauthenticated') {
        const message = Array.isArray(error.messages) ? error.messages[0] : error.messages;
        res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: typeof message === 'string' || message === undefined ? (message ?? 'Unauthorized') : translateMessage(locale, message) });
        return;
      }
      claims = null;
    }
    if (claims) {
      const admin = await this.users.isPlatformAdmin(claims.sub).catch(() => false);
      if (admin) {
        if (READ_METHODS.has(req.method)) return next();
        res.set('Allow', 'GET, HEAD');
        res.status(405).json({ statusCode: 405, error: 'Method Not Allowed', message: translateMessage(locale, msg('request.dashboardReadOnly')) });
        return;
      }
    }
    res.status(404).json({ statusCode: 404, error: 'Not Found', message: translateMessage(locale, msg('request.notFound')) });
  };

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
    this.connection?.disconnect();
  }
}
